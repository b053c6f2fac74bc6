/**
 * Checks an incremental lexer against a batch lex of the same text with the shared comparison
 * of two lexings (every line's start state and tokens, then the final state), and says where
 * they first differ in a sentence.
 *
 * @module
 */

import { type IncrementalLexer, lexDocument, type LexerOptions, stateKey } from "../mod.ts";
import { compareLexings, type Difference, type LexedToken } from "../_tools/compare_lexings.ts";

/** Where an incremental lexer first differs from batch. */
export interface Mismatch {
  /** The first line that differs (0-based), or the last line for a final-state difference. */
  readonly line: number;
  /** What differs, for people. */
  readonly message: string;
}

function show(value: Difference["expected"]): string {
  if (value === null) return "no token";
  if (typeof value !== "object") return String(value);
  const t = value as LexedToken;
  return `${t.kind} ${JSON.stringify(t.text)} at ${t.line}:${t.column}${t.math ? " (math)" : ""}`;
}

/**
 * Compares an incremental lexer with `lexDocument()` of a text.
 *
 * @param lexer The incremental lexer.
 * @param text The text it should hold.
 * @param options The options both lex with.
 * @returns The first mismatch, or `undefined` when they agree.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { IncrementalLexer } from "@latex-perfectionist/lexer";
 * import { compareWithBatch } from "./batch_check.ts";
 * const lexer = new IncrementalLexer("a $b$\n");
 * lexer.edit(0, 1, "\\c");
 * assertEquals(compareWithBatch(lexer, "\\c $b$\n"), undefined);
 * assertEquals(compareWithBatch(lexer, "x $b$\n")?.line, 0);
 * ```
 */
export function compareWithBatch(
  lexer: IncrementalLexer,
  text: string,
  options: LexerOptions = {},
): Mismatch | undefined {
  const doc = lexDocument(text, options);
  const d = compareLexings(lexer, doc, stateKey);
  if (d === null) return undefined;
  switch (d.kind) {
    case "line_count":
      return {
        line: Math.min(doc.lineCount, lexer.lineCount),
        message: `line count differs: batch ${d.expected}, incremental ${d.actual}`,
      };
    case "state":
      return {
        line: d.line,
        message:
          `start state of line ${d.line} differs: batch ${d.expected}, incremental ${d.actual}`,
      };
    case "tokens":
      return {
        line: d.line,
        message: `token ${d.tokenIndex} differs on line ${d.line}: batch has ${
          show(d.expected)
        }, incremental has ${show(d.actual)}`,
      };
    default:
      return {
        line: doc.lineCount - 1,
        message: `final state differs: batch ${d.expected}, incremental ${d.actual}`,
      };
  }
}
