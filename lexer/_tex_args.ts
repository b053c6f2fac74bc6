/**
 * The TeX argument parsers that need only a line's text, a position and a catcode table: the
 * ends of `[...]`, `{...}` and `{name}`, TeX's `^^` notation, the literal of a `\catcode`
 * assignment, and the names that verbatim definitions define. Pure functions (the bracket
 * index only memoizes a function of the text); the scanner calls them and records how far they
 * read, which intra-line checkpoints need.
 *
 * Results that can fail encode where the scan stopped: a value `r < 0` means "not found,
 * looked up to index `-1 - r`" (see {@linkcode stoppedAt}).
 *
 * @module
 */

import { Cat } from "./catcodes.ts";
import { LOOK_AHEAD } from "./_tunables.ts";

const CH_STAR = 0x2a; // *
const CH_LBRACKET = 0x5b; // [
const CH_RBRACKET = 0x5d; // ]
const CH_LBRACE = 0x7b; // {
const CH_RBRACE = 0x7d; // }
const CH_BACKTICK = 0x60; // `
const CH_QUOTE = 0x27; // '
const CH_DQUOTE = 0x22; // "
const CH_EQUALS = 0x3d; // =
const CH_0 = 0x30; // 0
const CH_9 = 0x39; // 9
const CH_A = 0x41; // A
const CH_F = 0x46; // F
const CH_LOWER_A = 0x61; // a
const CH_LOWER_F = 0x66; // f

/**
 * Where a failed search stopped.
 *
 * @param r A negative result of a search.
 * @returns The last index it looked at (at most the text's length).
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { simpleGroupEnd, stoppedAt } from "./_tex_args.ts";
 * import { LATEX_CATCODES } from "./catcodes.ts";
 * assertEquals(stoppedAt(simpleGroupEnd("{ab\\c}", 0, LATEX_CATCODES)), 3);
 * ```
 */
export function stoppedAt(r: number): number {
  return -1 - r;
}

function catOf(cat: Uint8Array, c: number): number {
  return c < 128 ? cat[c]! : Cat.Other;
}

function isLowerHex(c: number): boolean {
  return (c >= CH_0 && c <= CH_9) || (c >= CH_LOWER_A && c <= CH_LOWER_F);
}

function hexValue(c: number): number {
  return c <= CH_9 ? c - CH_0 : c - CH_LOWER_A + 10;
}

/**
 * Reads TeX's `^^` notation at `p` (whose character has catcode 7): `^^M` or `^^5e`. It looks
 * at most at index `p + 3`.
 *
 * @param text The line.
 * @param p The position of the first `^`.
 * @returns `-1` when there is none, else the character meant plus its source length (3 or 4)
 *   times 256.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { hatChar } from "./_tex_args.ts";
 * assertEquals(hatChar("^^M", 0), 0x0d + 3 * 256);
 * assertEquals(hatChar("^^5e", 0), 0x5e + 4 * 256);
 * assertEquals(hatChar("^x", 0), -1);
 * ```
 */
export function hatChar(text: string, p: number): number {
  const len = text.length;
  const c = text.charCodeAt(p);
  if (p + 2 >= len || text.charCodeAt(p + 1) !== c) return -1;
  const c3 = text.charCodeAt(p + 2);
  if (c3 >= 128) return -1;
  if (p + 3 < len) {
    const c4 = text.charCodeAt(p + 3);
    if (isLowerHex(c3) && isLowerHex(c4)) return hexValue(c3) * 16 + hexValue(c4) + 4 * 256;
  }
  return (c3 < 64 ? c3 + 64 : c3 - 64) + 3 * 256;
}

/**
 * Skips characters of catcode 10 (spaces).
 *
 * @param text The line.
 * @param p Where to start.
 * @param cat The catcode table.
 * @returns The first index from `p` that is not a space.
 */
export function skipSpaces(text: string, p: number, cat: Uint8Array): number {
  const len = text.length;
  while (p < len && catOf(cat, text.charCodeAt(p)) === Cat.Space) p++;
  return p;
}

