import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { EditorState } from "@codemirror/state";
import {
  ensureSyntaxTree,
  foldable,
  getIndentation,
  matchBrackets,
  syntaxTree,
  syntaxTreeAvailable,
} from "@codemirror/language";
import { generateDocument } from "../../bench/generate_document.ts";
import { fcParams } from "../../lexer/testdata/fc_params.ts";
import { fragment } from "../../lexer/testdata/latex_arbitrary.ts";
import { latex, latexTreeOf } from "./language.ts";
import { matchUnpairedEnv } from "./_env_match.ts";
import { batchLeaves, leaves } from "../testdata/tree_leaves.ts";

const treeOf = (state: EditorState) => ensureSyntaxTree(state, state.doc.length, 1e9)!;
const lf = (s: string) => s.replace(/\r\n?/g, "\n");
const piece = fragment.map(lf);
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(""));

/** Up to three non-overlapping changes of one transaction, as fractions of the length. */
const change = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 12 }),
  insert: fc.array(piece, { maxLength: 3 }).map((p) => p.join("")),
});

function changesOf(specs: { at: number; remove: number; insert: string }[], length: number) {
  const points = specs.map((s) => Math.floor(s.at * (length + 1))).sort((a, b) => a - b);
  const out: { from: number; to: number; insert: string }[] = [];
  let floor = 0;
  specs.forEach((s, i) => {
    const from = Math.max(floor, Math.min(length, points[i]!));
    const to = Math.min(length, from + s.remove, i + 1 < points.length ? points[i + 1]! : length);
    out.push({ from, to: Math.max(from, to), insert: s.insert });
    floor = Math.max(from, to);
  });
  return out;
}

Deno.test("latex(): the syntax tree's leaves equal a batch lex after any transactions", () => {
  fc.assert(
    fc.property(
      text,
      fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 8 }),
      (doc, transactions) => {
        let state = EditorState.create({ doc, extensions: [latex({ minBlockLines: 2 })] });
        for (const specs of transactions) {
          state = state.update({ changes: changesOf(specs, state.doc.length) }).state;
          const t = state.doc.toString();
          assertEquals(leaves(treeOf(state)), batchLeaves(t), JSON.stringify(t));
          assertEquals(latexTreeOf(state)!.text, t);
        }
      },
    ),
    fcParams(200),
  );
});

Deno.test("latex(): an old state updated again after newer ones gets a tree of its own text", () => {
  const a = EditorState.create({ doc: "a $b$ c\n\nd", extensions: [latex()] });
  const b = a.update({ changes: { from: 0, insert: "$" } }).state;
  const c = a.update({ changes: { from: 10, insert: "}" } }).state;
  assertEquals(leaves(treeOf(b)), batchLeaves(b.doc.toString()));
  assertEquals(leaves(treeOf(c)), batchLeaves(c.doc.toString()));
  const d = b.update({ changes: { from: 1, insert: "x" } }).state;
  assertEquals(leaves(treeOf(d)), batchLeaves(d.doc.toString()));
});

Deno.test("latex(): environments, groups and sections fold", () => {
  const doc = "\\section{A}\nText.\n\\begin{itemize}\n\\item {x\ny}\n\\end{itemize}\n" +
    "\\section{B}\nMore.\n";
  const state = EditorState.create({ doc, extensions: [latex()] });
  treeOf(state);
  const line = (n: number) => state.doc.line(n);
  assertEquals(foldable(state, line(1).from, line(1).to), { from: line(1).to, to: line(6).to });
  assertEquals(foldable(state, line(3).from, line(3).to), { from: line(3).to, to: line(6).from });
  assertEquals(foldable(state, line(4).from, line(4).to), {
    from: line(4).from + 7,
    to: line(5).from + 1,
  });
  assertEquals(foldable(state, line(2).from, line(2).to), null);
  assertEquals(foldable(state, line(7).from, line(7).to), { from: line(7).to, to: line(8).to });
});

Deno.test("latex(): an environment longer than a block still folds, from the tokens", () => {
  const body = Array.from({ length: 200 }, (_, i) => `Line ${i}.`).join("\n");
  const doc = `\\begin{document}\n${body}\n% \\end{document}\n\\end{document}\n`;
  const state = EditorState.create({ doc, extensions: [latex()] });
  treeOf(state);
  const first = state.doc.line(1);
  const end = doc.lastIndexOf("\\end{document}");
  assertEquals(foldable(state, first.from, first.to), { from: first.to, to: end });
});

