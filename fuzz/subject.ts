/**
 * What the fuzzer needs from a lexer: the small interface the campaign, the replayer and the
 * shrinker are written against. The real lexer plugs in through `real_lexer.ts`; tests plug in
 * deliberately broken doubles.
 *
 * @module
 */

import type { LexedLines, LexedToken } from "../_tools/compare_lexings.ts";

export type { LexedLines };

/** A token as the fuzzer compares it: the public `Token` shape of `mod.ts`. */
export type FuzzToken = LexedToken;

/** Lexer options as the fuzzer passes them through: the `LexerOptions` of `mod.ts`. */
export interface FuzzLexerOptions {
  /** Treat `@` as a letter. */
  readonly atLetter?: boolean;
  /** Start in expl3 syntax. */
  readonly explSyntax?: boolean;
  /** Extra verbatim-like environments. */
  readonly verbatimEnvironments?: readonly string[];
  /** Extra math environments. */
  readonly mathEnvironments?: readonly string[];
  /** DocTeX mode (`.dtx`). */
  readonly docTeX?: boolean;
  /**
   * Testing only, not a lexer option: lines this long or longer get intra-line checkpoints every
   * `spacing` code units, instead of the lexer's 8,192 and 2,048, so that short generated lines
   * exercise the long-line path.
   */
  readonly longLines?: { readonly min: number; readonly spacing: number };
}

/** An incremental lexer under test. */
export interface IncrementalSubject extends LexedLines {
  /**
   * Replaces the UTF-16 range `[from, to)` of the current text with `insert`.
   *
   * @param from Start offset.
   * @param to End offset.
   * @param insert The new text.
   * @returns Anything; the fuzzer ignores it.
   */
  edit(from: number, to: number, insert: string): unknown;
  /** The current text length in UTF-16 code units. */
  readonly length: number;
}

/** A lexer implementation as the fuzzer drives it. */
export interface LexerUnderTest {
  /** A short name for reports. */
  readonly name: string;
  /**
   * Opens an incremental lexer on a text.
   *
   * @param text The initial text.
   * @param options Lexer options.
   * @returns The incremental lexer.
   */
  open(text: string, options: FuzzLexerOptions): IncrementalSubject;
  /**
   * Lexes a text from scratch: the reference.
   *
   * @param text The text.
   * @param options Lexer options.
   * @returns The batch result.
   */
  batch(text: string, options: FuzzLexerOptions): LexedLines;
  /**
   * A string that is equal for two states exactly when the states are equal.
   *
   * @param state A state from `lineState` or `finalState`.
   * @returns Its key.
   */
  stateKey(state: unknown): string;
}

/** One edit: replace `[from, to)` with `insert`. Stored as a tuple to keep logs and files small. */
export type Edit = readonly [from: number, to: number, insert: string];
