import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  type FuzzReport,
  mergeReports,
  REPORT_SCHEMA,
  successRate,
  TIMING_FIELDS,
  validateReport,
  withoutTiming,
} from "./report.ts";

function report(
  index: number,
  count = 2,
  overrides: Partial<FuzzReport["summary"]> = {},
): FuzzReport {
  return {
    schema: REPORT_SCHEMA,
    seed: 3,
    options: {
      iterations: 1000,
      check_every: 100,
      corpus: null,
      trace: null,
      time_limit_seconds: null,
      episode_edits: 500,
      target_lines: 200,
    },
    shard: { count, indexes: [index] },
    module: { name: "m", version: "1" },
    deno_version: "2",
    git_commit: null,
    lexer: "l",
    command: `deno task fuzz --seed 3 --shard ${index}/${count}`,
    summary: {
      total_iterations: 500,
      total_edits: 500,
      equivalence_checks: 5,
      failures: 0,
      success_rate: 1,
      elapsed_time_seconds: index,
      edits_per_second: 500 / index,
      stopped_early: false,
      ...overrides,
    },
    failure_cases: [],
    performance: {
      avg_edit_time_ms: index * 2,
      total_runtime_hours: index / 3600,
      edit_loop_seconds: index,
      check_seconds: 0.1,
      shrink_seconds: 0,
    },
  };
}

Deno.test("validateReport() accepts a report and names each broken field", () => {
  assertEquals(validateReport(report(1)), []);
  const broken = (f: (r: Record<string, Record<string, unknown>>) => void) => {
    const r = JSON.parse(JSON.stringify(report(1)));
    f(r);
    return validateReport(r);
  };
  assertEquals(broken((r) => delete r.summary!.failures), [
    "$.summary.failures: missing (required)",
  ]);
  assertEquals(broken((r) => (r.summary!.edits_per_second = "fast")).length, 1);
  assertEquals(broken((r) => (r.options!.extra = 1)), [
    "$.options.extra: not allowed (additionalProperties is false)",
  ]);
  assertEquals(broken((r) => (r.summary!.totalEdits = 1)), [
    "$.summary.totalEdits: not allowed (additionalProperties is false)",
  ]);
  assertEquals(broken((r) => (r.summary!.failures = 1)), [
    "summary.failures: 1 but 0 failure_cases",
  ]);
  assertEquals(broken((r) => (r.shard!.indexes = [3])).length, 1);
  assertEquals(broken((r) => (r.schema = "x" as unknown as Record<string, unknown>)).length, 1);
  assertEquals(validateReport(null), ["$: expected object, got null"]);
});

Deno.test("mergeReports() adds counts, takes the longest shard's wall time and sums machine time", () => {
  const m = mergeReports([report(2), report(1, 2, { equivalence_checks: 6 })]);
  assertEquals(validateReport(m), []);
  assertEquals(m.shard, { count: 2, indexes: [1, 2] });
  assertEquals(m.summary.total_iterations, 1000);
  assertEquals(m.summary.equivalence_checks, 11);
  assertEquals(m.summary.elapsed_time_seconds, 2);
  assertEquals(m.summary.edits_per_second, 1000 / 3);
  assertAlmostEquals(m.performance.total_runtime_hours, 3 / 3600);
  assertEquals(m.command.startsWith("deno task fuzz --seed 3 --shard 1/2 ;"), true);
});

Deno.test("mergeReports() refuses reports of different campaigns or a shard twice", () => {
  assertThrows(() => mergeReports([]), Error, "none given");
  assertThrows(() => mergeReports([report(1), report(1)]), Error, "shard 1/2 appears twice");
  assertThrows(() => mergeReports([report(1), report(2, 3)]), Error, "different campaigns");
  const other = { ...report(2), seed: 4 };
  assertThrows(() => mergeReports([report(1), other]), Error, "different campaigns");
});

Deno.test("withoutTiming() removes exactly the timing fields", () => {
  const t = withoutTiming(report(1)) as Record<string, Record<string, unknown>>;
  for (const f of TIMING_FIELDS) {
    const [section, field] = f.split(".") as [string, string];
    assertEquals(field in t[section]!, false, f);
  }
  assertEquals(Object.keys(t.summary!).sort(), [
    "equivalence_checks",
    "failures",
    "stopped_early",
    "success_rate",
    "total_edits",
    "total_iterations",
  ]);
  assertEquals([successRate(0, 0), successRate(4, 1)], [1, 0.75]);
});
