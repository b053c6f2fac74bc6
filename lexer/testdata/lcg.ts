/**
 * A tiny seeded generator for tests that need many cheap random numbers.
 *
 * @module
 */

/**
 * Makes a generator of numbers in `[0, 1)` from a 32-bit seed (mulberry32).
 *
 * @param seed The seed.
 * @returns The generator.
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
