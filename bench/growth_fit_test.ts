import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { fitGrowth } from "./growth_fit.ts";

const sizes = [65536, 131072, 262144, 524288, 1048576];

Deno.test("fitGrowth() finds exponents 1 and 2 of exact power laws", () => {
  assertAlmostEquals(
    fitGrowth(sizes.map((size) => ({ size, cost: size / 1e4 }))).exponent,
    1,
    1e-9,
  );
  const quadratic = fitGrowth(sizes.map((size) => ({ size, cost: (size / 1e4) ** 2 })));
  assertAlmostEquals(quadratic.exponent, 2, 1e-9);
  assertAlmostEquals(quadratic.r2, 1, 1e-9);
  assertEquals(quadratic.points, 5);
});

Deno.test("fitGrowth(): a constant overhead pulls the exponent below 1, never above", () => {
  const fit = fitGrowth(sizes.map((size) => ({ size, cost: 2 + size / 1e5 })));
  assertEquals(fit.exponent < 1 && fit.exponent > 0.5, true);
});

Deno.test("fitGrowth() refuses fewer than two sizes and non-positive costs", () => {
  assertThrows(() => fitGrowth([{ size: 1, cost: 1 }]), RangeError, "two distinct sizes");
  assertThrows(
    () => fitGrowth([{ size: 1, cost: 1 }, { size: 1, cost: 2 }]),
    RangeError,
    "two distinct sizes",
  );
  assertThrows(
    () => fitGrowth([{ size: 1, cost: 0 }, { size: 2, cost: 2 }]),
    RangeError,
    "positive",
  );
});
