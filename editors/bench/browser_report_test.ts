import { assert, assertEquals, assertThrows } from "@std/assert";
import { readSchema, validateJson } from "../../_tools/json_schema.ts";
import { machineInfo } from "../../bench/machine_info.ts";
import {
  type BenchOptions,
  BenchUsageError,
  BROWSER_BENCH_SCHEMA,
  type BrowserBenchReport,
  componentsOf,
  DEFINITION,
  parseOptions,
  rowOf,
  table,
} from "./_browser_report.ts";

const SCHEMA = readSchema(new URL("./browser_bench.schema.json", import.meta.url));
const MACHINE = readSchema(new URL("../../bench/machine.schema.json", import.meta.url));

function options(argv: string[]): BenchOptions {
  const o = parseOptions(argv);
  if (o === "help") throw new Error("unexpected help");
  return o;
}

Deno.test("bench:browser options: defaults, selections, --help, and refusals", () => {
  const d = options([]);
  assertEquals(d.sizes, ["100k", "1m", "5m"]);
  assertEquals(d.editors, ["ours", "stex", "lezer", "plain"]);
  assertEquals([d.keys, d.warmup, d.floor, d.screens, d.timeoutSeconds], [100, 10, 40, 3, 240]);
  assertEquals(d.stexKeys, { "100k": 100, "1m": 40, "5m": 20 });
  assertEquals(d.out, "editors/bench/results.json");
  const o = options([
    "--sizes",
    "5m",
    "--editors",
    "ours,stex",
    "--keys",
    "30",
    "--timeout=9",
  ]);
  assertEquals([o.sizes, o.editors, o.keys, o.timeoutSeconds], [["5m"], ["ours", "stex"], 30, 9]);
  assertEquals(
    options(["--stex-keys", "7"]),
    {
      ...d,
      stexKeys: { "100k": 7, "1m": 7, "5m": 7 },
    },
  );
  assertEquals(parseOptions(["--help"]), "help");
  assertThrows(() => parseOptions(["--sizes", "2m"]), BenchUsageError, "Unknown size 2m");
  assertThrows(() => parseOptions(["--editors", "vim"]), BenchUsageError, "Unknown editor vim");
  assertThrows(() => parseOptions(["--keys", "0"]), BenchUsageError, "--keys");
  assertThrows(() => parseOptions(["--bogus"]), BenchUsageError, "Unknown option --bogus");
});

function report(): BrowserBenchReport {
  const samples = {
    painted: [20, 22, 30],
    work: [5, 6, 9],
    language: [0.2, 0.3],
    floorWork: [0.5],
    floorPainted: [14, 15],
    screens: [40, 30, 50],
    incomplete: 0,
    completeTreeMs: 0.1,
  };
  return {
    schema: BROWSER_BENCH_SCHEMA,
    command: "deno task bench:browser --sizes 100k",
    date: new Date().toISOString(),
    commit: null,
    machine: machineInfo(),
    browser: "Chromium 1.2.3 (headless, /usr/bin/chromium)",
    definition: DEFINITION,
    warmup: 10,
    rows: [
      rowOf("100k", 102400, "ours", samples),
      rowOf("100k", 102400, "plain", { ...samples, language: [] }),
      rowOf("100k", 102400, "stex", undefined),
    ],
    components: [
      componentsOf(
        "100k",
        { lexer: [9, 1, 2], tree_edit: [9, 3], spine: [9, 1], state: [9, 4] },
        1,
      ),
    ],
  };
}

Deno.test("bench:browser report: rows summarise the samples; the report fits its schema", () => {
  const r = report();
  const [ours, plain, stex] = r.rows;
  assertEquals(ours!.painted_ms, { p50: 22, p99: 30, mean: 24, max: 30 });
  assertEquals(ours!.first_screen_ms, 40, "the median of the loads");
  assertEquals(plain!.language_ms, null);
  assertEquals([stex!.timed_out, stex!.work_ms], [true, null]);
  assertEquals(r.components[0]!.lexer_ms, { p50: 1, p99: 2 }, "warm-up dropped");
  assertEquals(validateJson(SCHEMA, r, { refs: [MACHINE] }), []);
  assertEquals(validateJson(SCHEMA, { ...r, rows: [{ ...ours, p50: 1 }] }, { refs: [MACHINE] }), [
    "$.rows[0].p50: not allowed (additionalProperties is false)",
  ]);
  const lines = table(r.rows);
  assertEquals(lines.length, 2 + 3);
  assert(lines[2]!.startsWith("| 100KB | LaTeX Perfectionist | 3 | 22.0 | 30.0 |"), lines[2]);
  assert(lines[4]!.includes("(timed out)"));
});

Deno.test("bench:browser: the committed editors/bench/results.json fits its schema", () => {
  const committed = JSON.parse(
    Deno.readTextFileSync(new URL("./results.json", import.meta.url)),
  );
  assertEquals(validateJson(SCHEMA, committed, { refs: [MACHINE] }), []);
  assertEquals(committed.schema, BROWSER_BENCH_SCHEMA);
  for (const row of committed.rows) {
    assertEquals(row.incomplete_trees, 0, `${row.size} ${row.editor}: trees not complete`);
  }
});
