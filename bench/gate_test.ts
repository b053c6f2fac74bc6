import { assertEquals, assertStringIncludes } from "@std/assert";
import { compareRuns, formatGate, noBaselineMessage } from "./gate.ts";
import type { PerfReport } from "./perf_report.ts";

interface Figures {
  /** Edit test p50s (ms). */
  edits?: Record<string, number>;
  /** Heaps (MB) by test name; the memory test is named memory_*. */
  heaps?: Record<string, number>;
  /** Batch CPU times (ms) by "input api". */
  batch?: Record<string, number>;
}

function run(commit: string, f: Figures): PerfReport {
  const names = new Set([...Object.keys(f.edits ?? {}), ...Object.keys(f.heaps ?? {})]);
  return {
    commit,
    detailed_results: [...names].map((name) => ({
      name,
      kind: name.startsWith("memory_") ? "memory" : "line",
      p50_ms: f.edits?.[name] ?? 1,
      memory_mb: f.heaps?.[name] ?? 1,
    })),
    throughput: Object.entries(f.batch ?? {}).map(([key, cpu_ms]) => {
      const [input, api] = key.split(" ");
      return { input, api, cpu_ms, p50_ms: cpu_ms };
    }),
  } as unknown as PerfReport;
}

const verdicts = (r: ReturnType<typeof compareRuns>) =>
  r.rows.map((row) => [row.section, row.test, row.regressed]);

Deno.test("compareRuns() passes edit p50s within the ratio and fails beyond it", () => {
  const baseline = run("base", { edits: { a: 1, b: 2 } });
  assertEquals(compareRuns(baseline, run("new", { edits: { a: 1.2, b: 2.4 } })).passed, true);
  const worse = compareRuns(baseline, run("new", { edits: { a: 1.3, b: 1 } }));
  assertEquals(worse.passed, false);
  assertEquals(verdicts(worse).filter(([s]) => s === "edit"), [["edit", "a", true], [
    "edit",
    "b",
    false,
  ]]);
  const lax = compareRuns(baseline, run("new", { edits: { a: 1.3, b: 2 } }), { maxRatio: 1.5 });
  assertEquals(lax.passed, true);
});

Deno.test("compareRuns() ignores medians under the noise floor and tests in one run only", () => {
  const result = compareRuns(
    run("base", { edits: { tiny: 0.001, gone: 1 } }),
    run("new", { edits: { tiny: 0.003, added: 1 } }),
  );
  assertEquals(result.passed, true);
  assertEquals(
    result.rows.filter((r) => r.section === "edit").map((
      r,
    ) => [r.test, r.ratio === null ? null : Math.round(r.ratio)]),
    [["tiny", 3], ["gone", null], ["added", null]],
  );
});

Deno.test("compareRuns() fails slower batch CPU times of the lexer's APIs, never of the references", () => {
  const baseline = run("base", {
    batch: { "g lexDocument": 100, "g tokenize": 300, "g regex": 20 },
  });
  const slowerMachine = run("new", {
    batch: { "g lexDocument": 110, "g tokenize": 200, "g regex": 60, "g IncrementalLexer": 9 },
  });
  const ok = compareRuns(baseline, slowerMachine);
  assertEquals(ok.passed, true);
  const reference = ok.rows.find((r) => r.test === "g regex")!;
  assertEquals([reference.judged, reference.ratio, reference.regressed], [false, 3, false]);
  const slower = compareRuns(baseline, run("new", { batch: { "g lexDocument": 130 } }));
  assertEquals(verdicts(slower).filter(([s]) => s === "batch"), [
    ["batch", "g lexDocument", true],
    ["batch", "g tokenize", false],
    ["batch", "g regex", false],
  ]);
  assertStringIncludes(
    formatGate(slower),
    "Gate FAILED: 1 figure(s) regressed (edit 0, batch 1, heap 0).",
  );
});

Deno.test("compareRuns() fails a heap that grew by more than 10% above the floor", () => {
  const baseline = run("base", { heaps: { memory_10240KB: 24, line_100KB: 0.2 } });
  const grown = compareRuns(
    baseline,
    run("new", { heaps: { memory_10240KB: 27, line_100KB: 0.4 } }),
  );
  assertEquals(verdicts(grown).filter(([s]) => s === "heap"), [
    ["heap", "memory_10240KB", true],
    ["heap", "line_100KB", false], // doubled, but under the 2 MB floor in both runs
  ]);
  assertEquals(compareRuns(baseline, run("new", { heaps: { memory_10240KB: 26 } })).passed, true);
  assertEquals(
    compareRuns(baseline, run("new", { heaps: { memory_10240KB: 27 } }), { maxHeapRatio: 1.2 })
      .passed,
    true,
  );
});

Deno.test("formatGate() prints each part's ratios and the verdict", () => {
  const text = formatGate(
    compareRuns(run("base", { edits: { a: 1 } }), run("new", { edits: { a: 2 } })),
  );
  assertStringIncludes(text, "| edit | a | p50_ms | 1.0000 | 2.0000 | 2.00 | REGRESSED |");
  assertStringIncludes(text, "| heap | a | memory_mb | 1.0000 | 1.0000 | 1.00 | ok |");
  assertStringIncludes(text, "Gate FAILED: 1 figure(s) regressed (edit 1, batch 0, heap 0).");
});

Deno.test("noBaselineMessage() fails the gate and says how to record a baseline", () => {
  const text = noBaselineMessage("m | 2 cores", "ec3d77f");
  assertStringIncludes(text, 'Gate FAILED: no recorded baseline for machine "m | 2 cores"');
  assertStringIncludes(text, "and commit ec3d77f");
  assertStringIncludes(text, "perf:import");
});
