/**
 * A tree's leaves and the batch lexer's tokens in one comparable form, for the tests.
 *
 * @module
 */

import type { Tree } from "@lezer/common";
import { tokenize } from "../../mod.ts";
import { kindTypeName, LEAF_TYPE_COUNT } from "../codemirror/node_types.ts";

/** The tree's leaves, as `kind-name from to`, in order. */
export function leaves(tree: Tree): string[] {
  const out: string[] = [];
  tree.iterate({
    enter(n) {
      if (n.type.id >= 1 && n.type.id <= LEAF_TYPE_COUNT) out.push(`${n.name} ${n.from} ${n.to}`);
    },
  });
  return out;
}

/** The batch lexer's tokens in the same form. */
export function batchLeaves(text: string): string[] {
  const out: string[] = [];
  let lineStart = 0;
  let line = 0;
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  for (const t of tokenize(text)) {
    if (t.line !== line) {
      line = t.line;
      lineStart = starts[line]!;
    }
    const from = lineStart + t.column;
    out.push(`${kindTypeName(t.kind, t.math)} ${from} ${from + t.length}`);
  }
  return out;
}
