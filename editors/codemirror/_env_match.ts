/**
 * Bracket matching for the two ends of an environment that lie in different blocks of the tree
 * (`UnpairedEnvBegin`, `UnpairedEnvEnd`): CodeMirror's matcher looks for a partner among one
 * node's siblings only, so the language pairs these from the blocks' lists of unpaired ends and
 * marks both with CodeMirror's own `cm-matchingBracket` class.
 *
 * @module
 */

import type { EditorState, Extension, Range } from "@codemirror/state";
import { Decoration, type DecorationSet, ViewPlugin, type ViewUpdate } from "@codemirror/view";
import { syntaxTree } from "@codemirror/language";
import type { SyntaxNode, Tree } from "@lezer/common";
import type { LatexTree } from "./latex_tree.ts";
import { NodeId } from "./node_types.ts";

/** A matched pair: the end at the cursor, and its partner. */
export interface EnvMatch {
  /** The end the position touches. */
  start: { from: number; to: number };
  /** Its partner. */
  end: { from: number; to: number };
}

function enclosing(tree: Tree, pos: number, side: -1 | 1, type: number): SyntaxNode | null {
  for (let n: SyntaxNode | null = tree.resolveInner(pos, side); n !== null; n = n.parent) {
    if (n.type.id === type) return n;
  }
  return null;
}

/**
 * The partner of the unpaired `\begin{x}` or `\end{x}` a position touches.
 *
 * @param state The editor state.
 * @param doc Its LaTeX tree.
 * @param pos The position (a cursor).
 * @returns The pair, or `null` when the position touches no unpaired end, its partner is
 *   missing, or the tree is not complete yet.
 */
export function matchUnpairedEnv(state: EditorState, doc: LatexTree, pos: number): EnvMatch | null {
  if (doc.length !== state.doc.length || !doc.complete) return null;
  const tree = syntaxTree(state);
  if (tree.length !== state.doc.length) return null;
  for (const side of [1, -1] as const) {
    for (let n: SyntaxNode | null = tree.resolveInner(pos, side); n !== null; n = n.parent) {
      const begin = n.type.id === NodeId.UnpairedEnvBegin;
      if (!begin && n.type.id !== NodeId.UnpairedEnvEnd) continue;
      const at = begin ? doc.strayEnvEnd(n.from) : doc.strayEnvBegin(n.from);
      if (at === undefined) return null;
      const partner = enclosing(
        tree,
        at,
        1,
        begin ? NodeId.UnpairedEnvEnd : NodeId.UnpairedEnvBegin,
      );
      if (partner === null) return null;
      return {
        start: { from: n.from, to: n.to },
        end: { from: partner.from, to: partner.to },
      };
    }
  }
  return null;
}

const MARK = Decoration.mark({ class: "cm-matchingBracket" });

/**
 * The view plugin that marks unpaired environment ends and their partners at each cursor.
 *
 * @param treeOf The state's LaTeX tree.
 * @returns The extension.
 */
export function unpairedEnvMatching(
  treeOf: (state: EditorState) => LatexTree | undefined,
): Extension {
  const decorations = (state: EditorState): DecorationSet => {
    const doc = treeOf(state);
    if (doc === undefined) return Decoration.none;
    const marks: Range<Decoration>[] = [];
    for (const range of state.selection.ranges) {
      if (!range.empty) continue;
      const m = matchUnpairedEnv(state, doc, range.head);
      if (m !== null) {
        marks.push(MARK.range(m.start.from, m.start.to), MARK.range(m.end.from, m.end.to));
      }
    }
    return Decoration.set(marks, true);
  };
  return ViewPlugin.define((view) => {
    const plugin = {
      decorations: decorations(view.state),
      update(u: ViewUpdate) {
        if (u.docChanged || u.selectionSet || syntaxTree(u.startState) !== syntaxTree(u.state)) {
          plugin.decorations = decorations(u.state);
        }
      },
    };
    return plugin;
  }, { decorations: (p) => p.decorations });
}
