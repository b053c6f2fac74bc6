/**
 * The node types of the Lezer trees this language builds: one type per token kind and math
 * flag (the leaves), and the structure that groups them.
 *
 * Leaves are exactly the lexer's tokens, so a tree's leaves, read in order, are
 * {@linkcode tokenize}'s tokens (the property test of `latex_tree_test.ts` checks this). A
 * leaf's type also carries the token's semantic class from `classifyLine` (the LSP legend's
 * type and modifiers), or, for a token the classifier leaves out, whether it is in math
 * (`MathText`): highlighting needs no look at ancestors.
 *
 * @module
 */

import { NodeSet, NodeType } from "@lezer/common";
import { SEMANTIC_LEGEND, TOKEN_KINDS, type TokenKind } from "../../mod.ts";

/** How many semantic types there are (`SEMANTIC_LEGEND.tokenTypes`). */
export const SEMANTIC_TYPE_COUNT: number = SEMANTIC_LEGEND.tokenTypes.length;

/** Modifier combinations: three bits (`math`, `definition`, `mathText`). */
const MODIFIER_COMBINATIONS = 8;

/** Leaf types per kind: unclassified or one of the semantic types, times the modifier bits. */
const PER_KIND = (SEMANTIC_TYPE_COUNT + 1) * MODIFIER_COMBINATIONS;

/** How many leaf types there are. */
export const LEAF_TYPE_COUNT: number = TOKEN_KINDS.length * PER_KIND;

/**
 * The id of a leaf's type.
 *
 * Ids `1 .. LEAF_TYPE_COUNT` are leaves: `1 + kind * PER_KIND + (semantic + 1) * 8 + modifiers`,
 * where `semantic` is -1 for a token the classifier leaves unclassified (its modifiers are then
 * only the `math` bit).
 *
 * @param kindCode The token kind's index in `TOKEN_KINDS`.
 * @param semantic The semantic type's index in `SEMANTIC_LEGEND`, or -1.
 * @param modifiers The modifier bits (bit 0: the token is in math).
 * @returns The id.
 */
export function leafTypeId(kindCode: number, semantic: number, modifiers: number): number {
  return 1 + kindCode * PER_KIND + (semantic + 1) * MODIFIER_COMBINATIONS + modifiers;
}

/** The `PascalCase` name of a kind: `control_word` -> `ControlWord`. */
function pascal(kind: string): string {
  return kind.split("_").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

/**
 * The name of a leaf's type: the kind (`Math` in front when in math) for an unclassified token,
 * else the kind, the semantic type and the modifiers joined by `_`
 * (`ControlWord_sectioning`, `Text_variable_math`).
 *
 * @param kind The token kind.
 * @param semantic The semantic type's index, or -1.
 * @param modifiers The modifier bits.
 * @returns The name.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { leafName } from "./node_types.ts";
 * assertEquals(leafName("text", -1, 1), "MathText");
 * assertEquals(leafName("control_word", 12, 0), "ControlWord_sectioning");
 * assertEquals(leafName("text", 5, 1), "Text_variable_math");
 * ```
 */
export function leafName(kind: TokenKind, semantic: number, modifiers: number): string {
  if (semantic < 0) return ((modifiers & 1) !== 0 ? "Math" : "") + pascal(kind);
  let name = `${pascal(kind)}_${SEMANTIC_LEGEND.tokenTypes[semantic]}`;
  SEMANTIC_LEGEND.tokenModifiers.forEach((m, bit) => {
    if ((modifiers & (1 << bit)) !== 0) name += `_${m}`;
  });
  return name;
}

/** Every leaf type: kind, semantic type (or -1) and modifiers, by id. */
export function leafTypes(): {
  id: number;
  kind: TokenKind;
  semantic: number;
  modifiers: number;
}[] {
  const out = [];
  for (let code = 0; code < TOKEN_KINDS.length; code++) {
    for (let semantic = -1; semantic < SEMANTIC_TYPE_COUNT; semantic++) {
      for (let modifiers = 0; modifiers < MODIFIER_COMBINATIONS; modifiers++) {
        const id = leafTypeId(code, semantic, modifiers);
        out.push({ id, kind: TOKEN_KINDS[code]!, semantic, modifiers });
      }
    }
  }
  return out;
}

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
  /**
   * A `\begin{x}` its block does not close: its `\end{x}` is in a later block, or nowhere. No
   * bracket props (CodeMirror's matcher looks within one parent); the language matches it.
   */
  UnpairedEnvBegin: 11 + LEAF_TYPE_COUNT,
  /** An `\end{x}` its block opens no `\begin{x}` for. */
  UnpairedEnvEnd: 12 + LEAF_TYPE_COUNT,
} as const;

/** Names of the structural types, by id. */
const STRUCTURE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(NodeId).map(([name, id]) => [id, name]),
);

/** The names of every leaf type of a kind (for `NodeProp`s that list names). */
export function leafNamesOf(kind: TokenKind): string[] {
  return leafTypes().filter((t) => t.kind === kind).map((t) =>
    leafName(t.kind, t.semantic, t.modifiers)
  );
}

function makeTypes(): NodeType[] {
  const types: NodeType[] = [];
  types.push(NodeType.define({ id: 0, name: "Document", top: true }));
  for (const { id, kind, semantic, modifiers } of leafTypes()) {
    types[id] = NodeType.define({ id, name: leafName(kind, semantic, modifiers) });
  }
  for (let id = NodeId.Block; id <= NodeId.UnpairedEnvEnd; id++) {
    types[id] = NodeType.define({ id, name: STRUCTURE_NAMES[id]! });
  }
  return types;
}

/** The bare node set (no highlighting or folding props; the language extends it). */
export const BASE_NODE_SET: NodeSet = new NodeSet(makeTypes());
