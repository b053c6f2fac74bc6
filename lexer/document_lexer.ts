/**
 * The batch lexer: the reference that defines what the tokens of a text are. It lexes every
 * line in order, from the initial state, and keeps each line's start state.
 *
 * @module
 */

import type { LexedDocument } from "./lexed_document.ts";
import { LineLexer } from "./line_lexer.ts";
import { splitLines } from "./lines.ts";
import { type LexerOptions, resolveOptions } from "./options.ts";
import type { LexState } from "./state.ts";
import { StateTable } from "./_state_table.ts";
import { type Token, unpackLine } from "./token.ts";
import { requireIndex, requireString } from "./_validate.ts";

class BatchDocument implements LexedDocument {
  readonly #lines: string[] = [];
  readonly #states: number[] = [];
  readonly #tokens: Uint32Array[] = [];
  readonly #table: StateTable;
  readonly #final: number;

  constructor(text: string, options: LexerOptions | undefined) {
    const config = resolveOptions(options);
    this.#table = new StateTable();
    const lexer = new LineLexer(config, this.#table);
    let state = this.#table.intern(config.initial);
    splitLines(text, (line) => {
      this.#lines.push(line);
      this.#states.push(state);
      state = lexer.lex(line, state);
      this.#tokens.push(lexer.words.slice(0, lexer.count));
    });
    this.#final = state;
  }

  get lineCount(): number {
    return this.#lines.length;
  }

  get finalState(): LexState {
    return this.#table.state(this.#final);
  }

  lineTokens(line: number): Token[] {
    requireIndex(line, "line", this.#lines.length - 1);
    const out: Token[] = [];
    const words = this.#tokens[line]!;
    unpackLine(words, 0, words.length, line, this.#lines[line]!, out);
    return out;
  }

  lineState(line: number): LexState {
    requireIndex(line, "line", this.#lines.length - 1);
    return this.#table.state(this.#states[line]!);
  }

  tokens(): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < this.#lines.length; i++) {
      const words = this.#tokens[i]!;
      unpackLine(words, 0, words.length, i, this.#lines[i]!, out);
    }
    return out;
  }
}

/**
 * Lexes a whole text, keeping every line's start state.
 *
 * @param text The LaTeX text.
 * @param options Lexer options.
 * @returns The lexed text.
 * @throws {TypeError} When `text` is not a string or an option has the wrong type.
 * @example Checkpoints
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { lexDocument } from "./document_lexer.ts";
 * const doc = lexDocument("$x\ny$ z");
 * assertEquals(doc.lineCount, 2);
 * assertEquals(doc.lineState(1).mode, 1); // still in inline math
 * ```
 */
export function lexDocument(text: string, options?: LexerOptions): LexedDocument {
  return new BatchDocument(requireString(text, "text"), options);
}

/**
 * Lexes a whole text: the batch reference that the incremental lexer always equals.
 *
 * @param text The LaTeX text.
 * @param options Lexer options.
 * @returns The tokens in document order.
 * @throws {TypeError} When `text` is not a string or an option has the wrong type.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tokenize } from "./document_lexer.ts";
 * const kinds = tokenize("\\emph{hi} $x^2$").map((t) => t.kind);
 * assertEquals(kinds, [
 *   "control_word", "begin_group", "text", "end_group", "space",
 *   "math_shift", "text", "superscript", "text", "math_shift",
 * ]);
 * ```
 */
export function tokenize(text: string, options?: LexerOptions): Token[] {
  return lexDocument(text, options).tokens();
}