/**
 * The end of a `{name}` at `p` with no nested braces, escapes or comments.
 *
 * @param text The line.
 * @param p Where the `{` should be.
 * @param cat The catcode table.
 * @returns The `}`'s index, or a negative result (see {@linkcode stoppedAt}).
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { simpleGroupEnd } from "./_tex_args.ts";
 * import { LATEX_CATCODES } from "./catcodes.ts";
 * assertEquals(simpleGroupEnd("{align}", 0, LATEX_CATCODES), 6);
 * assertEquals(simpleGroupEnd("{}", 0, LATEX_CATCODES) < 0, true);
 * ```
 */
export function simpleGroupEnd(text: string, p: number, cat: Uint8Array): number {
  const len = text.length;
  if (p >= len || catOf(cat, text.charCodeAt(p)) !== Cat.BeginGroup) return -1 - p;
  // Linear overall: the search stops at the next escape, where the next command starts.
  for (let q = p + 1; q < len; q++) {
    const k = catOf(cat, text.charCodeAt(q));
    if (k === Cat.EndGroup || k === Cat.BeginGroup || k === Cat.Escape || k === Cat.Comment) {
      return k !== Cat.EndGroup || q === p + 1 ? -1 - q : q;
    }
  }
  return -1 - len;
}

/**
 * The index of the `}` matching a literal `{` at `p`, counting literal braces. Every caller
 * consumes what this reads (the argument, or the rest of the line as verbatim), so lexing stays
 * linear without a bound.
 *
 * @param text The line.
 * @param p The `{`'s index.
 * @returns The `}`'s index, or a negative result (see {@linkcode stoppedAt}).
 */
export function balancedEnd(text: string, p: number): number {
  const len = text.length;
  let depth = 0;
  for (let q = p; q < len; q++) {
    const c = text.charCodeAt(q);
    if (c === CH_LBRACE) depth++;
    else if (c === CH_RBRACE && --depth === 0) return q;
  }
  return -1 - len;
}

/**
 * The ends of the `[...]` options of one line, found in amortized constant time each: a scan of
 * at most {@linkcode LOOK_AHEAD.BRACKET_SCAN} characters, and past that an index of the whole
 * line built once, so `\lstinline[` repeated over a line stays linear.
 */
export class BracketEnds {
  #text = "";
  #index: Int32Array | undefined = undefined;

  /**
   * Starts a line.
   *
   * @param text The line.
   */
  reset(text: string): void {
    this.#text = text;
    this.#index = undefined;
  }

  /** Bytes held now (the index, while a line that needed it is lexed). */
  get bytes(): number {
    return this.#index?.byteLength ?? 0;
  }

  /**
   * The index of the `]` closing a `[` at `p` (braces protect; `]` inside `{...}` does not
   * close), or a negative result (see {@linkcode stoppedAt}).
   *
   * @param p Where the `[` should be.
   * @returns The `]`'s index, or a negative result.
   */
  end(p: number): number {
    const t = this.#text;
    const len = t.length;
    if (p >= len || t.charCodeAt(p) !== CH_LBRACKET) return -1 - p;
    if (this.#index === undefined) {
      const limit = Math.min(len, p + 1 + LOOK_AHEAD.BRACKET_SCAN);
      let depth = 0;
      for (let q = p + 1; q < limit; q++) {
        const c = t.charCodeAt(q);
        if (c === CH_LBRACE) depth++;
        else if (c === CH_RBRACE) depth--;
        else if (c === CH_RBRACKET && depth <= 0) return q;
      }
      if (limit === len) return -1 - len;
      this.#index = bracketIndex(t);
    }
    const r = this.#index[p]!;
    return r >= 0 ? r : -1 - len;
  }
}

/**
 * For every `[` of a text, the index of its closing `]`, or -1: in O(n log n). With `P(i)` the
 * count of `{` minus `}` before index `i`, the `[` at `p` closes at the first `]` at `x > p`
 * with `P(x) <= P(p + 1)`. A right-to-left sweep keeps the `]`s that no nearer `]` dominates
 * (their `P` falls with distance), so each query is a binary search.
 */
