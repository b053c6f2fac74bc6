/**
 * Short verbatim: `\MakeShortVerb{\|}` (shortvrb, doc), `\DefineShortVerb[opts]{\|}` (fancyvrb)
 * and `\lstMakeShortInline[opts]|` (listings) make a character active, and from then on
 * `|...|` is inline verbatim, until `\DeleteShortVerb{\|}`, `\UndefineShortVerb{\|}` or
 * `\lstDeleteShortInline|` gives the character its old catcode back.
 *
 * The state keeps the short-verbatim characters in `LexState.shortVerb`: a string of
 * pairs of code units, the character then the catcode it had before, sorted by character. The
 * character itself gets catcode 13 in the state's catcodes, as TeX does; the scanner treats an
 * active character listed there as the opening delimiter.
 *
 * @module
 */

import { type BracketEnds, skipSpaces, stoppedAt } from "./_tex_args.ts";

const CH_STAR = 0x2a; // *
const CH_BACKSLASH = 0x5c; // \
const CH_LBRACE = 0x7b; // {
const CH_RBRACE = 0x7d; // }

/** How many short-verbatim characters the state keeps; further ones are ignored. */
export const MAX_SHORT_VERB = 8;

/** What a short-verbatim command does, and how it takes its character. */
export interface ShortVerbCommand {
  /** Whether it makes a short-verbatim character (else it removes one). */
  readonly make: boolean;
  /** Whether the character may come bare (`\lstMakeShortInline|`), not only as `{\|}`. */
  readonly bare: boolean;
}

const MAKE: ShortVerbCommand = { make: true, bare: false };
const DELETE: ShortVerbCommand = { make: false, bare: false };

/** The short-verbatim commands, by name without the backslash. */
export const SHORT_VERB_COMMANDS: ReadonlyMap<string, ShortVerbCommand> = new Map([
  ["MakeShortVerb", MAKE],
  ["DefineShortVerb", MAKE],
  ["DeleteShortVerb", DELETE],
  ["UndefineShortVerb", DELETE],
  ["lstMakeShortInline", { make: true, bare: true }],
  ["lstDeleteShortInline", { make: false, bare: true }],
]);

/** The character a short-verbatim command names, and where its argument ends. */
export interface ShortVerbArgument {
  /** The character's code (ASCII), or -1 when the argument is not on the line or not one. */
  readonly char: number;
  /** The index after the argument. */
  readonly end: number;
  /** The last index the parser looked at. */
  readonly looked: number;
}

/**
 * Reads a short-verbatim command's argument at `p`: an optional `*`, optional `[options]`, then
 * `{\c}`, `\c`, or (for the listings commands) `{c}` or a bare `c`. Looks at a bounded number
 * of characters besides the options, whose end `brackets` finds in amortized constant time.
 *
 * @param text The line.
 * @param p The index after the command.
 * @param options The line's catcode table, bracket ends, and whether a bare character is allowed.
 * @returns The character and the argument's end.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { BracketEnds } from "./_tex_args.ts";
 * import { LATEX_CATCODES } from "./catcodes.ts";
 * import { shortVerbArgument } from "./_short_verb.ts";
 * const brackets = new BracketEnds();
 * brackets.reset("\\MakeShortVerb*{\\|} x");
 * const a = shortVerbArgument("\\MakeShortVerb*{\\|} x", 14, {
 *   cat: LATEX_CATCODES,
 *   brackets,
 *   bare: false,
 * });
 * assertEquals([a.char, a.end], [0x7c, 19]);
 * ```
 */
