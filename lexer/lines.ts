/**
 * Splitting text into lines. `\n`, `\r\n` and `\r` all end a line; a text with `n` line
 * endings has `n + 1` lines, the last one possibly empty.
 *
 * @module
 */

/** The line endings, by code. */
export const LineEnding = {
  /** The last line of a text has none. */
  None: 0,
  /** `\n` */
  LF: 1,
  /** `\r\n` */
  CRLF: 2,
  /** `\r` */
  CR: 3,
} as const;

/** One of the values of {@linkcode LineEnding}. */
export type LineEnding = typeof LineEnding[keyof typeof LineEnding];

/** The length in UTF-16 code units of each line ending, by code. */
export const ENDING_LENGTH: readonly number[] = [0, 1, 2, 1];

/** The text of each line ending, by code. */
export const ENDING_TEXT: readonly string[] = ["", "\n", "\r\n", "\r"];

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a text into lines, calling `line` for each, in order.
 *
 * @param text The text.
 * @param line Called with each line's text (without its ending) and its ending's code.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { splitLines } from "./lines.ts";
 * const out: [string, number][] = [];
 * splitLines("a\r\nb\rc\n", (t, e) => out.push([t, e]));
 * assertEquals(out, [["a", 2], ["b", 3], ["c", 1], ["", 0]]);
 * ```
 */
export function splitLines(text: string, line: (text: string, ending: LineEnding) => void): void {
  let start = 0;
  const n = text.length;
  // indexOf skips long runs quickly; each search result is kept until passed, so the split is
  // linear even when one kind of ending never occurs.
  let lf = text.indexOf("\n");
  let cr = text.indexOf("\r");
  for (;;) {
    if (lf >= 0 && lf < start) lf = text.indexOf("\n", start);
    if (cr >= 0 && cr < start) cr = text.indexOf("\r", start);
    if (lf < 0 && cr < 0) break;
    if (cr < 0 || (lf >= 0 && lf < cr)) {
      line(text.slice(start, lf), LineEnding.LF);
      start = lf + 1;
    } else if (cr + 1 < n && text.charCodeAt(cr + 1) === LF) {
      line(text.slice(start, cr), LineEnding.CRLF);
      start = cr + 2;
    } else {
      line(text.slice(start, cr), LineEnding.CR);
      start = cr + 1;
    }
  }
  line(text.slice(start), LineEnding.None);
}

/**
 * Counts the lines of a text.
 *
 * @param text The text.
 * @returns The number of line endings plus one.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { countLines } from "./lines.ts";
 * assertEquals(countLines(""), 1);
 * assertEquals(countLines("a\r\n\r"), 3);
 * ```
 */
export function countLines(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}
