/**
 * The distribution gate of `perf:gate`: each figure of {@linkcode gateFigures} measured in several
 * perf processes of the baseline and of the current commit, compared sample against sample.
 *
 * On a shared machine one perf process can be 2× slower than the next on the same code, so one
 * process per commit cannot tell a regression from a disturbed process. Here each row holds one
 * value per process (each already a median over that process's runs), and a latency row
 * **regresses** only when both hold:
 *
 * 1. the median over the current processes is more than `maxRatio` times the baseline's median
 *    (the change is large enough to matter), and
 * 2. the exact one-sided rank-sum test (Mann–Whitney) puts the current processes above the
 *    baseline's with p ≤ `alpha` (the change is larger than the spread between processes:
 *    with 6 processes each and the default 0.01, at most about three of the 36 pairs may be out
 *    of order).
 *
 * A row over the ratio but not significant is `noise`. Medians under `floorMs` on both sides
 * never fail. Heap rows compare the medians only and regress above `1 + heapTolerance`: a heap
 * measured after a forced GC on the same document is the same to a fraction of a percent from
 * one process to the next, so there is no noise to test against.
 *
 * @module
 */

import { figureKey, type GateFigure, gateFigures, type GateInput } from "./gate_figures.ts";
import { rankSumPValue } from "./rank_sum.ts";
import { median } from "./stats.ts";

/** The median ratio a latency may grow by before it can fail. */
export const DEFAULT_MAX_RATIO = 1.25;

/** The significance level of the rank-sum test. */
export const DEFAULT_ALPHA = 0.01;

/** Latencies whose medians are under this (ms) on both sides never fail: timer resolution. */
export const DEFAULT_FLOOR_MS = 0.005;

/** The share a heap median may grow by. */
export const DEFAULT_HEAP_TOLERANCE = 0.02;

/**
 * Heaps whose medians are under this (MB) on both sides never fail: a few hundred KB of compiled
 * code and caches move a small heap by more than the tolerance.
 */
export const DEFAULT_HEAP_FLOOR_MB = 2;

/** Options of {@linkcode compareDistributions}. */
export interface DistributionGateOptions {
  /**
   * The median ratio a latency must exceed to fail.
   * @default {1.25}
   */
  readonly maxRatio?: number;
  /**
   * The rank-sum test's level.
   * @default {0.01}
   */
  readonly alpha?: number;
  /**
   * Latencies under this (ms) on both sides never fail.
   * @default {0.005}
   */
  readonly floorMs?: number;
  /**
   * The share a heap median may grow by.
   * @default {0.02}
   */
  readonly heapTolerance?: number;
  /**
   * Heaps under this (MB) on both sides never fail.
   * @default {2}
   */
  readonly heapFloorMb?: number;
}

/** A row's verdict. */
export type DistributionVerdict = "ok" | "faster" | "noise" | "REGRESSED";

/** One figure, compared across processes. */
export interface DistributionRow {
  /** The part of the gate. */
  readonly section: GateFigure["section"];
  /** The test. */
  readonly test: string;
  /** The statistic. */
  readonly statistic: GateFigure["statistic"];
  /** One value per baseline process. */
  readonly baseline: readonly number[];
  /** One value per current process. */
  readonly current: readonly number[];
  /** The median of `baseline`. */
  readonly baseline_median: number;
  /** The median of `current`. */
  readonly current_median: number;
  /** `current_median / baseline_median`. */
  readonly ratio: number;
  /** The one-sided rank-sum p-value of "current is slower" (`null` for heap rows). */
  readonly p_slower: number | null;
  /** The verdict. */
  readonly verdict: DistributionVerdict;
}

/** The gate's verdict. */
export interface DistributionGateResult {
  /** The options used, defaults filled in. */
  readonly max_ratio: number;
  /** The rank-sum level. */
  readonly alpha: number;
  /** The latency floor (ms). */
  readonly floor_ms: number;
  /** The heap tolerance. */
  readonly heap_tolerance: number;
  /** The heap floor (MB). */
  readonly heap_floor_mb: number;
  /** Baseline processes compared. */
  readonly baseline_processes: number;
  /** Current processes compared. */
  readonly current_processes: number;
  /** The figures in both sides' every process. */
  readonly rows: readonly DistributionRow[];
  /** The keys of figures missing from some process (a new API, a test the other lacks). */
  readonly not_compared: readonly string[];
  /** Why the gate failed without comparing, or `null`. */
  readonly error: string | null;
  /** True when rows were compared and none regressed. */
  readonly passed: boolean;
}

function samplesOf(
  reports: readonly GateInput[],
): Map<string, { figure: GateFigure; values: number[] }> {
  const byKey = new Map<string, { figure: GateFigure; values: number[] }>();
  for (const report of reports) {
    for (const figure of gateFigures(report)) {
      const key = figureKey(figure);
      const entry = byKey.get(key) ?? { figure, values: [] };
      entry.values.push(figure.value);
      byKey.set(key, entry);
    }
  }
  return byKey;
}

function ratioOf(current: number, baseline: number): number {
  return baseline > 0 ? current / baseline : current > 0 ? Infinity : 1;
}

/**
 * Compares the figures of several baseline and current perf processes.
 *
 * @param baseline One report per baseline process (none: the gate fails).
 * @param current One report per current process.
 * @param options The ratio, level, floor and heap tolerance.
 * @returns The rows and the verdict.
 *
 * @example Overlapping samples pass, a clearly shifted one fails
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const run = (line: number) => ({ detailed_results: [{ name: "line_100KB", kind: "line", p50_ms: line, memory_mb: 0 }] });
 * const base = [1.0, 1.1, 0.9, 1.2, 1.0].map(run);
 * assertEquals(compareDistributions(base, [1.3, 0.95, 1.05, 1.4, 1.1].map(run)).passed, true);
 * assertEquals(compareDistributions(base, [1.6, 1.7, 1.5, 1.8, 1.6].map(run)).passed, false);
 * assertEquals(compareDistributions([], base).passed, false);
 * ```
 */
