/**
 * LaTeX for CodeMirror 6, highlighted by LaTeX Perfectionist's incremental lexer.
 *
 * {@linkcode latex} gives a `LanguageSupport`: a `Language` with its own parser, which keeps one
 * incremental lexer per editor state, turns each transaction's changes into lexer edits, and
 * builds a Lezer tree of the tokens grouped as groups, environments, math and verbatim bodies,
 * rebuilding only the blocks of lines an edit re-lexed. Highlighting goes through
 * `@lezer/highlight` tags from each token's semantic class (the LSP legend, `classifyLine`) or
 * kind ({@linkcode tagOf}); environments, groups and sections fold; groups,
 * `\left`/`\right` and `\begin`/`\end` match as brackets.
 *
 * @example An editor state with LaTeX highlighting
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { EditorState } from "@codemirror/state";
 * import { ensureSyntaxTree } from "@codemirror/language";
 * import { latex } from "./mod.ts";
 *
 * const state = EditorState.create({ doc: "\\emph{x} $y$", extensions: [latex()] });
 * const tree = ensureSyntaxTree(state, state.doc.length)!;
 * assertEquals(tree.resolveInner(0, 1).name, "ControlWord_macro");
 * assertEquals(tree.resolveInner(10, 1).name, "Text_variable_math");
 * ```
 *
 * @module
 */

export { latex, LATEX_NODE_SET, type LatexLanguageOptions, latexTreeOf } from "./language.ts";
export { KIND_TAGS, latexHighlightStyle, SEMANTIC_TAGS, tagOf } from "./highlight.ts";
export {
  LatexTree,
  type LatexTreeOptions,
  type TextSource,
  type TreeEditResult,
} from "./latex_tree.ts";
export { leafName, NodeId } from "./node_types.ts";
// The lexer's types the API above names, re-exported so the documentation is complete.
export type {
  CatcodeChange,
  EditResult,
  IncrementalLexer,
  LexedDocument,
  LexerOptions,
  LexState,
  MemoryUsage,
  Mode,
  Position,
  Range,
  TextFrame,
  Token,
  TokenKind,
} from "../../mod.ts";
