/**
 * What a keystroke costs the CodeMirror adapter outside the browser: the lexer's edit alone
 * (baseline) against the lexer's edit plus the rebuild of the changed block and the tree's
 * spine, and a CodeMirror state update with the tree forced to the end. The strategy's
 * `single_char` edits (bench/edit_workload.ts) on its generated documents.
 *
 * `flock /tmp/heavy.lock deno bench editors/bench/latex_tree_bench.ts`
 *
 * @module
 */

import { EditorState } from "@codemirror/state";
import { ensureSyntaxTree } from "@codemirror/language";
import { IncrementalLexer } from "../../mod.ts";
import { EditWorkload } from "../../bench/edit_workload.ts";
import { generateDocument } from "../../bench/generate_document.ts";
import { latex, LatexTree } from "../codemirror/mod.ts";

for (
  const [name, bytes] of [["100 KB", 100 * 1024], ["1 MB", 1 << 20], ["5 MB", 5 << 20]] as const
) {
  const text = generateDocument(bytes);
  const lexer = new IncrementalLexer(text);
  const lexerWork = new EditWorkload(text);
  Deno.bench(`lexer edit, ${name}`, { group: name, baseline: true }, () => {
    const e = lexerWork.next("single_char");
    lexer.edit(e.from, e.to, e.insert);
  });
  const tree = new LatexTree(text);
  const treeWork = new EditWorkload(text);
  Deno.bench(`LatexTree edit + tree, ${name}`, { group: name }, () => {
    const e = treeWork.next("single_char");
    tree.edit(e.from, e.to, e.insert);
    void tree.tree;
  });
  let state = EditorState.create({ doc: text, extensions: [latex()] });
  ensureSyntaxTree(state, state.doc.length, 1e9);
  const stateWork = new EditWorkload(text);
  Deno.bench(`EditorState update + full tree, ${name}`, { group: name }, () => {
    const e = stateWork.next("single_char");
    state = state.update({ changes: { from: e.from, to: e.to, insert: e.insert } }).state;
    ensureSyntaxTree(state, state.doc.length, 1e9);
  });
}
