/**
 * The changed span between two texts, found by their common prefix and suffix: what a client
 * with full-document sync changed. Blocks are compared with `===` on slices (a memory compare
 * inside the engine), then characters, so the scan runs at memory speed, not per character in
 * JavaScript.
 *
 * @module
 */

/** Code units compared at once; halved down to single characters at the first difference. */
const BLOCK = 4096;

/** The replaced span of `before` and the text that replaces it. */
export interface TextChange {
  /** Where the change starts, in both texts. */
  from: number;
  /** Where it ends in `before`. */
  to: number;
  /** What replaces `before.slice(from, to)`. */
  insert: string;
}

/**
 * The length of the common prefix of two texts.
 *
 * @param a A text.
 * @param b Another.
 * @param max The longest prefix to consider.
 * @returns The length.
 */
export function commonPrefix(a: string, b: string, max: number): number {
  let i = 0;
  for (let step = BLOCK; step >= 1; step >>= 1) {
    while (i + step <= max && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  return i;
}

/**
 * The length of the common suffix of two texts.
 *
 * @param a A text.
 * @param b Another.
 * @param max The longest suffix to consider.
 * @returns The length.
 */
export function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  const la = a.length;
  const lb = b.length;
  for (let step = BLOCK; step >= 1; step >>= 1) {
    while (
      i + step <= max && a.slice(la - i - step, la - i) === b.slice(lb - i - step, lb - i)
    ) i += step;
  }
  return i;
}

/**
 * The smallest single replacement that turns one text into another.
 *
 * @param before The old text.
 * @param after The new text.
 * @returns The change; `from === to` and `insert === ""` when the texts are equal.
 */
export function diffText(before: string, after: string): TextChange {
  const min = Math.min(before.length, after.length);
  const prefix = commonPrefix(before, after, min);
  const suffix = commonSuffix(before, after, min - prefix);
  return {
    from: prefix,
    to: before.length - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}
