import { assertEquals, assertStringIncludes } from "@std/assert";
import { compareRuns, formatGate } from "./gate.ts";
import type { PerfReport } from "./perf_report.ts";

function run(commit: string, medians: Record<string, number>): PerfReport {
  return {
    commit,
    detailed_results: Object.entries(medians).map(([name, p50_ms]) => ({ name, p50_ms })),
  } as unknown as PerfReport;
}

Deno.test("compareRuns() passes within the ratio and fails beyond it", () => {
  const baseline = run("base", { a: 1, b: 2 });
  assertEquals(compareRuns(baseline, run("new", { a: 1.2, b: 2.4 })).passed, true);
  const worse = compareRuns(baseline, run("new", { a: 1.3, b: 1 }));
  assertEquals(worse.passed, false);
  assertEquals(worse.rows.map((r) => [r.test, r.regressed]), [["a", true], ["b", false]]);
  assertEquals(compareRuns(baseline, run("new", { a: 1.3, b: 2 }), { maxRatio: 1.5 }).passed, true);
});

Deno.test("compareRuns() ignores medians under the noise floor and tests in one run only", () => {
  const result = compareRuns(
    run("base", { tiny: 0.001, gone: 1 }),
    run("new", { tiny: 0.003, added: 1 }),
  );
  assertEquals(result.passed, true);
  assertEquals(
    result.rows.map((r) => [r.test, r.ratio === null ? null : Math.round(r.ratio)]),
    [["tiny", 3], ["gone", null], ["added", null]],
  );
});

Deno.test("formatGate() prints each ratio and the verdict", () => {
  const text = formatGate(compareRuns(run("base", { a: 1 }), run("new", { a: 2 })));
  assertStringIncludes(text, "| a | 1.0000 | 2.0000 | 2.00 | REGRESSED |");
  assertStringIncludes(text, "Gate FAILED: 1 test(s) regressed.");
});
