/**
 * Shards: disjoint, deterministic slices of one campaign, so N machines together run it.
 *
 * A campaign is a sequence of work units (episodes of generated edits, or patches of a trace).
 * Shard `I/N` (1-based) takes the contiguous units `[floor(U*(I-1)/N), floor(U*I/N))`: the N
 * slices are disjoint, cover all U units, and differ in size by at most one unit.
 *
 * @module
 */

/** A shard: the `index`-th (1-based) of `count` slices. */
export interface Shard {
  /** 1-based shard number. */
  readonly index: number;
  /** How many shards the campaign is split into. */
  readonly count: number;
}

/** The whole campaign as one shard. */
export const WHOLE: Shard = Object.freeze({ index: 1, count: 1 });

/**
 * Parses `I/N`.
 *
 * @param text The option value, for example `"2/8"`.
 * @returns The shard.
 * @throws {SyntaxError} When the text is not `I/N` with integers `1 <= I <= N`.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseShard } from "./shard.ts";
 * assertEquals(parseShard("2/8"), { index: 2, count: 8 });
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count) {
    throw new SyntaxError(
      `Cannot parse shard: "${text}" is not I/N with 1 <= I <= N (for example 1/4)`,
    );
  }
  return { index, count };
}

/**
 * The units of a campaign that belong to a shard.
 *
 * @param units How many work units the whole campaign has.
 * @param shard The shard.
 * @returns The half-open range `[start, end)` of unit indexes.
 * @example Three shards of ten units
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { shardRange } from "./shard.ts";
 * assertEquals([1, 2, 3].map((index) => shardRange(10, { index, count: 3 })), [[0, 3], [3, 6], [6, 10]]);
 * ```
 */
export function shardRange(units: number, shard: Shard): [start: number, end: number] {
  const start = Math.floor((units * (shard.index - 1)) / shard.count);
  const end = Math.floor((units * shard.index) / shard.count);
  return [start, end];
}