export function compareDistributions(
  baseline: readonly GateInput[],
  current: readonly GateInput[],
  options: DistributionGateOptions = {},
): DistributionGateResult {
  const maxRatio = options.maxRatio ?? DEFAULT_MAX_RATIO;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const floorMs = options.floorMs ?? DEFAULT_FLOOR_MS;
  const heapTolerance = options.heapTolerance ?? DEFAULT_HEAP_TOLERANCE;
  const heapFloorMb = options.heapFloorMb ?? DEFAULT_HEAP_FLOOR_MB;
  const before = samplesOf(baseline);
  const after = samplesOf(current);
  const rows: DistributionRow[] = [];
  const notCompared: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const c = after.get(key);
    if (
      b === undefined || c === undefined || b.values.length !== baseline.length ||
      c.values.length !== current.length
    ) {
      notCompared.push(key);
      continue;
    }
    const { section, test, statistic } = b.figure;
    const bm = median(b.values);
    const cm = median(c.values);
    const ratio = ratioOf(cm, bm);
    let verdict: DistributionVerdict;
    let pSlower: number | null = null;
    if (section === "heap") {
      verdict = ratio > 1 + heapTolerance && Math.max(bm, cm) >= heapFloorMb ? "REGRESSED" : "ok";
    } else {
      pSlower = rankSumPValue(b.values, c.values);
      const pFaster = rankSumPValue(c.values, b.values);
      const aboveFloor = Math.max(bm, cm) >= floorMs;
      verdict = ratio > maxRatio
        ? (pSlower <= alpha && aboveFloor ? "REGRESSED" : "noise")
        : ratio < 1 / maxRatio && pFaster <= alpha && aboveFloor
        ? "faster"
        : "ok";
    }
    rows.push({
      section,
      test,
      statistic,
      baseline: b.values,
      current: c.values,
      baseline_median: bm,
      current_median: cm,
      ratio,
      p_slower: pSlower,
      verdict,
    });
  }
  const error = baseline.length === 0
    ? "no baseline: no baseline process was measured"
    : current.length === 0
    ? "no current process was measured"
    : rows.length === 0
    ? "no figure is in both the baseline's and the current's reports"
    : null;
  return {
    max_ratio: maxRatio,
    alpha,
    floor_ms: floorMs,
    heap_tolerance: heapTolerance,
    heap_floor_mb: heapFloorMb,
    baseline_processes: baseline.length,
    current_processes: current.length,
    rows,
    not_compared: notCompared,
    error,
    passed: error === null && rows.every((r) => r.verdict !== "REGRESSED"),
  };
}

function fmt(value: number): string {
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 1 ? value.toFixed(2) : value.toFixed(4);
}

function spread(values: readonly number[]): string {
  return `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
}

/**
 * Renders a distribution gate as a markdown table and a verdict line.
 *
 * @param result The result.
 * @param title The first line (which commits, how measured).
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * const run = { detailed_results: [{ name: "line_100KB", kind: "line", p50_ms: 0.2, memory_mb: 0 }] };
 * const text = formatDistributionGate(compareDistributions([run], [run]), "Gate");
 * assertStringIncludes(text, "| edit | line_100KB | p50_ms | 0.2000 | 0.2000–0.2000 | 0.2000 | 0.2000–0.2000 | 1.00 | 0.5000 | ok |");
 * ```
 */
export function formatDistributionGate(result: DistributionGateResult, title: string): string {
  const lines = [
    title,
    `Rule: a latency fails when its median over ${result.current_processes} process(es) is more than x${result.max_ratio} the baseline's (${result.baseline_processes} process(es)) and a one-sided rank-sum test gives p <= ${result.alpha} (floor ${result.floor_ms} ms); the heap fails above x${
      1 + result.heap_tolerance
    } of the baseline's median (floor ${result.heap_floor_mb} MB).`,
    "",
    "| part | test | statistic | baseline median | baseline range | current median | current range | ratio | p (slower) | verdict |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const r of result.rows) {
    lines.push(
      `| ${r.section} | ${r.test} | ${r.statistic} | ${fmt(r.baseline_median)} | ${
        spread(r.baseline)
      } | ${fmt(r.current_median)} | ${spread(r.current)} | ${r.ratio.toFixed(2)} | ${
        r.p_slower === null ? "-" : r.p_slower.toFixed(4)
      } | ${r.verdict} |`,
    );
  }
  if (result.not_compared.length > 0) {
    lines.push(
      "",
      `Not compared (not in every process of both sides): ${result.not_compared.join(", ")}.`,
    );
  }
  const count = (v: DistributionVerdict) => result.rows.filter((r) => r.verdict === v).length;
  const failed = result.rows.filter((r) => r.verdict === "REGRESSED");
  const bySection = (s: string) => failed.filter((r) => r.section === s).length;
  lines.push(
    "",
    result.error !== null
      ? `Gate FAILED: ${result.error}.`
      : result.passed
      ? `Gate passed: ${result.rows.length} figures, ${
        count("noise")
      } over x${result.max_ratio} within the noise, ${count("faster")} faster.`
      : `Gate FAILED: ${failed.length} of ${result.rows.length} figures regressed (edit ${
        bySection("edit")
      }, batch ${bySection("batch")}, heap ${bySection("heap")}); ${
        count("noise")
      } over x${result.max_ratio} within the noise.`,
  );
  return lines.join("\n");
}
