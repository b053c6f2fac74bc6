/**
 * Folding that the tree's nodes cannot give: sections (from a heading to the next heading of
 * the same or a higher level) and environments whose two ends lie in different blocks.
 *
 * @module
 */

import type { EditorState } from "@codemirror/state";
import type { Tree } from "@lezer/common";
import type { LatexTree } from "./latex_tree.ts";
import { NodeId } from "./node_types.ts";

/** Sectioning commands by level: a heading folds up to the next of the same or lower number. */
const SECTION_LEVEL: Readonly<Record<string, number>> = {
  "\\part": 0,
  "\\chapter": 1,
  "\\section": 2,
  "\\subsection": 3,
  "\\subsubsection": 4,
  "\\paragraph": 5,
  "\\subparagraph": 6,
};

/** The heading a line starts with: `\section{...}` or `\section*{...}`, or -1. */
function headingLevel(text: string): number {
  const m = /^\s*(\\[a-z]+)\*?\s*[[{]/.exec(text);
  if (m === null) return -1;
  return SECTION_LEVEL[m[1]!] ?? -1;
}

/**
 * The fold range of a section heading's line: to the end of the line before the next heading
 * of the same or a higher level, or before `\end{document}`, or the document's end.
 *
 * @param state The editor state.
 * @param from The line's start.
 * @param to The line's end.
 * @returns The range, or `null` when the line starts no section.
 */
export function sectionFold(
  state: EditorState,
  from: number,
  to: number,
): { from: number; to: number } | null {
  const level = headingLevel(state.doc.sliceString(from, to));
  if (level < 0) return null;
  const doc = state.doc;
  const first = doc.lineAt(from).number;
  let last = first;
  for (let n = first + 1; n <= doc.lines; n++) {
    const text = doc.line(n).text;
    const l = headingLevel(text);
    if ((l >= 0 && l <= level) || /^\s*\\end\{document\}/.test(text)) break;
    last = n;
  }
  // Trailing blank lines stay outside the fold.
  while (last > first && doc.line(last).text.trim() === "") last--;
  if (last === first) return null;
  return { from: to, to: doc.line(last).to };
}

/**
 * The fold range of a line that starts with a `\begin{x}` the tree could not pair (its
 * `\end{x}` is in another block): from the line's end to the start of the matching `\end{x}`,
 * found by the tree's list of unpaired environment ends.
 *
 * @param state The editor state.
 * @param doc The state's LaTeX tree.
 * @param from The line's start.
 * @param to The line's end.
 * @param tree The state's syntax tree (complete).
 * @returns The range, or `null`.
 */
export function envFold(
  state: EditorState,
  doc: LatexTree,
  from: number,
  to: number,
  tree: Tree,
): { from: number; to: number } | null {
  const text = state.doc.sliceString(from, to);
  const m = /^\s*\\begin\{/.exec(text);
  if (m === null) return null;
  const at = from + m[0].length - "\\begin{".length;
  // Only a \begin the tree could not pair (the tree's own fold covers the others).
  if (tree.resolveInner(at, 1).parent?.type.id !== NodeId.UnpairedEnvBegin) return null;
  const end = doc.strayEnvEnd(at);
  return end !== undefined && end > to ? { from: to, to: end } : null;
}
