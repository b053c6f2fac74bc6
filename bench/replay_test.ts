import { assertEquals, assertStringIncludes } from "@std/assert";
import { readSchema, validateJson } from "../_tools/json_schema.ts";
import { main } from "./replay.ts";
import { capture } from "./_capture_io.ts";

const SCHEMA = readSchema(new URL("./replay_report.schema.json", import.meta.url));
const MACHINE = readSchema(new URL("./machine.schema.json", import.meta.url));

async function writeTrace(path: string, trace: unknown): Promise<void> {
  const gz = new Blob([JSON.stringify(trace)]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  await Deno.writeFile(path, new Uint8Array(await new Response(gz).arrayBuffer()));
}

const TRACE = {
  startContent: "",
  endContent: "\\begin{align}\na &= b\n\\end{align}\n",
  txns: [
    { patches: [[0, 0, "\\begin{align}\n\\end{align}\n"]] },
    { patches: [[14, 0, "a &= b\n"]] },
  ],
};

Deno.test("replay main() replays a trace file and writes the JSON report", async () => {
  const dir = Deno.makeTempDirSync();
  await writeTrace(`${dir}/t.json.gz`, TRACE);
  const { out, io } = capture();
  const status = await main(
    ["--trace", `${dir}/t.json.gz`, "--check-every", "1", "--report", `${dir}/out/r.json`],
    io,
  );
  assertEquals(status, 0);
  const text = out.join("\n");
  assertStringIncludes(text, "t.json.gz: 2 edits in 2 txns");
  assertStringIncludes(text, "final text equals endContent");
  const report = JSON.parse(Deno.readTextFileSync(`${dir}/out/r.json`));
  assertEquals(validateJson(SCHEMA, report, { refs: [MACHINE] }), []);
  assertEquals(validateJson(SCHEMA, { ...report, checkEvery: 1 }, { refs: [MACHINE] }), [
    "$.checkEvery: not allowed (additionalProperties is false)",
  ]);
  assertEquals(report.check_every, 1);
  assertEquals(report.traces[0].edits, 2);
  assertEquals(report.traces[0].checks, 2);
  assertEquals(report.traces[0].mismatch, null);
  assertEquals(Object.keys(report.traces[0].per_edit_ms), ["mean", "p50", "p99", "p999", "max"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("replay main() exits 1 when the final text differs from endContent", async () => {
  const dir = Deno.makeTempDirSync();
  await writeTrace(`${dir}/t.json.gz`, { ...TRACE, endContent: "other" });
  const { out, io } = capture();
  assertEquals(await main(["--trace", `${dir}/t.json.gz`], io), 1);
  assertStringIncludes(out.join("\n"), "FINAL TEXT DIFFERS");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("replay main() rejects bad options and unreadable traces with status 2", async () => {
  assertEquals(await main(["--limit", "0"], capture().io), 2);
  assertEquals(await main(["--bogus"], capture().io), 2);
  const { err, io } = capture();
  assertEquals(await main(["--trace", "/nonexistent/trace.json.gz"], io), 2);
  assertStringIncludes(
    err.join("\n"),
    "replay: error: --trace /nonexistent/trace.json.gz: no such file",
  );
  const dir = Deno.makeTempDirSync();
  const folder = capture();
  assertEquals(await main(["--trace", dir], folder.io), 2);
  assertStringIncludes(folder.err.join("\n"), `--trace ${dir}: a directory, not a file`);
  Deno.removeSync(dir);
});

Deno.test("replay main() replays the start of the automerge-paper trace, or skips", async () => {
  const { out, err, io } = capture();
  assertEquals(await main(["--limit", "2000", "--check-every", "1000"], io), 0);
  const text = out.join("\n") + err.join("\n");
  if (!text.includes("is absent")) assertStringIncludes(text, "2000 edits");
});
