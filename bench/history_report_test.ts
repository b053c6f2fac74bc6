import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { main } from "./history_report.ts";
import { main as perf } from "./perf.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

Deno.test("perf:report main() prints the trend and writes SVG charts", async () => {
  const dir = Deno.makeTempDirSync();
  const args = [
    "--quick",
    "--sizes",
    "2",
    "--memory-size",
    "4",
    "--report",
    `${dir}/r.json`,
    "--action-json",
    `${dir}/a.json`,
    "--db",
    `${dir}/history.sqlite`,
    "--record",
  ];
  await perf(args, capture().io);
  await perf(args, capture().io);
  const { out, io } = capture();
  const status = await main(
    ["--db", `${dir}/history.sqlite`, "--out", `${dir}/charts`, "--markdown", `${dir}/t.md`],
    io,
  );
  assertEquals(status, 0);
  const text = out.join("\n");
  assertStringIncludes(text, "# Performance history");
  assertStringIncludes(text, "2 run(s) recorded");
  assertStringIncludes(text, "| single_char_2KB |");
  assertEquals(Deno.readTextFileSync(`${dir}/t.md`).trim(), text.trim());
  const files = [...Deno.readDirSync(`${dir}/charts`)].map((e) => e.name).sort();
  assertEquals(files, [
    "latency_large.svg",
    "latency_line.svg",
    "latency_memory.svg",
    "latency_paragraph.svg",
    "latency_section.svg",
    "latency_single_char.svg",
    "memory.svg",
  ]);
  for (const file of files) {
    const svg = Deno.readTextFileSync(`${dir}/charts/${file}`);
    assert(svg.startsWith("<svg") && svg.endsWith("</svg>"), file);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("perf:report main() exits 1 without history and 2 for bad options", async () => {
  const charts = Deno.makeTempDirSync();
  assertEquals(await main(["--db", "/nonexistent/h.sqlite", "--out", charts], capture().io), 1);
  const denied = capture();
  assertEquals(await main(["--db", "/nonexistent/h.sqlite", "--out", "/"], denied.io), 2);
  assertStringIncludes(denied.err.join("\n"), "no permission to write /");
  assertEquals(await main(["--limit", "0"], capture().io), 2);
  const { out, io } = capture();
  assertEquals(await main(["--help"], io), 0);
  assertStringIncludes(out.join("\n"), "--out DIR");
});
