/**
 * The regression gate: compares each test's median latency in a run with a baseline run of the
 * same machine, and fails when one got worse by more than a ratio.
 *
 * @module
 */

import type { PerfReport } from "./perf_report.ts";

/** The ratio a median may grow by before the gate fails. */
export const DEFAULT_GATE_RATIO = 1.25;

/**
 * Medians below this (ms) in both runs are compared but never fail the gate: at a few
 * microseconds, timer resolution and cache effects alone move a median by more than 25%.
 */
export const DEFAULT_GATE_FLOOR_MS = 0.005;

/** The comparison of one test. */
export interface GateRow {
  /** The test. */
  readonly test: string;
  /** The baseline's p50 (ms), or `null` when the baseline lacks the test. */
  readonly baseline_ms: number | null;
  /** The run's p50 (ms), or `null` when the run lacks the test. */
  readonly current_ms: number | null;
  /** `current / baseline`, or `null` when either is missing. */
  readonly ratio: number | null;
  /** Whether this row fails the gate. */
  readonly regressed: boolean;
}

/** The gate's verdict. */
export interface GateResult {
  /** The largest ratio allowed. */
  readonly max_ratio: number;
  /** The noise floor (ms). */
  readonly floor_ms: number;
  /** The baseline's commit. */
  readonly baseline_commit: string;
  /** One row per test in either run. */
  readonly rows: readonly GateRow[];
  /** True when no row regressed. */
  readonly passed: boolean;
}

/** Options of {@linkcode compareRuns}. */
export interface GateOptions {
  /**
   * The largest ratio allowed.
   * @default {1.25}
   */
  readonly maxRatio?: number;
  /**
   * Medians under this in both runs never fail.
   * @default {0.005}
   */
  readonly floorMs?: number;
}

/**
 * Compares the p50 of each test in two runs.
 *
 * @param baseline The recorded run to compare with.
 * @param current The new run.
 * @param options The ratio and noise floor.
 * @returns The rows (ratios) and the verdict.
 *
 * @example A 50% slower median fails the default gate
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const run = (p50_ms: number) => ({ commit: "c", detailed_results: [{ name: "line_100KB", p50_ms }] }) as never;
 * const result = compareRuns(run(0.2), run(0.3));
 * assertEquals(result.passed, false);
 * assertEquals(result.rows[0]!.ratio?.toFixed(2), "1.50");
 * ```
 */
export function compareRuns(
  baseline: PerfReport,
  current: PerfReport,
  options: GateOptions = {},
): GateResult {
  const maxRatio = options.maxRatio ?? DEFAULT_GATE_RATIO;
  const floorMs = options.floorMs ?? DEFAULT_GATE_FLOOR_MS;
  const before = new Map(baseline.detailed_results.map((r) => [r.name, r.p50_ms]));
  const after = new Map(current.detailed_results.map((r) => [r.name, r.p50_ms]));
  const names = [...new Set([...before.keys(), ...after.keys()])];
  const rows = names.map((test): GateRow => {
    const b = before.get(test) ?? null;
    const c = after.get(test) ?? null;
    const ratio = b === null || c === null ? null : b > 0 ? c / b : c > 0 ? Infinity : 1;
    const regressed = ratio !== null && ratio > maxRatio &&
      Math.max(b ?? 0, c ?? 0) >= floorMs;
    return { test, baseline_ms: b, current_ms: c, ratio, regressed };
  });
  return {
    max_ratio: maxRatio,
    floor_ms: floorMs,
    baseline_commit: baseline.commit,
    rows,
    passed: rows.every((r) => !r.regressed),
  };
}

/**
 * Renders a gate result as a markdown table with a verdict line.
 *
 * @param result The result.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * const run = { commit: "c", detailed_results: [{ name: "line_100KB", p50_ms: 0.2 }] } as never;
 * assertStringIncludes(formatGate(compareRuns(run, run)), "| line_100KB | 0.2000 | 0.2000 | 1.00 | ok |");
 * ```
 */
export function formatGate(result: GateResult): string {
  const fmt = (v: number | null) => v === null ? "-" : v.toFixed(4);
  const lines = [
    `Gate: p50 of each test against baseline ${
      result.baseline_commit.slice(0, 12)
    }, max ratio ${result.max_ratio}, noise floor ${result.floor_ms} ms`,
    "",
    "| test | baseline p50 ms | current p50 ms | ratio | verdict |",
    "| --- | ---: | ---: | ---: | --- |",
  ];
  for (const r of result.rows) {
    const verdict = r.ratio === null ? "not compared" : r.regressed ? "REGRESSED" : "ok";
    lines.push(
      `| ${r.test} | ${fmt(r.baseline_ms)} | ${fmt(r.current_ms)} | ${
        r.ratio === null ? "-" : r.ratio.toFixed(2)
      } | ${verdict} |`,
    );
  }
  const failed = result.rows.filter((r) => r.regressed).length;
  lines.push("", result.passed ? "Gate passed." : `Gate FAILED: ${failed} test(s) regressed.`);
  return lines.join("\n");
}