export function shortVerbArgument(
  text: string,
  p: number,
  options: { cat: Uint8Array; brackets: BracketEnds; bare: boolean },
): ShortVerbArgument {
  const len = text.length;
  let q = p;
  if (q < len && text.charCodeAt(q) === CH_STAR) q++;
  const bracket = options.brackets.end(q);
  let looked = q;
  if (bracket >= 0) q = bracket + 1;
  else looked = Math.max(looked, stoppedAt(bracket));
  if (options.bare) q = skipSpaces(text, q, options.cat);
  looked = Math.max(looked, Math.min(q + 3, len));
  const none = { char: -1, end: p, looked };
  if (q >= len) return none;
  let c = text.charCodeAt(q);
  let braced = false;
  if (c === CH_LBRACE) {
    braced = true;
    q++;
    if (q >= len) return none;
    c = text.charCodeAt(q);
  }
  if (c === CH_BACKSLASH) {
    q++;
    if (q >= len) return none;
    c = text.charCodeAt(q);
  } else if (!options.bare) return none;
  q++;
  if (braced) {
    if (q >= len || text.charCodeAt(q) !== CH_RBRACE) return none;
    q++;
  }
  // A letter would make `\c` a control word; spaces and braces cannot be delimiters.
  if (c >= 128 || options.cat[c] === 11 || c === CH_LBRACE || c === CH_RBRACE || c <= 0x20) {
    return none;
  }
  return { char: c, end: q, looked };
}

/**
 * The catcode a short-verbatim character had before it became one.
 *
 * @param shortVerb A `LexState.shortVerb` string.
 * @param char A character code.
 * @returns Its old catcode, or -1 when `char` is no short-verbatim character.
 */
export function shortVerbOldCat(shortVerb: string, char: number): number {
  for (let i = 0; i < shortVerb.length; i += 2) {
    if (shortVerb.charCodeAt(i) === char) return shortVerb.charCodeAt(i + 1);
  }
  return -1;
}

/**
 * The string with a character added (kept sorted), unless it is there or the list is full.
 *
 * @param shortVerb A `LexState.shortVerb` string.
 * @param char The character.
 * @param oldCat Its catcode before.
 * @returns The new string (the same one when nothing changes).
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { withShortVerb, withoutShortVerb } from "./_short_verb.ts";
 * const s = withShortVerb(withShortVerb("", 0x7c, 12), 0x21, 12);
 * assertEquals(s, "!\x0c|\x0c");
 * assertEquals(withoutShortVerb(s, 0x21), "|\x0c");
 * ```
 */
export function withShortVerb(shortVerb: string, char: number, oldCat: number): string {
  if (shortVerbOldCat(shortVerb, char) >= 0 || shortVerb.length >= 2 * MAX_SHORT_VERB) {
    return shortVerb;
  }
  let i = 0;
  while (i < shortVerb.length && shortVerb.charCodeAt(i) < char) i += 2;
  return shortVerb.slice(0, i) + String.fromCharCode(char, oldCat) + shortVerb.slice(i);
}

/**
 * The string with a character removed.
 *
 * @param shortVerb A `LexState.shortVerb` string.
 * @param char The character.
 * @returns The new string (the same one when `char` is not in it).
 */
export function withoutShortVerb(shortVerb: string, char: number): string {
  for (let i = 0; i < shortVerb.length; i += 2) {
    if (shortVerb.charCodeAt(i) === char) return shortVerb.slice(0, i) + shortVerb.slice(i + 2);
  }
  return shortVerb;
}

/**
 * Whether a string is a well-formed `LexState.shortVerb`.
 *
 * @param s The string.
 * @returns Whether it is sorted pairs of an ASCII character and a catcode, at most
 *   {@linkcode MAX_SHORT_VERB}.
 */
export function isShortVerbString(s: string): boolean {
  if (s.length % 2 !== 0 || s.length > 2 * MAX_SHORT_VERB) return false;
  for (let i = 0; i < s.length; i += 2) {
    if (s.charCodeAt(i) >= 128 || s.charCodeAt(i + 1) > 15) return false;
    if (i > 0 && s.charCodeAt(i - 2) >= s.charCodeAt(i)) return false;
  }
  return true;
}
