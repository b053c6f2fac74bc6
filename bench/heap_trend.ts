/**
 * The verdict of a soak run: does the heap retained after GC grow with the number of edits, and
 * does the lexer's own estimate (`memoryUsage().bytes`) stay within a factor of what it retains?
 *
 * Pure functions over samples, so the verdict is tested without running a million edits.
 *
 * @module
 */

/** One sample, taken after a forced GC. */
export interface HeapSample {
  /** Edits applied so far. */
  readonly edits: number;
  /**
   * Heap used plus external memory (bytes), minus the same without the lexer (the lower of the
   * measurements before it was built and after it was dropped).
   */
  readonly retained: number;
  /** The lexer's `memoryUsage().bytes`. */
  readonly estimated: number;
}

/** The tolerances of {@linkcode judgeHeap}. */
export interface HeapTolerance {
  /** Growth (bytes) allowed whatever the size: the noise of a heap measured after GC. */
  readonly absoluteBytes: number;
  /** Growth allowed as a fraction of the first judged sample's retained heap. */
  readonly relative: number;
  /** The largest ratio between `estimated` and `retained`, either way. */
  readonly estimateFactor: number;
}

/**
 * The default tolerances: 1 MiB plus 5% of the retained heap. A heap measured after a forced GC
 * still moves by a few hundred KB between samples of an unchanged lexer (compiled code, inline
 * caches and feedback live in the heap), while issue 10's leak grew by 12 MB per 100,000 edits;
 * a leak of one byte per edit adds 1 MB per million edits and is at the limit.
 */
export const DEFAULT_HEAP_TOLERANCE: HeapTolerance = {
  absoluteBytes: 1024 * 1024,
  relative: 0.05,
  estimateFactor: 2,
};

/** The verdict. */
export interface HeapVerdict {
  /** Last judged sample's retained heap minus the first's (bytes). */
  readonly total_growth: number;
  /** The least-squares slope of retained heap over edits (bytes per edit). */
  readonly slope_bytes_per_edit: number;
  /** The slope times the edits between the first and last judged samples (bytes). */
  readonly fitted_growth: number;
  /** The growth allowed (bytes). */
  readonly allowed_growth: number;
  /** The smallest and largest `estimated / retained` over the judged samples. */
  readonly estimate_ratio: { readonly min: number; readonly max: number };
  /** What failed, in words; empty when the run passed. */
  readonly problems: readonly string[];
}

/**
 * Judges samples: fails when the retained heap grew (observed between the first and last judged
 * samples, or fitted by least squares over all of them) by more than the tolerance, or when the
 * estimate is not within the factor of the retained heap at some sample.
 *
 * @param samples The samples to judge, in edit order (at least two).
 * @param tolerance The tolerances.
 * @returns The verdict.
 *
 * @example A leak of 100 bytes per edit fails; a flat heap passes
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const run = (perEdit: number) =>
 *   [0, 1, 2, 3].map((i) => ({ edits: i * 1e5, retained: 4e6 + perEdit * i * 1e5, estimated: 5e6 }));
 * assertEquals(judgeHeap(run(100)).problems.length > 0, true);
 * assertEquals(judgeHeap(run(0)).problems, []);
 * ```
 */
export function judgeHeap(
  samples: readonly HeapSample[],
  tolerance: HeapTolerance = DEFAULT_HEAP_TOLERANCE,
): HeapVerdict {
  if (samples.length < 2) throw new RangeError("Cannot judge a heap: needs two samples at least");
  const first = samples[0]!, last = samples[samples.length - 1]!;
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.edits, 0) / n;
  const my = samples.reduce((a, s) => a + s.retained, 0) / n;
  let sxy = 0, sxx = 0;
  for (const s of samples) {
    sxy += (s.edits - mx) * (s.retained - my);
    sxx += (s.edits - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const span = last.edits - first.edits;
  const total = last.retained - first.retained;
  const fitted = slope * span;
  const allowed = tolerance.absoluteBytes + tolerance.relative * Math.max(first.retained, 0);
  const ratios = samples.map((s) => s.estimated / Math.max(s.retained, 1));
  const ratio = { min: Math.min(...ratios), max: Math.max(...ratios) };
  const mb = (b: number) => `${(b / 1048576).toFixed(2)} MB`;
  const problems: string[] = [];
  if (total > allowed) {
    problems.push(`retained heap grew by ${mb(total)} over ${span} edits (allowed ${mb(allowed)})`);
  }
  if (fitted > allowed) {
    problems.push(
      `retained heap grows by ${slope.toFixed(2)} bytes per edit: ${
        mb(fitted)
      } over ${span} edits (allowed ${mb(allowed)})`,
    );
  }
  const f = tolerance.estimateFactor;
  samples.forEach((s, i) => {
    const r = ratios[i]!;
    if (r > f || r < 1 / f) {
      problems.push(
        `at ${s.edits} edits memoryUsage().bytes is ${mb(s.estimated)} for ${
          mb(s.retained)
        } retained (ratio ${r.toFixed(2)}, allowed 1/${f}-${f})`,
      );
    }
  });
  return {
    total_growth: total,
    slope_bytes_per_edit: slope,
    fitted_growth: fitted,
    allowed_growth: allowed,
    estimate_ratio: ratio,
    problems,
  };
}
