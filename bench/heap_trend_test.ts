import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { judgeHeap } from "./heap_trend.ts";

const MB = 1048576;
const run = (retained: (i: number) => number, estimated = (_: number) => 6 * MB) =>
  Array.from({ length: 10 }, (_, i) => ({
    edits: (i + 1) * 100_000,
    retained: retained(i),
    estimated: estimated(i),
  }));

Deno.test("judgeHeap() passes a flat heap with a few hundred KB of noise", () => {
  const noise = [0, 300, -200, 100, 250, -300, 0, 150, -100, 200];
  assertEquals(judgeHeap(run((i) => 5 * MB + noise[i]! * 1024)).problems, []);
});

Deno.test("judgeHeap() fails issue 10's leak on both the total and the fitted slope", () => {
  const v = judgeHeap(run((i) => 3.3 * MB + i * 12 * MB, () => 0.4 * MB));
  assertEquals(v.problems.filter((p) => p.startsWith("retained heap grew")).length, 1);
  assertEquals(v.problems.filter((p) => p.includes("bytes per edit")).length, 1);
  assertStringIncludes(v.problems.join("\n"), "memoryUsage().bytes is 0.40 MB");
});

Deno.test("judgeHeap() fails a slow steady leak that a noisy last sample would hide", () => {
  // 3 bytes per edit over 900,000 edits = 2.6 MB fitted; the last sample dips to the first.
  const v = judgeHeap(run((i) => (i === 9 ? 5 * MB : 5 * MB + i * 300_000)));
  assertEquals(v.problems.length, 1);
  assertStringIncludes(v.problems[0]!, "bytes per edit");
});

Deno.test("judgeHeap() holds memoryUsage() within the factor either way", () => {
  assertEquals(judgeHeap(run(() => 5 * MB, () => 10 * MB)).problems, []);
  assertEquals(judgeHeap(run(() => 5 * MB, () => 2.5 * MB)).problems, []);
  assertEquals(judgeHeap(run(() => 5 * MB, () => 10.6 * MB)).problems.length, 10);
  assertEquals(judgeHeap(run(() => 5 * MB, (i) => (i === 4 ? 2 * MB : 5 * MB))).problems.length, 1);
});

Deno.test("judgeHeap() needs two samples", () => {
  assertThrows(() => judgeHeap(run(() => 1).slice(0, 1)), RangeError, "two samples");
});
