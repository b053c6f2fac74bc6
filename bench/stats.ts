/**
 * Summary statistics of latency samples.
 *
 * @module
 */

/** The summary of a list of latencies, in milliseconds. */
export interface LatencyStats {
  /** How many samples. */
  readonly count: number;
  /** Arithmetic mean. */
  readonly mean: number;
  /** Smallest sample. */
  readonly min: number;
  /** Median (nearest rank). */
  readonly p50: number;
  /** 95th percentile (nearest rank). */
  readonly p95: number;
  /** 99th percentile (nearest rank). */
  readonly p99: number;
  /** 99.9th percentile (nearest rank). */
  readonly p999: number;
  /** Largest sample. */
  readonly max: number;
  /** Operations per second: `count` divided by the summed time. */
  readonly opsPerSec: number;
}

/**
 * The nearest-rank percentile of sorted samples: the smallest sample with at least `p` percent of
 * the samples at or below it.
 *
 * @param sorted Samples in ascending order, at least one.
 * @param p The percentile, from 0 to 100.
 * @returns The sample at that rank.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(percentile([1, 2, 3, 4], 50), 2);
 * assertEquals(percentile([1, 2, 3, 4], 99), 4);
 * ```
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("Cannot take a percentile: no samples");
  // The epsilon keeps a decimal percentile such as 99.9 from rounding up a whole rank.
  const rank = Math.ceil((p * sorted.length) / 100 - 1e-9);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1]!;
}

/**
 * Summarizes latency samples.
 *
 * @param samples Latencies in milliseconds, at least one.
 * @returns Their statistics.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const stats = summarize([4, 1, 3, 2]);
 * assertEquals([stats.min, stats.p50, stats.max, stats.mean], [1, 2, 4, 2.5]);
 * assertEquals(stats.opsPerSec, 400);
 * ```
 */
export function summarize(samples: readonly number[]): LatencyStats {
  if (samples.length === 0) throw new RangeError("Cannot summarize latencies: no samples");
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const s of sorted) sum += s;
  const list = Array.from(sorted);
  return {
    count: list.length,
    mean: sum / list.length,
    min: list[0]!,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    p999: percentile(list, 99.9),
    max: list[list.length - 1]!,
    opsPerSec: sum > 0 ? list.length / (sum / 1000) : Infinity,
  };
}

/**
 * The median of a few values (the mean of the two middle ones for an even count).
 *
 * @param values At least one value.
 * @returns The median.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(median([5, 1, 3]), 3);
 * assertEquals(median([4, 1, 3, 2]), 2.5);
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("Cannot take a median: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Combines the statistics of repeated runs of one test: each field is the median of that field
 * over the runs, which damps a run disturbed by other work on the machine.
 *
 * @param runs The statistics of each run, at least one.
 * @returns Field-wise medians.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const runs = [summarize([1, 2]), summarize([3, 4]), summarize([5, 6])];
 * assertEquals(medianStats(runs).max, 4);
 * ```
 */
export function medianStats(runs: readonly LatencyStats[]): LatencyStats {
  const field = (key: keyof LatencyStats) => median(runs.map((r) => r[key]));
  return {
    count: field("count"),
    mean: field("mean"),
    min: field("min"),
    p50: field("p50"),
    p95: field("p95"),
    p99: field("p99"),
    p999: field("p999"),
    max: field("max"),
    opsPerSec: field("opsPerSec"),
  };
}
