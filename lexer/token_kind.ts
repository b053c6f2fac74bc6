/**
 * Token kinds, and the packed 32-bit form in which the lexer stores tokens.
 *
 * A token is stored as one `uint32`; its column is implicit, since the tokens of a line are
 * contiguous and cover the line (the lexer is lossless):
 *
 * ```text
 *  31                              6   5   4    0
 * +---------------------------------+---+------+
 * |             length              | m | kind |
 * +---------------------------------+---+------+
 * ```
 *
 * `kind` is the index of the kind in {@linkcode TOKEN_KINDS}, `m` is the math flag. The kind
 * field has five bits: the sixteen TeX kinds filled four, and DocTeX's `doc_prefix` is the
 * seventeenth (so a token holds up to `2 ** 26 - 1` code units; longer runs are split).
 *
 * @module
 */

/** The kinds of token, by name. */
export const TokenKind = {
  /** `\` followed by letters: `\section`. */
  ControlWord: "control_word",
  /** `\` followed by one non-letter (`\$`, `\\`), or a lone `\` at the end of a line. */
  ControlSymbol: "control_symbol",
  /** `{` (catcode 1). */
  BeginGroup: "begin_group",
  /** `}` (catcode 2). */
  EndGroup: "end_group",
  /** `$`, or `$$` where it opens or closes display math (catcode 3). */
  MathShift: "math_shift",
  /** `&` (catcode 4). */
  Alignment: "alignment",
  /** `#`, `##` or `#1` (catcode 6). */
  Parameter: "parameter",
  /** `^` (catcode 7). */
  Superscript: "superscript",
  /** `_` (catcode 8). */
  Subscript: "subscript",
  /** `~`, form feed, or any character made active (catcode 13). */
  Active: "active",
  /** A run of spaces and tabs (catcode 10). */
  Space: "space",
  /** `%` to the end of the line (catcode 14). */
  Comment: "comment",
  /** A maximal run of letters and other characters (catcodes 11 and 12). */
  Text: "text",
  /** The body of a verbatim-like region. */
  Verbatim: "verbatim",
  /** A run of ignored characters (catcode 9), or what follows a mid-line end-of-line character. */
  Ignored: "ignored",
  /** A run of invalid characters (catcode 15). */
  Invalid: "invalid",
  /**
   * In DocTeX mode (`.dtx`), the `%` that starts a documentation line: `\DocInput` ignores it,
   * and the rest of the line is LaTeX.
   */
  DocPrefix: "doc_prefix",
} as const;

/** The name of a token kind. */
export type TokenKind = typeof TokenKind[keyof typeof TokenKind];

/** The token kinds in the order of their packed codes. */
export const TOKEN_KINDS: readonly TokenKind[] = Object.freeze([
  "control_word",
  "control_symbol",
  "begin_group",
  "end_group",
  "math_shift",
  "alignment",
  "parameter",
  "superscript",
  "subscript",
  "active",
  "space",
  "comment",
  "text",
  "verbatim",
  "ignored",
  "invalid",
  "doc_prefix",
]);

/** Packed codes of the kinds, as used on hot paths (the index in {@linkcode TOKEN_KINDS}). */
export const K = {
  ControlWord: 0,
  ControlSymbol: 1,
  BeginGroup: 2,
  EndGroup: 3,
  MathShift: 4,
  Alignment: 5,
  Parameter: 6,
  Superscript: 7,
  Subscript: 8,
  Active: 9,
  Space: 10,
  Comment: 11,
  Text: 12,
  Verbatim: 13,
  Ignored: 14,
  Invalid: 15,
  DocPrefix: 16,
} as const;

/** Bits of the kind field. */
export const KIND_MASK = 0b11111;
/** The math flag's bit. */
export const MATH_BIT = 0b100000;
/** How far the length is shifted. */
export const LENGTH_SHIFT = 6;
/** The longest token one word can hold; longer runs are split into several tokens. */
export const MAX_TOKEN_LENGTH = 2 ** (32 - LENGTH_SHIFT) - 1;

/**
 * Packs a token.
 *
 * @param kind The kind's code (an index into {@linkcode TOKEN_KINDS}).
 * @param length The length in UTF-16 code units, 0 to {@linkcode MAX_TOKEN_LENGTH}.
 * @param math Whether the token is in math.
 * @returns The packed word.
 * @example Round trip
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { K, packToken, tokenKindCode, tokenLength, tokenMath } from "./token_kind.ts";
 * const w = packToken(K.Text, 12, true);
 * assertEquals([tokenKindCode(w), tokenLength(w), tokenMath(w)], [K.Text, 12, true]);
 * ```
 */
export function packToken(kind: number, length: number, math: boolean): number {
  return length * (1 << LENGTH_SHIFT) + (math ? MATH_BIT : 0) + kind;
}

/**
 * The kind code of a packed token.
 *
 * @param word The packed token.
 * @returns The index of its kind in {@linkcode TOKEN_KINDS}.
 */
export function tokenKindCode(word: number): number {
  return word & KIND_MASK;
}

/**
 * The length of a packed token.
 *
 * @param word The packed token.
 * @returns Its length in UTF-16 code units.
 */
export function tokenLength(word: number): number {
  return word >>> LENGTH_SHIFT;
}

/**
 * The math flag of a packed token.
 *
 * @param word The packed token.
 * @returns Whether the token is in math.
 */
export function tokenMath(word: number): boolean {
  return (word & MATH_BIT) !== 0;
}
