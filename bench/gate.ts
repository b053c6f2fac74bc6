/**
 * The regression gate: compares a run with a baseline run of the same machine, in three parts,
 * and fails when one figure got worse by more than its ratio:
 *
 * - **edit**: each edit test's median latency (`p50_ms`);
 * - **batch**: each throughput row's median CPU time of one call (`cpu_ms`, less disturbed by
 *   other work on a shared machine than wall time) for the lexer's APIs; the machine references
 *   (`regex`, `loop`) are shown, never judged: they say how fast the machine was in each run;
 * - **heap**: each test's heap retained after GC (`memory_mb`).
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

/**
 * The ratio a heap figure may grow by: a heap measured after a forced GC moves by a few percent
 * between runs of the same commit, far less than a latency does.
 */
export const DEFAULT_HEAP_RATIO = 1.1;

/**
 * Heaps below this (MB) in both runs never fail: a few hundred KB of compiled code and caches
 * move a small heap by more than 10%.
 */
export const DEFAULT_HEAP_FLOOR_MB = 2;

/** Which figure a row compares. */
export type GateSection = "edit" | "batch" | "heap";

/** The comparison of one figure. */
export interface GateRow {
  /** The part of the gate. */
  readonly section: GateSection;
  /** The test (edit and heap) or `input api` (batch). */
  readonly test: string;
  /** The statistic: `p50_ms`, `cpu_ms` or `memory_mb`. */
  readonly statistic: "p50_ms" | "cpu_ms" | "memory_mb";
  /** The baseline's figure, or `null` when the baseline lacks the test. */
  readonly baseline: number | null;
  /** The run's figure, or `null` when the run lacks the test. */
  readonly current: number | null;
  /** `current / baseline`, or `null` when either is missing. */
  readonly ratio: number | null;
  /** Whether the row is judged (machine references are only shown). */
  readonly judged: boolean;
  /** Whether this row fails the gate. */
  readonly regressed: boolean;
}

/** The gate's verdict. */
export interface GateResult {
  /** The largest ratio allowed for latencies (edit and batch). */
  readonly max_ratio: number;
  /** The noise floor of latencies (ms). */
  readonly floor_ms: number;
  /** The largest ratio allowed for heaps. */
  readonly max_heap_ratio: number;
  /** The noise floor of heaps (MB). */
  readonly heap_floor_mb: number;
  /** The baseline's commit. */
  readonly baseline_commit: string;
  /** The run's commit. */
  readonly current_commit: string;
  /** One row per figure in either run. */
  readonly rows: readonly GateRow[];
  /** True when no row regressed. */
  readonly passed: boolean;
}

/** Options of {@linkcode compareRuns}. */
export interface GateOptions {
  /**
   * The largest ratio allowed for latencies.
   * @default {1.25}
   */
  readonly maxRatio?: number;
  /**
   * Latencies under this in both runs never fail.
   * @default {0.005}
   */
  readonly floorMs?: number;
  /**
   * The largest ratio allowed for heaps.
   * @default {1.1}
   */
  readonly maxHeapRatio?: number;
  /**
   * Heaps under this (MB) in both runs never fail.
   * @default {2}
   */
  readonly heapFloorMb?: number;
}

/** Throughput rows of these APIs only set the machine's scale; the gate shows them. */
const REFERENCE_APIS: ReadonlySet<string> = new Set(["regex", "loop"]);

interface Figure {
  readonly value: number;
  readonly judged: boolean;
}

function rowsOf(
  section: GateSection,
  statistic: GateRow["statistic"],
  before: ReadonlyMap<string, Figure>,
  after: ReadonlyMap<string, Figure>,
  limits: { ratio: number; floor: number },
): GateRow[] {
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.map((test): GateRow => {
    const b = before.get(test)?.value ?? null;
    const c = after.get(test)?.value ?? null;
    const judged = (before.get(test) ?? after.get(test))!.judged;
    const ratio = b === null || c === null ? null : b > 0 ? c / b : c > 0 ? Infinity : 1;
    const regressed = judged && ratio !== null && ratio > limits.ratio &&
      Math.max(b ?? 0, c ?? 0) >= limits.floor;
    return { section, test, statistic, baseline: b, current: c, ratio, judged, regressed };
  });
}

