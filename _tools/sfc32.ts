/**
 * The seeded pseudo-random number generator of the tasks (fuzzer, generated documents): SFC32.
 *
 * The generator is SFC32 (Chris Doty-Humphrey's "small fast chaotic" generator, 128 bits of
 * state); it needs only 32-bit integer operations, so it stays in V8's fast integer paths.
 * Seeds are unsigned 32-bit integers; {@linkcode deriveSeed} splits one campaign seed into
 * independent streams (one per episode), which is what makes shards deterministic.
 *
 * @module
 */

/** The largest accepted seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;

const TWO_POW_32 = 4294967296;

/**
 * Scrambles a 32-bit integer so that nearby inputs give unrelated outputs (MurmurHash3's
 * finalizer constants).
 *
 * @param x Any 32-bit integer.
 * @returns An unsigned 32-bit integer.
 * @example Nearby inputs diverge
 * ```ts
 * import { assertNotEquals } from "@std/assert";
 * import { mix32 } from "./sfc32.ts";
 * assertNotEquals(mix32(1) & 0xff, mix32(2) & 0xff);
 * ```
 */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85eb_ca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2_ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Derives the seed of a sub-stream from a parent seed and a path of indices, for example
 * `(campaignSeed, episode)`. The same inputs always give the same seed.
 *
 * @param seed The parent seed.
 * @param indices Non-negative integers naming the sub-stream.
 * @returns An unsigned 32-bit seed.
 * @example Episodes get different, reproducible seeds
 * ```ts
 * import { assertEquals, assertNotEquals } from "@std/assert";
 * import { deriveSeed } from "./sfc32.ts";
 * assertEquals(deriveSeed(7, 3), deriveSeed(7, 3));
 * assertNotEquals(deriveSeed(7, 3), deriveSeed(7, 4));
 * ```
 */
export function deriveSeed(seed: number, ...indices: number[]): number {
  let h = mix32(seed ^ 0x9e37_79b9);
  for (const i of indices) h = mix32((h + 0x6a09_e667) ^ mix32(i + 0x3c6e_f372));
  return h;
}

/**
 * A seeded SFC32 random stream. Not for cryptography.
 *
 * @example The same seed gives the same stream
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Sfc32 } from "./sfc32.ts";
 * const a = new Sfc32(42), b = new Sfc32(42);
 * assertEquals([a.int(100), a.int(100)], [b.int(100), b.int(100)]);
 * ```
 */
export class Sfc32 {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /**
   * Creates a stream.
   *
   * @param seed An integer in `0 .. MAX_SEED`.
   * @throws {RangeError} When the seed is not such an integer.
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(`Cannot seed the generator: ${seed} is not an integer in 0-${MAX_SEED}`);
    }
    this.#a = mix32(seed ^ 0x243f_6a88) | 0;
    this.#b = mix32(seed ^ 0x85a3_08d3) | 0;
    this.#c = mix32(seed ^ 0x1319_8a2e) | 0;
    this.#d = 1;
    // The first outputs of SFC32 still show the seed's structure; run past them.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /**
   * The next raw output.
   *
   * @returns An unsigned 32-bit integer.
   */
  nextU32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /**
   * A uniform float in `[0, 1)` with 32 bits of randomness.
   *
   * @returns The float.
   */
  float(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /**
   * An integer in `0 .. n - 1` (multiply-shift: bias below 2^-20 for the small `n` used here).
   *
   * @param n The number of outcomes, at least 1.
   * @returns The integer.
   */
  int(n: number): number {
    return Math.floor((this.nextU32() / TWO_POW_32) * n);
  }

  /**
   * An integer in `lo .. hi` inclusive.
   *
   * @param lo The smallest value.
   * @param hi The largest value, at least `lo`.
   * @returns The integer.
   */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /**
   * `true` with probability `p`.
   *
   * @param p A probability in `[0, 1]`.
   * @returns The outcome.
   */
  chance(p: number): boolean {
    return this.nextU32() < p * TWO_POW_32;
  }

  /**
   * One element of a non-empty array, uniformly.
   *
   * @param items The choices.
   * @returns The chosen element.
   * @throws {RangeError} When `items` is empty.
   */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined && items.length === 0) {
      throw new RangeError("Cannot pick from an empty array");
    }
    return item as T;
  }
}

/**
 * A fresh seed from the operating system's random source, for runs started without `--seed`.
 *
 * @returns An unsigned 32-bit seed.
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { freshSeed, MAX_SEED } from "./sfc32.ts";
 * const seed = freshSeed();
 * assert(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED);
 * ```
 */
export function freshSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}
