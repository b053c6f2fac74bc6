/**
 * The project's lexer (`mod.ts`) as a {@linkcode LexerUnderTest}.
 *
 * @module
 */

import {
  IncrementalLexer,
  lexDocument,
  lexerOptionsForPath,
  type LexState,
  stateKey,
} from "../mod.ts";
import { type LexerOptions, withLongLines } from "../lexer/options.ts";
import type { FuzzLexerOptions, LexerUnderTest } from "./subject.ts";

/**
 * The lexer options of a fuzz document: its `longLines` become the lexer's internal long-line
 * setting (configuration of that one lexer, not module state).
 */
function lexerOptions(options: FuzzLexerOptions): LexerOptions {
  const { longLines, ...rest } = options;
  return longLines === undefined ? rest : withLongLines(rest, longLines);
}

/**
 * The real lexer: `new IncrementalLexer(text, options)` against `lexDocument(text, options)`,
 * states compared with `stateKey`.
 *
 * @example It passes a small replay
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { realLexer } from "./real_lexer.ts";
 * import { replayCase } from "./replay.ts";
 * const c = { options: {}, startText: "a $b$\n", edits: [[2, 2, "}"] as const] };
 * assertEquals(replayCase(realLexer, c, "every-edit").difference, null);
 * ```
 */
export const realLexer: LexerUnderTest = {
  name: "IncrementalLexer (mod.ts)",
  open: (text: string, options: FuzzLexerOptions) =>
    new IncrementalLexer(text, lexerOptions(options)),
  batch: (text: string, options: FuzzLexerOptions) => lexDocument(text, options),
  stateKey: (state: unknown) => stateKey(state as LexState),
};

/**
 * The lexer options the module picks for a file name (for `--corpus` documents).
 *
 * @param path A file name or path.
 * @returns The options.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { optionsForPath } from "./real_lexer.ts";
 * assertEquals(optionsForPath("my.sty").atLetter, true);
 * ```
 */
export function optionsForPath(path: string): FuzzLexerOptions {
  return lexerOptionsForPath(path);
}
