import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { main } from "./history_report.ts";
import { main as perf } from "./perf.ts";
import { capture } from "./_capture_io.ts";

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

Deno.test("perf:report main() exits 0 with nothing recorded yet and 2 for bad options", async () => {
  const charts = Deno.makeTempDirSync();
  const none = capture();
  assertEquals(await main(["--db", "/nonexistent/h.sqlite", "--out", charts], none.io), 0);
  assertStringIncludes(none.out.join("\n"), "nothing to report");
  const denied = capture();
  assertEquals(await main(["--db", "/nonexistent/h.sqlite", "--out", "/"], denied.io), 2);
  assertStringIncludes(
    denied.err.join("\n"),
    "perf:report: error: --out /: the task may not write there",
  );
  assertEquals(await main(["--limit", "0"], capture().io), 2);
  const { out, io } = capture();
  assertEquals(await main(["--help"], io), 0);
  assertStringIncludes(out.join("\n"), "--out DIR");
  Deno.removeSync(charts, { recursive: true });
});

Deno.test("perf:report main() refuses a folder, a binary file or a foreign database as --db, and leaves an empty file alone", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "lp-history-" });
  const out = ["--out", `${dir}/charts`];
  Deno.writeFileSync(
    `${dir}/binary`,
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
  );
  Deno.writeFileSync(`${dir}/empty.sqlite`, new Uint8Array());
  const foreign = new DatabaseSync(`${dir}/foreign.sqlite`);
  foreign.exec("CREATE TABLE other (x INTEGER)");
  foreign.close();
  const cases: [string, number, string][] = [
    [dir, 2, `perf:report: error: --db ${dir}: a directory, not a file`],
    [`${dir}/binary`, 2, "not a SQLite database"],
    [`${dir}/foreign.sqlite`, 2, "not a performance history (no runs table)"],
  ];
  for (const [db, code, message] of cases) {
    const c = capture();
    assertEquals(await main(["--db", db, ...out], c.io), code, db);
    assertStringIncludes(c.err.join("\n"), message);
  }
  const empty = capture();
  assertEquals(await main(["--db", `${dir}/empty.sqlite`, ...out], empty.io), 0);
  assertStringIncludes(empty.out.join("\n"), "nothing to report");
  assertEquals(Deno.statSync(`${dir}/empty.sqlite`).size, 0, "an empty file stays empty");
  Deno.removeSync(dir, { recursive: true });
});
