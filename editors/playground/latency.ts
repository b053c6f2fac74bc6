/**
 * Per-keystroke latency: samples in milliseconds, and their percentiles.
 *
 * @module
 */

/**
 * The `p`-th percentile of sorted samples, by the nearest-rank method.
 *
 * @param sorted Samples in ascending order.
 * @param p The percentile, 0 to 100.
 * @returns The sample at rank `ceil(p / 100 * n)`, or `NaN` when there are none.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { percentile } from "./latency.ts";
 * const s = Array.from({ length: 100 }, (_, i) => i + 1);
 * assertEquals([percentile(s, 50), percentile(s, 99), percentile(s, 100)], [50, 99, 100]);
 * assertEquals(percentile([], 50), NaN);
 * ```
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** A summary of the samples so far. */
export interface LatencySummary {
  /** How many samples. */
  count: number;
  /** The last sample (ms). */
  last: number;
  /** The median (ms). */
  p50: number;
  /** The 99th percentile (ms). */
  p99: number;
}

/**
 * Collects latency samples.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { LatencyMeter } from "./latency.ts";
 * const m = new LatencyMeter();
 * for (const v of [3, 1, 2]) m.add(v);
 * assertEquals(m.summary(), { count: 3, last: 2, p50: 2, p99: 3 });
 * ```
 */
export class LatencyMeter {
  #samples: number[] = [];

  /**
   * Adds one sample.
   *
   * @param ms The latency in milliseconds.
   */
  add(ms: number): void {
    this.#samples.push(ms);
  }

  /** Forgets every sample. */
  reset(): void {
    this.#samples = [];
  }

  /** The samples in the order they came. */
  get samples(): readonly number[] {
    return this.#samples;
  }

  /**
   * The summary of the samples so far.
   *
   * @returns Count, last, p50 and p99 (`NaN` when there are no samples).
   */
  summary(): LatencySummary {
    const s = this.#samples;
    const sorted = [...s].sort((a, b) => a - b);
    return {
      count: s.length,
      last: s.length === 0 ? NaN : s[s.length - 1]!,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    };
  }
}
