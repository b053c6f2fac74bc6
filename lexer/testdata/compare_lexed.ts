/**
 * The library tests' equivalence check: an incremental result against a batch lex, line by line
 * (start state, then tokens), then the final state. (The fuzzer has its own, richer report.)
 *
 * @module
 */

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
  if (actual.lineCount !== expected.lineCount) {
    return `line count ${actual.lineCount}, expected ${expected.lineCount}`;
  }
  for (let line = 0; line < expected.lineCount; line++) {
    const es = stateKey(expected.lineState(line));
    const as = stateKey(actual.lineState(line));
    if (es !== as) return `line ${line}: start state ${as}, expected ${es}`;
    const et = JSON.stringify(expected.lineTokens(line));
    const at = JSON.stringify(actual.lineTokens(line));
    if (et !== at) return `line ${line}: tokens ${at}, expected ${et}`;
  }
  const ef = stateKey(expected.finalState);
  const af = stateKey(actual.finalState);
  if (ef !== af) return `final state ${af}, expected ${ef}`;
  return null;
}
