/**
 * The `customSmallerIsBetter` JSON that github-action-benchmark reads: an array of
 * `{name, unit, value, range?, extra?}` entries, smaller values being better.
 *
 * @module
 */

import type { PerfReport } from "./perf_report.ts";

/** One entry of github-action-benchmark's `customSmallerIsBetter` format. */
export interface ActionBenchmarkEntry {
  /** Benchmark name, stable across runs. */
  readonly name: string;
  /** Unit shown next to the value. */
  readonly unit: string;
  /** The value; smaller is better. */
  readonly value: number;
  /** A spread shown after the value, such as `"p99 0.08"`. */
  readonly range?: string;
  /** Free text shown in the tooltip. */
  readonly extra?: string;
}

/**
 * Turns a perf report into github-action-benchmark entries: the p50 and p99 of each edit test,
 * and the heap of every test.
 *
 * @param report The report.
 * @returns The entries, in the report's test order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const entries = toActionEntries({ commit: "abc", config: { runs: 3 }, detailed_results: [] } as never);
 * assertEquals(entries, []);
 * ```
 */
export function toActionEntries(report: PerfReport): ActionBenchmarkEntry[] {
  const entries: ActionBenchmarkEntry[] = [];
  for (const r of report.detailed_results) {
    const extra =
      `${r.operations} ops x ${report.config.runs} runs (medians); commit ${report.commit}`;
    if (r.kind !== "memory") {
      entries.push({
        name: `${r.name} p50`,
        unit: "ms",
        value: r.p50_ms,
        range: `p95 ${r.p95_ms.toFixed(4)}`,
        extra,
      });
      entries.push({ name: `${r.name} p99`, unit: "ms", value: r.p99_ms, extra });
    } else {
      entries.push({ name: `${r.name} initial lex`, unit: "ms", value: r.p50_ms, extra });
    }
    entries.push({ name: `${r.name} heap`, unit: "MB", value: r.memory_mb, extra });
  }
  return entries;
}
