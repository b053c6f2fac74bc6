/**
 * The growth exponent of a cost against a size: the slope of the least-squares line through
 * `(log size, log cost)`. A linear algorithm has exponent 1, a quadratic one 2; constant
 * overheads pull small sizes' exponent below 1.
 *
 * @module
 */

/** One measurement. */
export interface GrowthPoint {
  /** The input size (bytes). */
  readonly size: number;
  /** The cost (ms), positive. */
  readonly cost: number;
}

/** A fitted power law `cost = a * size^exponent`. */
export interface GrowthFit {
  /** The exponent (slope in log-log). */
  readonly exponent: number;
  /** The coefficient of determination of the log-log line (1 for a perfect power law). */
  readonly r2: number;
  /** How many points it was fitted on. */
  readonly points: number;
}

/**
 * Fits `cost = a * size^exponent` by least squares in log-log space.
 *
 * @param points At least two points with distinct sizes and positive costs.
 * @returns The fit.
 * @throws {RangeError} With fewer than two distinct sizes or a cost that is not positive.
 *
 * @example A quadratic cost has exponent 2
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * const fit = fitGrowth([1, 2, 4, 8].map((size) => ({ size, cost: 3 * size * size })));
 * assertAlmostEquals(fit.exponent, 2, 1e-9);
 * ```
 */
export function fitGrowth(points: readonly GrowthPoint[]): GrowthFit {
  if (points.some((p) => !(p.cost > 0) || !(p.size > 0))) {
    throw new RangeError("Cannot fit growth: every size and cost must be positive");
  }
  if (new Set(points.map((p) => p.size)).size < 2) {
    throw new RangeError("Cannot fit growth: needs at least two distinct sizes");
  }
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(p.cost));
  const n = points.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx, dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const exponent = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { exponent, r2, points: n };
}
