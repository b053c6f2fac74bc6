/**
 * Checks an incremental lexer against a batch lex of the same text: every token (against
 * `tokenize`) and every line's start state (against `lexDocument`, compared by `stateKey`).
 *
 * @module
 */

import {
  type IncrementalLexer,
  lexDocument,
  type LexerOptions,
  stateKey,
  type Token,
  tokenize,
} from "../mod.ts";

/** Where an incremental lexer first differs from batch. */
export interface Mismatch {
  /** The first line that differs (0-based). */
  readonly line: number;
  /** What differs, for people. */
  readonly message: string;
}

function sameToken(a: Token, b: Token): boolean {
  return a.kind === b.kind && a.line === b.line && a.column === b.column &&
    a.length === b.length && a.text === b.text && a.math === b.math;
}

function show(token: Token | undefined): string {
  return token === undefined
    ? "no token"
    : `${token.kind} ${JSON.stringify(token.text)} at ${token.line}:${token.column}${
      token.math ? " (math)" : ""
    }`;
}

/**
 * Compares a lexer with a batch lex of `text` (which must be the lexer's current text; pass
 * `lexer.text`, built once per check).
 *
 * @param lexer The incremental lexer.
 * @param text Its current text.
 * @param options The options the lexer was made with.
 * @returns The first mismatch, or `undefined` when tokens and line states all agree.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { IncrementalLexer } from "../mod.ts";
 * const lexer = new IncrementalLexer("a $b$\n");
 * lexer.edit(2, 2, "x");
 * assertEquals(compareWithBatch(lexer, lexer.text), undefined);
 * ```
 */
export function compareWithBatch(
  lexer: IncrementalLexer,
  text: string,
  options: LexerOptions = {},
): Mismatch | undefined {
  const expected = tokenize(text, options);
  const actual = lexer.tokens();
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === undefined || a === undefined || !sameToken(e, a)) {
      const line = Math.min(e?.line ?? Infinity, a?.line ?? Infinity);
      return {
        line,
        message: `token ${i} differs on line ${line}: batch has ${show(e)}, incremental has ${
          show(a)
        }`,
      };
    }
  }
  const doc = lexDocument(text, options);
  if (doc.lineCount !== lexer.lineCount) {
    return {
      line: Math.min(doc.lineCount, lexer.lineCount),
      message: `line count differs: batch ${doc.lineCount}, incremental ${lexer.lineCount}`,
    };
  }
  for (let line = 0; line < doc.lineCount; line++) {
    const e = stateKey(doc.lineState(line));
    const a = stateKey(lexer.lineState(line));
    if (e !== a) {
      return {
        line,
        message: `start state of line ${line} differs: batch ${e}, incremental ${a}`,
      };
    }
  }
  const e = stateKey(doc.finalState);
  const a = stateKey(lexer.finalState);
  if (e !== a) {
    return {
      line: doc.lineCount - 1,
      message: `final state differs: batch ${e}, incremental ${a}`,
    };
  }
  return undefined;
}
