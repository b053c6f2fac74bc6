/**
 * A tree's leaves and the batch lexer's tokens (with their semantic classes) in one comparable
 * form, for the tests.
 *
 * @module
 */

import type { Tree } from "@lezer/common";
import { classifyLine, lexDocument, type Token } from "../../mod.ts";
import { LEAF_TYPE_COUNT, leafName } from "../codemirror/node_types.ts";

/** The tree's leaves, as `type-name from to`, in order. */
export function leaves(tree: Tree): string[] {
  const out: string[] = [];
  tree.iterate({
    enter(n) {
      if (n.type.id >= 1 && n.type.id <= LEAF_TYPE_COUNT) out.push(`${n.name} ${n.from} ${n.to}`);
    },
  });
  return out;
}

/**
 * Each token of a text with the leaf type name its class calls for, from a batch lex and
 * `classifyLine` on each line with its start state.
 *
 * @param text The text (`\n` line endings).
 * @returns Per token, in order: the token, its absolute start, and its leaf type name.
 */
export function classifiedTokens(text: string): { token: Token; from: number; name: string }[] {
  const doc = lexDocument(text);
  const out: { token: Token; from: number; name: string }[] = [];
  let lineStart = 0;
  const lines = text.split("\n");
  for (let line = 0; line < lines.length; line++) {
    const tokens = doc.lineTokens(line);
    const classes = classifyLine(tokens, doc.lineState(line));
    let c = 0;
    for (const t of tokens) {
      let name: string;
      if (c < classes.length && classes[c] === t.column && classes[c + 1] === t.length) {
        name = leafName(t.kind, classes[c + 2]!, classes[c + 3]!);
        c += 4;
      } else {
        name = leafName(t.kind, -1, t.math ? 1 : 0);
      }
      out.push({ token: t, from: lineStart + t.column, name });
    }
    lineStart += lines[line]!.length + 1;
  }
  return out;
}

/** The batch lexer's tokens in the form of {@linkcode leaves}. */
export function batchLeaves(text: string): string[] {
  return classifiedTokens(text).map(({ token, from, name }) =>
    `${name} ${from} ${from + token.length}`
  );
}
