import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { deriveSeed, freshSeed, MAX_SEED, mix32, Sfc32 } from "./sfc32.ts";

Deno.test("Sfc32 gives the same stream for the same seed and another for another seed", () => {
  const draw = (seed: number) => {
    const r = new Sfc32(seed);
    return Array.from({ length: 16 }, () => r.nextU32());
  };
  assertEquals(draw(1), draw(1));
  assertNotEquals(draw(1), draw(2));
  assertNotEquals(draw(0), draw(MAX_SEED));
});

Deno.test("Sfc32.int() stays in range and reaches every value", () => {
  const r = new Sfc32(9);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = r.int(7);
    assert(Number.isInteger(v) && v >= 0 && v < 7, `out of range: ${v}`);
    seen.add(v);
  }
  assertEquals(seen.size, 7);
  for (let i = 0; i < 200; i++) {
    const v = r.range(-3, 3);
    assert(v >= -3 && v <= 3);
  }
});

Deno.test("Sfc32.float() and chance() are roughly uniform", () => {
  const r = new Sfc32(123);
  let sum = 0, hits = 0;
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const f = r.float();
    assert(f >= 0 && f < 1);
    sum += f;
    if (r.chance(0.25)) hits++;
  }
  assert(Math.abs(sum / n - 0.5) < 0.02, `mean ${sum / n}`);
  assert(Math.abs(hits / n - 0.25) < 0.02, `chance rate ${hits / n}`);
  assert(!new Sfc32(1).chance(0));
  assert(new Sfc32(1).chance(1));
});

Deno.test("Sfc32 rejects seeds that are not unsigned 32-bit integers", () => {
  assertThrows(() => new Sfc32(-1), RangeError);
  assertThrows(() => new Sfc32(1.5), RangeError);
  assertThrows(() => new Sfc32(MAX_SEED + 1), RangeError);
  assertThrows(() => new Sfc32(0).pick([]), RangeError);
});

Deno.test("deriveSeed() and mix32() are deterministic and separate nearby indices", () => {
  assertEquals(deriveSeed(5, 1, 2), deriveSeed(5, 1, 2));
  const seeds = new Set<number>();
  for (let i = 0; i < 1000; i++) seeds.add(deriveSeed(5, i));
  assertEquals(seeds.size, 1000);
  assertNotEquals(deriveSeed(5, 1, 2), deriveSeed(5, 2, 1));
  assertEquals(mix32(0), 0);
  const s = freshSeed();
  assert(Number.isInteger(s) && s >= 0 && s <= MAX_SEED);
});
