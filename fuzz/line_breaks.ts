/**
 * Counting line endings the way the lexer does (`\n`, `\r\n` and a lone `\r` each end a line),
 * and keeping that count up to date across an edit in O(edit) time.
 *
 * @module
 */

const LF = 0x0a; // \n
const CR = 0x0d; // \r

/**
 * Counts the line endings in `text[from, to)`. A `\r` at `to - 1` counts as a lone `\r`, even if
 * `text[to]` is `\n`: callers that cut a window must cut both sides the same way.
 *
 * @param text The text.
 * @param from Start offset.
 * @param to End offset (exclusive).
 * @returns The number of line endings.
 * @example CRLF counts once
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { countLineBreaks } from "./line_breaks.ts";
 * assertEquals(countLineBreaks("a\r\nb\rc\n", 0, 7), 3);
 * ```
 */
export function countLineBreaks(text: string, from = 0, to: number = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && (i + 1 >= to || text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * How the number of line endings changes when `[from, to)` of `before` is replaced by `insert`.
 * Only a window one character wider than the edit on each side is scanned: a line ending depends
 * on at most the character after it, so characters further away count the same before and after.
 *
 * @param before The text before the edit.
 * @param edit The edit: `from`, `to` and the inserted text.
 * @returns The change in the count of line endings (may be negative).
 * @example Joining `\r` and `\n` removes a line
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { lineBreakDelta } from "./line_breaks.ts";
 * assertEquals(lineBreakDelta("a\rX\nb", { from: 2, to: 3, insert: "" }), -1);
 * ```
 */
export function lineBreakDelta(
  before: string,
  edit: { from: number; to: number; insert: string },
): number {
  const lo = edit.from > 0 ? edit.from - 1 : 0;
  const hi = edit.to < before.length ? edit.to + 1 : before.length;
  const old = countLineBreaks(before, lo, hi);
  const window = before.slice(lo, edit.from) + edit.insert + before.slice(edit.to, hi);
  return countLineBreaks(window) - old;
}
