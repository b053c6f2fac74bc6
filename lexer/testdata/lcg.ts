/**
 * Cheap seeded random numbers for tests: the project's one seeded generator (SFC32, in
 * `_tools/sfc32.ts`) as a function returning numbers in `[0, 1)`.
 *
 * @module
 */

import { Sfc32 } from "../../_tools/sfc32.ts";

/**
 * Makes a generator of numbers in `[0, 1)` from a 32-bit seed.
 *
 * @param seed The seed.
 * @returns The generator.
 */
export function seeded(seed: number): () => number {
  const rng = new Sfc32(seed);
  return () => rng.float();
}
