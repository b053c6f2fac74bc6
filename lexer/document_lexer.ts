/**
 * The batch lexer: the reference that defines what the tokens of a text are. It lexes every
 * line in order, from the initial state, and keeps each line's start state.
 *
 * @module
 */

import type { LexedDocument } from "./lexed_document.ts";
import { LineScanner } from "./_line_scanner.ts";
import { TokenBuffer } from "./_token_buffer.ts";
import { splitLines } from "./lines.ts";
import { type LexerOptions, resolveOptions } from "./options.ts";
import type { LexState } from "./state.ts";
import { StateTable } from "./_state_table.ts";
import { type Token, unpackLine } from "./token.ts";
import { requireIndex, requireString } from "./_validate.ts";

class BatchDocument implements LexedDocument {
  readonly #lines: string[] = [];
  readonly #states: number[] = [];
  /** All tokens, packed; line i's are `#words[#starts[i] .. #starts[i + 1])`. */
  readonly #words: Uint32Array;
  readonly #starts: number[] = [0];
  readonly #table: StateTable;
  readonly #final: number;

  constructor(text: string, options: LexerOptions | undefined) {
    const config = resolveOptions(options);
    this.#table = new StateTable();
    const scanner = new LineScanner(config, this.#table);
    // The scanner appends every line's tokens to one buffer: no copy per line.
    // Room for about one token per four characters, what LaTeX prose averages: no regrowth.
    const out = new TokenBuffer(Math.max(1024, text.length >> 2));
    let state = this.#table.intern(config.initial);
    const lines = this.#lines, states = this.#states, starts = this.#starts;
    splitLines(text, (line) => {
      lines.push(line);
      states.push(state);
      state = scanner.scan(line, state, out);
      starts.push(out.count);
    });
    this.#words = out.words;
    this.#final = state;
  }

  get lineCount(): number {
    return this.#lines.length;
  }

  get finalState(): LexState {
    return this.#table.state(this.#final);
  }

  lineWords(line: number): Uint32Array {
    requireIndex(line, "line", this.#lines.length - 1);
    return this.#words.slice(this.#starts[line]!, this.#starts[line + 1]!);
  }

  lineTokens(line: number): Token[] {
    requireIndex(line, "line", this.#lines.length - 1);
    const out: Token[] = [];
    unpackLine({
      words: this.#words,
      from: this.#starts[line]!,
      to: this.#starts[line + 1]!,
      line,
      text: this.#lines[line]!,
    }, out);
    return out;
  }

  lineState(line: number): LexState {
    requireIndex(line, "line", this.#lines.length - 1);
    return this.#table.state(this.#states[line]!);
  }

  tokens(): Token[] {
    // Made at its final length: growing it by pushes copied it over and over.
    const out: Token[] = new Array(this.#starts[this.#lines.length]!);
    let at = 0;
    for (let i = 0; i < this.#lines.length; i++) {
      at = unpackLine(
        {
          words: this.#words,
          from: this.#starts[i]!,
          to: this.#starts[i + 1]!,
          line: i,
          text: this.#lines[i]!,
        },
        out,
        at,
      );
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
 * import { lexDocument } from "@latex-perfectionist/lexer";
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
 * import { tokenize } from "@latex-perfectionist/lexer";
 * const kinds = tokenize("\\emph{hi} $x^2$").map((t) => t.kind);
 * assertEquals(kinds, [
 *   "control_word", "begin_group", "text", "end_group", "space",
 *   "math_shift", "text", "superscript", "text", "math_shift",
 * ]);
 * ```
 */
export function tokenize(text: string, options?: LexerOptions): Token[] {
  return new BatchDocument(requireString(text, "text"), options).tokens();
}
