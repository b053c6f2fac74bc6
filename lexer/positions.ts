/**
 * Columns in the three position encodings LSP clients negotiate: UTF-16 code units (LSP's
 * default, and what the lexer counts in), UTF-8 bytes, and UTF-32 code points (what Emacs's
 * lsp-mode counts, as characters).
 *
 * @module
 */

import { describeValue } from "./_validate.ts";

/** A position encoding, as named by LSP's `positionEncoding`. */
export type PositionEncoding = "utf-16" | "utf-8" | "utf-32";

/** The position encodings, LSP's default first. */
export const POSITION_ENCODINGS: readonly PositionEncoding[] = Object.freeze([
  "utf-16",
  "utf-8",
  "utf-32",
]);

/**
 * Checks a position encoding's name.
 *
 * @param value The name.
 * @returns It, typed.
 * @throws {TypeError} When it is not one of {@linkcode POSITION_ENCODINGS}.
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { requireEncoding } from "@latex-perfectionist/lexer";
 * assertEquals(requireEncoding("utf-8"), "utf-8");
 * assertThrows(() => requireEncoding("latin1"), TypeError);
 * ```
 */
export function requireEncoding(value: unknown): PositionEncoding {
  if (value !== "utf-16" && value !== "utf-8" && value !== "utf-32") {
    throw new TypeError(
      `Invalid position encoding: expected "utf-16", "utf-8" or "utf-32", got ${
        describeValue(value)
      }`,
    );
  }
  return value;
}

/** The width of one code point that starts at `i` (1 or 2 UTF-16 units). */
function unitsAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** The UTF-8 bytes of the code point of `units` UTF-16 units that starts with `c`. */
function utf8Bytes(c: number, units: number): number {
  if (units === 2) return 4;
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  return 3; // lone surrogates count as the three bytes of U+FFFD
}

/**
 * Converts a UTF-16 column of a line into another encoding.
 *
 * @param text The line's text.
 * @param column A UTF-16 column, `0 .. text.length` (a column inside a surrogate pair counts
 *   up to the pair's start).
 * @param encoding The encoding wanted.
 * @returns The column in that encoding.
 * @example Emoji and accents
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fromUtf16Column } from "@latex-perfectionist/lexer";
 * const line = "é😀x";
 * assertEquals(fromUtf16Column(line, 3, "utf-16"), 3);
 * assertEquals(fromUtf16Column(line, 3, "utf-8"), 6);
 * assertEquals(fromUtf16Column(line, 3, "utf-32"), 2);
 * ```
 */
export function fromUtf16Column(text: string, column: number, encoding: PositionEncoding): number {
  if (encoding === "utf-16") return column;
  let out = 0;
  for (let i = 0; i < column;) {
    const units = unitsAt(text, i);
    if (i + units > column) break;
    out += encoding === "utf-8" ? utf8Bytes(text.charCodeAt(i), units) : 1;
    i += units;
  }
  return out;
}

/**
 * Converts a column of a line in some encoding into UTF-16.
 *
 * @param text The line's text.
 * @param column The column in `encoding`; past the line's end it means the end (as LSP says).
 * @param encoding The column's encoding.
 * @returns The UTF-16 column, `0 .. text.length`, or -1 when the column falls inside a
 *   character (inside a UTF-8 sequence).
 * @example Emoji and accents
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { toUtf16Column } from "@latex-perfectionist/lexer";
 * const line = "é😀x";
 * assertEquals(toUtf16Column(line, 6, "utf-8"), 3);
 * assertEquals(toUtf16Column(line, 2, "utf-32"), 3);
 * assertEquals(toUtf16Column(line, 1, "utf-8"), -1);
 * ```
 */
export function toUtf16Column(text: string, column: number, encoding: PositionEncoding): number {
  if (encoding === "utf-16") return Math.min(column, text.length);
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < column) {
    const units = unitsAt(text, i);
    seen += encoding === "utf-8" ? utf8Bytes(text.charCodeAt(i), units) : 1;
    i += units;
  }
  return seen > column ? -1 : i;
}

/**
 * The length of a line in an encoding.
 *
 * @param text The line's text.
 * @param encoding The encoding.
 * @returns Its length in that encoding's units.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { encodedLength } from "@latex-perfectionist/lexer";
 * assertEquals(encodedLength("a😀", "utf-32"), 2);
 * ```
 */
export function encodedLength(text: string, encoding: PositionEncoding): number {
  return fromUtf16Column(text, text.length, encoding);
}

/**
 * Whether a UTF-16 column splits a surrogate pair (it sits between its two halves).
 *
 * @param text The line's text.
 * @param column A UTF-16 column.
 * @returns True when `text[column - 1]` is a high and `text[column]` a low surrogate.
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { splitsSurrogatePair } from "@latex-perfectionist/lexer";
 * assert(splitsSurrogatePair("😀", 1));
 * assert(!splitsSurrogatePair("😀", 2));
 * ```
 */
export function splitsSurrogatePair(text: string, column: number): boolean {
  if (column <= 0 || column >= text.length) return false;
  const a = text.charCodeAt(column - 1);
  const b = text.charCodeAt(column);
  return a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff;
}