Deno.test("latex(): \\begin/\\end, groups and \\left/\\right match as brackets", () => {
  const doc = "\\begin{equation}\n\\left( {a} \\right)\n\\end{equation} }";
  const state = EditorState.create({ doc, extensions: [latex()] });
  treeOf(state);
  const env = matchBrackets(state, 1, 1)!;
  assert(env.matched);
  assertEquals(doc.slice(env.start.from, env.start.to), "\\begin{equation}");
  assertEquals(doc.slice(env.end!.from, env.end!.to), "\\end{equation}");
  const left = matchBrackets(state, doc.indexOf("\\left") + 1, 1)!;
  assert(left.matched);
  assertEquals(doc.slice(left.end!.from, left.end!.to), "\\right");
  const group = matchBrackets(state, doc.indexOf("{a"), 1)!;
  assert(group.matched);
  assertEquals(group.end!.from, doc.indexOf("a}") + 1);
  const stray = matchBrackets(state, doc.length, -1)!;
  assert(!stray.matched);
});

Deno.test("latex(): \\begin and \\end in different blocks match as brackets, nesting kept", () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `Line ${i}.`).join("\n");
  const doc = `\\begin{document}\n${body(120)}\n\\begin{itemize}\n${body(120)}\n` +
    `\\end{itemize}\n${body(120)}\n\\end{document}\n`;
  const state = EditorState.create({ doc, extensions: [latex()] });
  treeOf(state);
  const tree = latexTreeOf(state)!;
  assert(tree.blockCount >= 4);
  const pairs: [string, string][] = [
    ["\\begin{document}", "\\end{document}"],
    ["\\begin{itemize}", "\\end{itemize}"],
  ];
  const range = (s: string) => ({ from: doc.indexOf(s), to: doc.indexOf(s) + s.length });
  for (const [begin, end] of pairs) {
    // CodeMirror's own matcher sees no partner among the node's siblings, and marks nothing...
    assertEquals(matchBrackets(state, doc.indexOf(begin) + 1, 1), null);
    // ...the language's does, in both directions.
    assertEquals(matchUnpairedEnv(state, tree, doc.indexOf(begin) + 1), {
      start: range(begin),
      end: range(end),
    });
    assertEquals(matchUnpairedEnv(state, tree, doc.indexOf(end) + end.length), {
      start: range(end),
      end: range(begin),
    });
  }
  assertEquals(matchUnpairedEnv(state, tree, doc.indexOf("Line 3")), null);
});

Deno.test("latex(): environment bodies indent one unit, except the document's", () => {
  const doc = "\\begin{document}\nA\n\\begin{itemize}\n\\item x\n\\end{itemize}\n\\end{document}";
  const state = EditorState.create({ doc, extensions: [latex()] });
  treeOf(state);
  const lineStart = (n: number) => state.doc.line(n).from;
  assertEquals(getIndentation(state, lineStart(2)), 0);
  assertEquals(getIndentation(state, lineStart(4)), 2);
  assertEquals(getIndentation(state, lineStart(5)), 0);
});

Deno.test("latex(): the parser hands CodeMirror the field's tree, not a fresh lex", () => {
  let state = EditorState.create({ doc: "a $b$ c\n".repeat(500), extensions: [latex()] });
  for (let i = 0; i < 5; i++) {
    state = state.update({ changes: { from: 100 * i, insert: "x" } }).state;
    const tree = treeOf(state);
    assert(tree === latexTreeOf(state)!.tree, "the syntax tree is the kept LatexTree's");
  }
});

Deno.test("latex(): a large document's first tree covers the first screen; the rest follows", () => {
  const doc = generateDocument(400 * 1024);
  const state = EditorState.create({ doc, extensions: [latex()] });
  // CodeMirror's first parse stops at the first screen (3000 characters) or at its time
  // budget (20 ms), whichever comes first...
  const first = syntaxTree(state);
  assert(first.length > 0 && first.length < doc.length / 10, `${first.length}`);
  assertEquals(leaves(first), batchLeaves(doc.slice(0, first.length)));
  assert(!syntaxTreeAvailable(state, doc.length));
  assert(latexTreeOf(state)!.lexer.length < doc.length / 10, "lexed only the first pieces");
  // ...and, forced to the end, is the whole document's, equal to a batch lex.
  const tree = ensureSyntaxTree(state, doc.length, 1e9)!;
  assertEquals(tree.length, doc.length);
  assert(syntaxTreeAvailable(state, doc.length));
  assertEquals(leaves(tree), batchLeaves(doc));
});
