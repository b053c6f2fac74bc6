import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { median, medianStats, percentile, summarize } from "./stats.ts";

Deno.test("percentile() uses the nearest rank", () => {
  const sorted = Array.from({ length: 1000 }, (_, i) => i + 1);
  assertEquals(percentile(sorted, 50), 500);
  assertEquals(percentile(sorted, 99), 990);
  assertEquals(percentile(sorted, 99.9), 999);
  assertEquals(percentile(sorted, 100), 1000);
  assertEquals(percentile(sorted, 0), 1);
  assertThrows(() => percentile([], 50), RangeError);
});

Deno.test("summarize() sorts numerically and computes every field", () => {
  const stats = summarize([10, 2, 1, 30, 7]);
  assertEquals(stats.count, 5);
  assertEquals(stats.min, 1);
  assertEquals(stats.max, 30);
  assertEquals(stats.p50, 7);
  assertEquals(stats.p95, 30);
  assertAlmostEquals(stats.mean, 10);
  assertAlmostEquals(stats.opsPerSec, 5 / 0.05);
  assertThrows(() => summarize([]), RangeError);
});

Deno.test("median() and medianStats() take field-wise medians", () => {
  assertEquals(median([3]), 3);
  assertEquals(median([1, 100, 2]), 2);
  const combined = medianStats([summarize([1]), summarize([100]), summarize([2])]);
  assertEquals(combined.p50, 2);
  assertEquals(combined.max, 2);
  assertThrows(() => median([]), RangeError);
});
