import { assertAlmostEquals, assertEquals } from "@std/assert";
import { mannWhitneyU, rankSumPValue, smallestPValue } from "./rank_sum.ts";

/** The p-value by enumerating every split of the pooled values into two samples. */
function bruteForce(smaller: number[], larger: number[]): number {
  const pool = [...smaller, ...larger];
  const observed = mannWhitneyU(smaller, larger);
  let total = 0;
  let atLeast = 0;
  const choose = (start: number, picked: number[]) => {
    if (picked.length === smaller.length) {
      const a = picked.map((i) => pool[i]!);
      const b = pool.filter((_, i) => !picked.includes(i));
      total++;
      if (mannWhitneyU(a, b) >= observed - 1e-9) atLeast++;
      return;
    }
    for (let i = start; i < pool.length; i++) choose(i + 1, [...picked, i]);
  };
  choose(0, []);
  return atLeast / total;
}

Deno.test("rankSumPValue() equals the enumeration of every split (distinct values)", () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let trial = 0; trial < 30; trial++) {
    const m = 2 + (trial % 5);
    const n = 2 + ((trial * 3) % 5);
    const a = Array.from({ length: m }, next);
    const b = Array.from({ length: n }, () => next() + 0.3);
    assertAlmostEquals(rankSumPValue(a, b), bruteForce(a, b), 1e-12, `trial ${trial}`);
  }
});

Deno.test("rankSumPValue() of separated samples is 1 / C(m + n, m); reversed, 1", () => {
  assertAlmostEquals(rankSumPValue([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]), 1 / 924);
  assertAlmostEquals(smallestPValue(6, 6), 1 / 924);
  assertEquals(rankSumPValue([7, 8, 9], [1, 2, 3]), 1);
  assertEquals(rankSumPValue([], [1]), 1);
});

Deno.test("rankSumPValue() of identical samples is one half or more", () => {
  assertEquals(rankSumPValue([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]) >= 0.5, true);
});
