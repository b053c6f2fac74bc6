import { assertAlmostEquals, assertEquals } from "@std/assert";
import {
  failuresOf,
  goalCheck,
  scalingOf,
  strategyCheck,
  summarizeResults,
  type TestResult,
} from "./perf_report.ts";

function result(
  name: string,
  kind: TestResult["kind"],
  sizeKb: number,
  p: number,
  mem = 1,
): TestResult {
  const value = kind === "memory" ? mem : p;
  return {
    name,
    kind,
    size_kb: sizeKb,
    document_bytes: sizeKb * 1024,
    operations: 10,
    runs: 1,
    mean_ms: p,
    min_ms: p / 2,
    p50_ms: p,
    p95_ms: p,
    p99_ms: p,
    max_ms: 2 * p,
    ops_per_sec: 1000 / p,
    memory_mb: mem,
    gc_forced: true,
    lexer_bytes: 0,
    relexed_lines_mean: 1,
    target: strategyCheck(kind, sizeKb, value),
    goal: goalCheck(kind, sizeKb, value),
  };
}

Deno.test("strategyCheck() holds each edit kind to the strategy's p99 target", () => {
  assertEquals(strategyCheck("single_char", 100, 0.99).passed, true);
  assertEquals(strategyCheck("single_char", 100, 1).passed, false);
  assertEquals(strategyCheck("paragraph", 100, 49).limit, 50);
  assertEquals(strategyCheck("large", 100, 600).passed, false);
});

Deno.test("strategyCheck() and goalCheck() scale the memory limits with the document size", () => {
  assertEquals(strategyCheck("memory", 10240, 99).passed, true);
  assertEquals(strategyCheck("memory", 5120, 60).passed, false);
  assertEquals(goalCheck("memory", 10240, 41)?.passed, false);
  assertEquals(goalCheck("memory", 10240, 39)?.limit, 40);
});

Deno.test("goalCheck() applies the single-character goal at 5000 KB only", () => {
  assertEquals(goalCheck("single_char", 5000, 0.06)?.passed, false);
  assertEquals(goalCheck("single_char", 5000, 0.04)?.passed, true);
  assertEquals(goalCheck("single_char", 1000, 0.01), null);
  assertEquals(goalCheck("line", 5000, 0.01), null);
});

Deno.test("summarizeResults(), failuresOf() and scalingOf() follow from the results", () => {
  const results = [
    result("single_char_100KB", "single_char", 100, 0.01),
    result("single_char_5000KB", "single_char", 5000, 2),
    result("line_100KB", "line", 100, 0.5),
    result("memory_10240KB", "memory", 10240, 10, 50),
  ];
  const summary = summarizeResults(results);
  assertEquals(summary.total_tests, 4);
  assertEquals(summary.tests_passed, 3);
  assertEquals(summary.tests_failed, 1);
  assertAlmostEquals(summary.overall_avg_time_ms, (0.01 + 2 + 0.5) / 3);
  assertEquals(summary.overall_max_time_ms, 4);
  assertEquals(summary.overall_max_memory_mb, 50);
  assertEquals(summary.success_rate_percent, 75);
  const failures = failuresOf(results);
  assertEquals(failures.map((f) => [f.test, f.statistic, f.limit]), [
    ["single_char_5000KB", "p99_ms", 1],
  ]);
  assertEquals(scalingOf(results), [
    { kind: "single_char", smallest_kb: 100, largest_kb: 5000, ratio: 200 },
  ]);
});
