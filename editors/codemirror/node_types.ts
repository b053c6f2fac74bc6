/**
 * The node types of the Lezer trees this language builds: one type per token kind and math
 * flag (the leaves), and the structure that groups them.
 *
 * Leaves are exactly the lexer's tokens, so a tree's leaves, read in order, are
 * {@linkcode tokenize}'s tokens (the property test of `latex_tree_test.ts` checks this). A
 * token in math gets the `Math` variant of its kind's type (`MathText`, `MathControlWord`, ...),
 * so highlighting can tell math from text without looking at ancestors.
 *
 * @module
 */

import { NodeSet, NodeType } from "@lezer/common";
import { TOKEN_KINDS, type TokenKind } from "../../mod.ts";

/** The name of a kind's leaf type: `control_word` -> `ControlWord`. */
export function kindTypeName(kind: TokenKind, math: boolean): string {
  const base = kind.split("_").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return math ? "Math" + base : base;
}

/** The id of the leaf type of a kind code (index in `TOKEN_KINDS`) and math flag. */
export function leafTypeId(kindCode: number, math: boolean): number {
  return 1 + kindCode * 2 + (math ? 1 : 0);
}

/** How many leaf types there are: every kind, in and out of math. */
export const LEAF_TYPE_COUNT: number = TOKEN_KINDS.length * 2;

/** Ids of the structural node types. */
export const NodeId = {
  /** The whole document: the tree's top node. */
  Document: 0,
  /** A run of lines built as one piece, the unit of reuse between keystrokes. */
  Block: 1 + LEAF_TYPE_COUNT,
  /** `{ ... }`, from the opening brace to the closing one. */
  Group: 2 + LEAF_TYPE_COUNT,
  /** `\begin{x} ... \end{x}`. */
  Environment: 3 + LEAF_TYPE_COUNT,
  /** The `\begin{x}` of an environment (the four tokens). */
  EnvBegin: 4 + LEAF_TYPE_COUNT,
  /** The `\end{x}` of an environment. */
  EnvEnd: 5 + LEAF_TYPE_COUNT,
  /** A maximal run of math tokens (and structures opened in math) within one parent. */
  Math: 6 + LEAF_TYPE_COUNT,
  /** A maximal run of verbatim tokens within one parent. */
  VerbatimBody: 7 + LEAF_TYPE_COUNT,
  /** `\left ... \right`. */
  LeftRight: 8 + LEAF_TYPE_COUNT,
  /** The `\left` of a `LeftRight`. */
  LeftDelim: 9 + LEAF_TYPE_COUNT,
  /** The `\right` of a `LeftRight`. */
  RightDelim: 10 + LEAF_TYPE_COUNT,
} as const;

/** Names of the structural types, by id. */
const STRUCTURE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(NodeId).map(([name, id]) => [id, name]),
);

/** The names of the types that close a bracket-like pair opened by a type, for `NodeProp`s. */
export const GROUP_OPEN_NAMES: readonly string[] = ["BeginGroup", "MathBeginGroup"];
/** The names of the `}` types. */
export const GROUP_CLOSE_NAMES: readonly string[] = ["EndGroup", "MathEndGroup"];

function makeTypes(): NodeType[] {
  const types: NodeType[] = [];
  types.push(NodeType.define({ id: 0, name: "Document", top: true }));
  TOKEN_KINDS.forEach((kind, code) => {
    for (const math of [false, true]) {
      const id = leafTypeId(code, math);
      types[id] = NodeType.define({ id, name: kindTypeName(kind, math) });
    }
  });
  for (let id = NodeId.Block; id <= NodeId.RightDelim; id++) {
    types[id] = NodeType.define({ id, name: STRUCTURE_NAMES[id]! });
  }
  return types;
}

/** The bare node set (no highlighting or folding props; the language extends it). */
export const BASE_NODE_SET: NodeSet = new NodeSet(makeTypes());
