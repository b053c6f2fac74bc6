/**
 * The exact one-sided Mann–Whitney U test (Wilcoxon rank-sum) for small samples: how likely it
 * is, if both samples came from one distribution, that the second is at least this much larger
 * than the first. It uses only the order of the values, so one disturbed process moves it by
 * one rank, not by its size.
 *
 * @module
 */

/**
 * `U` of `larger` over `smaller`: the number of pairs `(s, l)` with `l > s`, ties counting one
 * half.
 *
 * @param smaller The sample expected to be smaller (the baseline).
 * @param larger The sample tested for being larger (the current commit).
 * @returns U, from 0 (every value of `larger` below every value of `smaller`) to
 *   `smaller.length * larger.length` (every one above).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(mannWhitneyU([1, 2], [3, 4]), 4);
 * assertEquals(mannWhitneyU([1, 3], [2, 4]), 3);
 * assertEquals(mannWhitneyU([1], [1]), 0.5);
 * ```
 */
export function mannWhitneyU(smaller: readonly number[], larger: readonly number[]): number {
  let u = 0;
  for (const l of larger) {
    for (const s of smaller) u += l > s ? 1 : l === s ? 0.5 : 0;
  }
  return u;
}

/**
 * How many of the `C(m + n, m)` orderings of two samples of sizes `m` and `n` (without ties) have
 * each value of U: `counts[u]`, by the recurrence on the largest value (it belongs to one sample
 * or the other).
 */
function uCounts(m: number, n: number): number[] {
  // table[i][j] is the distribution for sizes i and j, built row by row.
  let previous: number[][] = [];
  for (let i = 0; i <= m; i++) {
    const row: number[][] = [];
    for (let j = 0; j <= n; j++) {
      if (i === 0 || j === 0) {
        row.push([1]);
        continue;
      }
      // The largest value is in the second sample (it beats all i of the first) or the first.
      const withSecond = row[j - 1]!.map((c, u) => ({ u: u + i, c }));
      const withFirst = previous[j]!.map((c, u) => ({ u, c }));
      const counts: number[] = new Array(i * j + 1).fill(0);
      for (const { u, c } of [...withSecond, ...withFirst]) counts[u]! += c;
      row.push(counts);
    }
    previous = row;
  }
  return previous[n]!;
}

/**
 * The exact one-sided p-value that `larger` is stochastically larger than `smaller`: the share
 * of orderings whose U is at least the observed one (ties are counted as halves in U and the
 * no-ties distribution is used, which is close for the few ties timings have).
 *
 * @param smaller The baseline sample.
 * @param larger The sample tested for being larger.
 * @returns The p-value, in (0, 1].
 *
 * @example Five values each, every current one above every baseline one: 1 ordering in 252
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * assertAlmostEquals(rankSumPValue([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]), 1 / 252);
 * assertAlmostEquals(rankSumPValue([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]), 1);
 * ```
 */
export function rankSumPValue(smaller: readonly number[], larger: readonly number[]): number {
  const m = smaller.length;
  const n = larger.length;
  if (m === 0 || n === 0) return 1;
  const u = mannWhitneyU(smaller, larger);
  const counts = uCounts(m, n);
  let total = 0;
  let atLeast = 0;
  counts.forEach((c, value) => {
    total += c;
    if (value >= u - 1e-9) atLeast += c;
  });
  return atLeast / total;
}

/**
 * The smallest p-value {@linkcode rankSumPValue} can give for samples of these sizes:
 * `1 / C(m + n, m)`. A test at a level below it can never reject.
 *
 * @param m The first sample's size.
 * @param n The second sample's size.
 * @returns The smallest p-value.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * assertAlmostEquals(smallestPValue(5, 5), 1 / 252);
 * assertAlmostEquals(smallestPValue(3, 3), 1 / 20);
 * ```
 */
export function smallestPValue(m: number, n: number): number {
  let c = 1;
  for (let k = 1; k <= m; k++) c = (c * (n + k)) / k;
  return 1 / c;
}
