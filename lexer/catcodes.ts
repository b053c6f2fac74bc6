/**
 * TeX category codes, and the table LaTeX (latex.ltx) sets up.
 *
 * @module
 */

/** The sixteen category codes. */
export const Cat = {
  Escape: 0,
  BeginGroup: 1,
  EndGroup: 2,
  MathShift: 3,
  Alignment: 4,
  EndOfLine: 5,
  Parameter: 6,
  Superscript: 7,
  Subscript: 8,
  Ignored: 9,
  Space: 10,
  Letter: 11,
  Other: 12,
  Active: 13,
  Comment: 14,
  Invalid: 15,
} as const;

/** One of the values of {@linkcode Cat}. */
export type Cat = typeof Cat[keyof typeof Cat];

/** Characters below this code have a catcode from the table; the others are `Other`. */
export const TABLE_SIZE = 128;

function latexTable(): Uint8Array {
  // INITEX: everything other, letters letters, then the few that initex and latex.ltx set.
  const t = new Uint8Array(TABLE_SIZE).fill(Cat.Other);
  for (let c = 0x41; c <= 0x5a; c++) t[c] = Cat.Letter; // A-Z
  for (let c = 0x61; c <= 0x7a; c++) t[c] = Cat.Letter; // a-z
  t[0x5c] = Cat.Escape; // \
  t[0x7b] = Cat.BeginGroup; // {
  t[0x7d] = Cat.EndGroup; // }
  t[0x24] = Cat.MathShift; // $
  t[0x26] = Cat.Alignment; // &
  t[0x0d] = Cat.EndOfLine; // ^^M
  t[0x23] = Cat.Parameter; // #
  t[0x5e] = Cat.Superscript; // ^
  t[0x5f] = Cat.Subscript; // _
  t[0x00] = Cat.Ignored; // ^^@
  t[0x20] = Cat.Space; // space
  t[0x09] = Cat.Space; // ^^I, tab
  t[0x7e] = Cat.Active; // ~
  t[0x0c] = Cat.Active; // ^^L, form feed
  t[0x25] = Cat.Comment; // %
  t[0x7f] = Cat.Invalid; // ^^?, delete
  return t;
}

/** LaTeX's default catcodes for the ASCII characters (read-only by convention). */
export const LATEX_CATCODES: Uint8Array = latexTable();

/**
 * The catcode LaTeX gives a character by default.
 *
 * @param char A character code.
 * @returns Its catcode; characters outside ASCII are `Other`.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Cat, defaultCatcode } from "./catcodes.ts";
 * assertEquals(defaultCatcode("$".charCodeAt(0)), Cat.MathShift);
 * assertEquals(defaultCatcode(0x3b1), Cat.Other); // α
 * ```
 */
export function defaultCatcode(char: number): Cat {
  return (char < TABLE_SIZE ? LATEX_CATCODES[char] : Cat.Other) as Cat;
}