function bracketIndex(t: string): Int32Array {
  const len = t.length;
  const prefix = new Int32Array(len + 1);
  for (let i = 0; i < len; i++) {
    const c = t.charCodeAt(i);
    prefix[i + 1] = prefix[i]! + (c === CH_LBRACE ? 1 : c === CH_RBRACE ? -1 : 0);
  }
  const out = new Int32Array(len).fill(-1);
  // The stack, bottom (farthest) to top (nearest): positions with increasing P toward the top.
  const stack = new Int32Array(len);
  let top = 0;
  for (let i = len - 1; i >= 0; i--) {
    const c = t.charCodeAt(i);
    if (c === CH_LBRACKET) {
      const v = prefix[i + 1]!;
      // The nearest entry with P <= v: entries' P rise toward the top, so search from the top.
      let lo = 0;
      let hi = top; // entries [0, top); find the largest index k with P(stack[k]) <= v
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (prefix[stack[mid]!]! <= v) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) out[i] = stack[lo - 1]!;
    } else if (c === CH_RBRACKET) {
      const v = prefix[i]!;
      while (top > 0 && prefix[stack[top - 1]!]! >= v) top--;
      stack[top++] = i;
    }
  }
  return out;
}

/** A literal catcode assignment found by {@linkcode catcodeAssignment}. */
export interface CatcodeAssignment {
  /** The character, or -1 when the text holds no literal assignment there. */
  readonly char: number;
  /** Its new catcode. */
  readonly value: number;
  /** Where the assignment ends: it takes effect there. */
  readonly end: number;
  /** The last index the parser looked at. */
  readonly looked: number;
}

function readNumber(t: string, p: number, base: number): [number, number] {
  let v = 0;
  let q = p;
  for (; q < t.length; q++) {
    const c = t.charCodeAt(q);
    let digit = -1;
    if (c >= CH_0 && c <= CH_9) digit = c - CH_0;
    else if (base === 16 && c >= CH_A && c <= CH_F) digit = c - CH_A + 10;
    if (digit < 0 || digit >= base) break;
    v = v * base + digit;
    if (v > 0x10ffff) return [-1, q];
  }
  return q === p ? [-1, p] : [v, q];
}

/**
 * Parses a literal catcode assignment after `\catcode` at `p`: `` `\|=13 ``, `64=11`,
 * `"40 11`, `` `~\active ``. Computed ones are not literal, and yield `char: -1`.
 *
 * @param text The line.
 * @param p The index after `\catcode`.
 * @param cat The catcode table.
 * @returns The assignment.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { catcodeAssignment } from "./_tex_args.ts";
 * import { LATEX_CATCODES } from "./catcodes.ts";
 * const a = catcodeAssignment("`\\|=13 x", 0, LATEX_CATCODES);
 * assertEquals([a.char, a.value, a.end], [0x7c, 13, 6]);
 * ```
 */
export function catcodeAssignment(text: string, p: number, cat: Uint8Array): CatcodeAssignment {
  const len = text.length;
  const none = (q: number) => ({ char: -1, value: 0, end: q, looked: q });
  let q = skipSpaces(text, p, cat);
  if (q >= len) return none(q);
  let char = -1;
  const c = text.charCodeAt(q);
  if (c === CH_BACKTICK) {
    q++;
    if (q < len && catOf(cat, text.charCodeAt(q)) === Cat.Escape) q++;
    if (q >= len) return none(q);
    const h = catOf(cat, text.charCodeAt(q)) === Cat.Superscript ? hatChar(text, q) : -1;
    if (h >= 0) {
      char = h & 0xff;
      q += h >> 8;
    } else {
      char = text.charCodeAt(q);
      q++;
    }
  } else {
    const base = c === CH_QUOTE ? 8 : c === CH_DQUOTE ? 16 : 10;
    [char, q] = readNumber(text, base === 10 ? q : q + 1, base);
    if (char < 0) return none(q);
  }
  q = skipSpaces(text, q, cat);
  if (q < len && text.charCodeAt(q) === CH_EQUALS) q = skipSpaces(text, q + 1, cat);
  let value: number;
  if (
    text.startsWith("\\active", q) &&
    !(q + 7 < len && catOf(cat, text.charCodeAt(q + 7)) === Cat.Letter)
  ) {
    value = Cat.Active;
    q += 7;
  } else {
    [value, q] = readNumber(text, q, 10);
  }
  if (value < 0 || value > 15 || char >= 128) return none(q);
  return { char, value, end: q, looked: q };
}

