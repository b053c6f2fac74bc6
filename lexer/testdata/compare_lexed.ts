/**
 * The library tests' equivalence check: an incremental result against a batch lex, line by line
 * (start state, then tokens), then the final state, through the one comparison the fuzzer, the
 * trace replay and the benchmarks use (`_tools/compare_lexings.ts`), worded for a test failure.
 *
 * @module
 */

import { compareLexings } from "../../_tools/compare_lexings.ts";
import type { LexedDocument } from "../lexed_document.ts";
import { stateKey } from "../state_codec.ts";

/**
 * The first difference between two lexed documents, described, or `null` when they agree.
 *
 * @param actual The incremental lexer's result.
 * @param expected The batch reference.
 * @returns A message naming the line and what differs, or `null`.
 */
export function compareLexed(actual: LexedDocument, expected: LexedDocument): string | null {
  const d = compareLexings(actual, expected, stateKey);
  if (d === null) return null;
  const where = d.line >= 0 ? `line ${d.line}: ` : "";
  const at = d.lineTokenIndex >= 0 ? ` at token ${d.lineTokenIndex}` : "";
  return `${where}${d.kind}${at}: ${JSON.stringify(d.actual)}, expected ${
    JSON.stringify(d.expected)
  }`;
}
