/**
 * Per-edit latency statistics in constant memory and constant time per sample: a histogram with
 * logarithmic buckets (each 2% wider than the one before, from 0.1 µs to about 100 s), so a
 * percentile is known to within 2% without keeping the samples.
 *
 * @module
 */

/** Relative width of a bucket: percentiles are exact to within this factor. */
const GROWTH = 1.02;
/** The lower edge of the first bucket, in ms (0.1 µs). */
const FLOOR_MS = 1e-4;
/** Buckets from 0.1 µs to about 100 s. */
const BUCKETS = Math.ceil(Math.log(1e6 / FLOOR_MS) / Math.log(GROWTH)) + 1;
const LOG_GROWTH = Math.log(GROWTH);

/** Summary statistics of the samples recorded. */
export interface LatencySummary {
  /** The arithmetic mean, in ms. */
  mean: number;
  /** The median, in ms (to within 2%). */
  p50: number;
  /** The 95th percentile, in ms (to within 2%). */
  p95: number;
  /** The 99th percentile, in ms (to within 2%). */
  p99: number;
  /** The largest sample, in ms (exact). */
  max: number;
}

/** A histogram of durations in milliseconds. */
export class LatencyHistogram {
  readonly #counts = new Uint32Array(BUCKETS);
  #n = 0;
  #sum = 0;
  #max = 0;

  /** The number of samples. */
  get count(): number {
    return this.#n;
  }

  /**
   * Records one sample.
   *
   * @param ms A duration in milliseconds.
   */
  add(ms: number): void {
    const v = ms > 0 ? ms : 0;
    const b = v <= FLOOR_MS
      ? 0
      : Math.min(BUCKETS - 1, Math.ceil(Math.log(v / FLOOR_MS) / LOG_GROWTH));
    this.#counts[b]!++;
    this.#n++;
    this.#sum += v;
    if (v > this.#max) this.#max = v;
  }

  /**
   * The value at a quantile: the upper edge of the bucket where the quantile falls, capped at
   * the largest sample.
   *
   * @param q A quantile in `[0, 1]`.
   * @returns The value in ms, 0 without samples.
   */
  quantile(q: number): number {
    if (this.#n === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.#n));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.#counts[b]!;
      if (seen >= rank) return Math.min(this.#max, FLOOR_MS * GROWTH ** b);
    }
    return this.#max;
  }

  /**
   * Mean, percentiles and maximum.
   *
   * @returns The summary (zeros without samples).
   */
  summary(): LatencySummary {
    return {
      mean: this.#n === 0 ? 0 : this.#sum / this.#n,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      max: this.#max,
    };
  }

  /** Bytes held. */
  get bytes(): number {
    return this.#counts.byteLength;
  }
}