/** A name a definition defines, and how far the parser looked. */
export interface DefinedName {
  /** The name, or `""` when there is none. */
  readonly name: string;
  /** The last index the parser looked at. */
  readonly looked: number;
}

/**
 * The name in `{name}` after optional spaces, a `*` and an `[option]` at `p`: what
 * `\DefineVerbatimEnvironment`, `\lstnewenvironment` and kin define.
 *
 * @param text The line.
 * @param p The index after the command.
 * @param cat The catcode table.
 * @param brackets The line's bracket ends.
 * @returns The name, or `""`.
 */
export function definedName(
  text: string,
  p: number,
  cat: Uint8Array,
  brackets: BracketEnds,
): DefinedName {
  let q = skipSpaces(text, p, cat);
  if (q < text.length && text.charCodeAt(q) === CH_STAR) q = skipSpaces(text, q + 1, cat);
  let looked = q;
  const bracket = brackets.end(q);
  if (bracket >= 0) q = looked = skipSpaces(text, bracket + 1, cat);
  else looked = Math.max(looked, stoppedAt(bracket));
  const close = simpleGroupEnd(text, q, cat);
  looked = Math.max(looked, close >= 0 ? close : stoppedAt(close));
  return { name: close < 0 ? "" : text.slice(q + 1, close), looked };
}

/**
 * The environment `\newminted` defines at `p`: `[name]` as given, or `{language}` plus `code`.
 *
 * @param text The line.
 * @param p The index after `\newminted`.
 * @param cat The catcode table.
 * @param brackets The line's bracket ends.
 * @returns The name, or `""`.
 */
export function mintedName(
  text: string,
  p: number,
  cat: Uint8Array,
  brackets: BracketEnds,
): DefinedName {
  const q = skipSpaces(text, p, cat);
  const bracket = brackets.end(q);
  if (bracket >= 0) {
    return { name: bracket > q + 1 ? text.slice(q + 1, bracket) : "", looked: bracket };
  }
  const close = simpleGroupEnd(text, q, cat);
  const looked = Math.max(q, stoppedAt(bracket), close >= 0 ? close : stoppedAt(close));
  return { name: close >= 0 ? text.slice(q + 1, close) + "code" : "", looked };
}

/** The `{name}` of a `\newenvironment`. */
export interface NewEnvironment extends DefinedName {
  /** The index of the `}` after the name, or -1 when there is no name. */
  readonly close: number;
}

/**
 * The `{name}` of `\newenvironment` at `p`, after optional spaces and a `*`.
 *
 * @param text The line.
 * @param p The index after the command.
 * @param cat The catcode table.
 * @returns The name and where it ends.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newEnvironmentName } from "./_tex_args.ts";
 * import { LATEX_CATCODES } from "./catcodes.ts";
 * assertEquals(newEnvironmentName("* {code}{", 0, LATEX_CATCODES), { name: "code", close: 7, looked: 7 });
 * ```
 */
export function newEnvironmentName(text: string, p: number, cat: Uint8Array): NewEnvironment {
  let q = skipSpaces(text, p, cat);
  if (q < text.length && text.charCodeAt(q) === CH_STAR) q = skipSpaces(text, q + 1, cat);
  const close = simpleGroupEnd(text, q, cat);
  if (close < 0) return { name: "", close: -1, looked: Math.max(q, stoppedAt(close)) };
  return { name: text.slice(q + 1, close), close, looked: close };
}