/**
 * Compares two runs: edit p50s, batch CPU times and heaps.
 *
 * @param baseline The recorded run to compare with.
 * @param current The new run.
 * @param options The ratios and noise floors.
 * @returns The rows (ratios) and the verdict.
 *
 * @example A 50% slower median fails the default gate
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const run = (p50_ms: number) => ({ commit: "c", detailed_results: [{ name: "line_100KB", p50_ms, memory_mb: 1 }], throughput: [] }) as never;
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
  const maxHeapRatio = options.maxHeapRatio ?? DEFAULT_HEAP_RATIO;
  const heapFloorMb = options.heapFloorMb ?? DEFAULT_HEAP_FLOOR_MB;
  const edits = (r: PerfReport) =>
    new Map(
      r.detailed_results.filter((t) => t.kind !== "memory").map((t) => [
        t.name,
        { value: t.p50_ms, judged: true },
      ]),
    );
  const batch = (r: PerfReport) =>
    new Map(
      (r.throughput ?? []).map((t) => [
        `${t.input} ${t.api}`,
        { value: t.cpu_ms, judged: !REFERENCE_APIS.has(t.api) },
      ]),
    );
  const heap = (r: PerfReport) =>
    new Map(
      r.detailed_results.filter((t) => typeof t.memory_mb === "number").map((t) => [
        t.name,
        { value: t.memory_mb, judged: true },
      ]),
    );
  const latency = { ratio: maxRatio, floor: floorMs };
  const rows = [
    ...rowsOf("edit", "p50_ms", edits(baseline), edits(current), latency),
    ...rowsOf("batch", "cpu_ms", batch(baseline), batch(current), latency),
    ...rowsOf("heap", "memory_mb", heap(baseline), heap(current), {
      ratio: maxHeapRatio,
      floor: heapFloorMb,
    }),
  ];
  return {
    max_ratio: maxRatio,
    floor_ms: floorMs,
    max_heap_ratio: maxHeapRatio,
    heap_floor_mb: heapFloorMb,
    baseline_commit: baseline.commit,
    current_commit: current.commit,
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
 * const run = { commit: "c", detailed_results: [{ name: "line_100KB", p50_ms: 0.2, memory_mb: 1 }], throughput: [] } as never;
 * assertStringIncludes(formatGate(compareRuns(run, run)), "| edit | line_100KB | p50_ms | 0.2000 | 0.2000 | 1.00 | ok |");
 * ```
 */
export function formatGate(result: GateResult): string {
  const fmt = (v: number | null) => v === null ? "-" : v.toFixed(4);
  const lines = [
    `Gate: ${result.current_commit.slice(0, 12)} against baseline ${
      result.baseline_commit.slice(0, 12)
    }; edit p50 and batch CPU time at most x${result.max_ratio} (noise floor ${result.floor_ms} ms), heap at most x${result.max_heap_ratio} (floor ${result.heap_floor_mb} MB)`,
    "",
    "| part | test | statistic | baseline | current | ratio | verdict |",
    "| --- | --- | --- | ---: | ---: | ---: | --- |",
  ];
  for (const r of result.rows) {
    const verdict = r.ratio === null
      ? "not compared"
      : !r.judged
      ? "reference"
      : r.regressed
      ? "REGRESSED"
      : "ok";
    lines.push(
      `| ${r.section} | ${r.test} | ${r.statistic} | ${fmt(r.baseline)} | ${fmt(r.current)} | ${
        r.ratio === null ? "-" : r.ratio.toFixed(2)
      } | ${verdict} |`,
    );
  }
  const failed = result.rows.filter((r) => r.regressed);
  const bySection = (s: GateSection) => failed.filter((r) => r.section === s).length;
  lines.push(
    "",
    result.passed
      ? "Gate passed."
      : `Gate FAILED: ${failed.length} figure(s) regressed (edit ${bySection("edit")}, batch ${
        bySection("batch")
      }, heap ${bySection("heap")}).`,
  );
  return lines.join("\n");
}

/**
 * The message of a gate that has no baseline to compare with: the gate then fails, since a gate
 * that passes without comparing anything would hide every regression.
 *
 * @param machine The machine key searched.
 * @param commit The commit prefix asked for, if any.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * assertStringIncludes(noBaselineMessage("m", "ec3d77f"), "Gate FAILED: no recorded baseline");
 * ```
 */
export function noBaselineMessage(machine: string, commit: string | undefined): string {
  return `Gate FAILED: no recorded baseline for machine "${machine}" with these operation counts${
    commit === undefined ? "" : ` and commit ${commit}`
  }. Record one with \`deno task perf --record\` (at that commit), or import a report with \`deno task perf:import REPORT --commit HASH\`.`;
}
