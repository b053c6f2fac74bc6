/**
 * The public token object, made from the packed form only when asked for.
 *
 * @module
 */

import {
  TOKEN_KINDS,
  type TokenKind,
  tokenKindCode,
  tokenLength,
  tokenMath,
} from "./token_kind.ts";

/** A token of a LaTeX text. Positions and lengths are in UTF-16 code units, as in LSP. */
export interface Token {
  /** What kind of token it is. */
  kind: TokenKind;
  /** Its line, from 0. */
  line: number;
  /** Its column in that line, from 0. */
  column: number;
  /** Its length; tokens never span lines. */
  length: number;
  /** Its text: the line's text from `column` for `length` code units. */
  text: string;
  /** Whether it is in math (delimiters that open or close math included). */
  math: boolean;
}

/** A line's packed tokens, as {@linkcode unpackLine} reads them. */
export interface PackedLine {
  /** The array holding the tokens. */
  readonly words: Uint32Array;
  /** The index of the line's first token in `words`. */
  readonly from: number;
  /** The index after its last token. */
  readonly to: number;
  /** The line number. */
  readonly line: number;
  /** The line's text. */
  readonly text: string;
}

/**
 * Turns a line's packed tokens into token objects, storing them in `out` from index `at`.
 *
 * @param packed The line's tokens, number and text.
 * @param out Where to store them.
 * @param at The index of the first one (by default, after the last element of `out`).
 * @returns The index after the last one stored.
 */
export function unpackLine(packed: PackedLine, out: Token[], at: number = out.length): number {
  const { words, to, line, text } = packed;
  let column = 0;
  for (let i = packed.from; i < to; i++) {
    const w = words[i]!;
    const length = tokenLength(w);
    out[at++] = {
      kind: TOKEN_KINDS[tokenKindCode(w)]!,
      line,
      column,
      length,
      // One-character tokens (braces, `$`, spaces) share one string per character.
      text: length === 1
        ? charString(text.charCodeAt(column))
        : text.slice(column, column + length),
      math: tokenMath(w),
    };
    column += length;
  }
  return at;
}

const ASCII: readonly string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

function charString(c: number): string {
  return c < 128 ? ASCII[c]! : String.fromCharCode(c);
}
