/**
 * The CodeMirror 6 language: a `Language` whose `Parser` hands CodeMirror the tree a
 * {@linkcode LatexTree} keeps, and the state field that keeps it.
 *
 * The field holds one {@linkcode LatexTree} per editor state and turns each transaction's
 * `ChangeSet` into lexer edits; the parser, called by CodeMirror's parse loop inside the same
 * state update, returns that tree (after a keystroke, in one step: the changed block is rebuilt
 * by the edit). A new document is lexed and built in steps (see {@linkcode LatexTree}): the
 * first screen waits only for the blocks it shows, the rest follows in CodeMirror's background
 * parse. A field value that is no longer the newest (an
 * old state reused after newer transactions moved the shared tree on) is detected by its
 * version, and re-lexed from its own document.
 *
 * @module
 */

import {
  bracketMatchingHandle,
  defineLanguageFacet,
  foldNodeProp,
  foldService,
  indentNodeProp,
  Language,
  LanguageSupport,
  ParseContext,
  syntaxHighlighting,
  syntaxTree,
} from "@codemirror/language";
import { type EditorState, type Extension, Facet, StateField } from "@codemirror/state";
import {
  type Input,
  NodeProp,
  type NodeSet,
  Parser,
  type PartialParse,
  type SyntaxNode,
  type Tree,
  type TreeFragment,
} from "@lezer/common";
import type { LexerOptions } from "../../mod.ts";
import { latexHighlightStyle, latexStyleTags } from "./highlight.ts";
import { LatexTree } from "./latex_tree.ts";
import { BASE_NODE_SET, leafNamesOf } from "./node_types.ts";

const OPEN_BRACES = leafNamesOf("begin_group");
const CLOSE_BRACES = leafNamesOf("end_group");
import { envFold, sectionFold } from "./_folding.ts";
import { unpairedEnvMatching } from "./_env_match.ts";

/** Options of {@linkcode latex}. */
export interface LatexLanguageOptions {
  /**
   * The lexer's options (initial catcodes, extra verbatim environments, ...).
   *
   * @default {{}}
   */
  lexer?: LexerOptions;
  /**
   * Whether to include {@linkcode latexHighlightStyle}; leave it out to style the tags with a
   * theme of your own.
   *
   * @default {true}
   */
  highlightStyle?: boolean;
  /**
   * The fewest lines per block of the tree (see {@linkcode LatexTree}).
   *
   * @default {48}
   */
  minBlockLines?: number;
}

/** The node set with highlighting, folding and bracket props. */
export const LATEX_NODE_SET: NodeSet = BASE_NODE_SET.extend(
  latexStyleTags(),
  foldNodeProp.add({
    Environment: (node) => {
      const begin = node.firstChild, end = node.lastChild;
      if (begin?.name !== "EnvBegin" || end?.name !== "EnvEnd") return null;
      return begin.to < end.from ? { from: begin.to, to: end.from } : null;
    },
    Group: (node) => node.to - node.from > 2 ? { from: node.from + 1, to: node.to - 1 } : null,
  }),
  indentNodeProp.add({
    // An environment's body one unit in from its \begin line, except the document's; \end back.
    Environment: (cx) => {
      const begin = cx.node.firstChild;
      const head = begin === null ? "" : cx.state.sliceDoc(begin.from, begin.to);
      if (head === "\\begin{document}" || /^\s*\\end\b/.test(cx.textAfter)) return cx.baseIndent;
      return cx.baseIndent + cx.unit;
    },
    "Document Block": () => 0,
  }),
  NodeProp.closedBy.add({
    ...Object.fromEntries(OPEN_BRACES.map((name) => [name, CLOSE_BRACES])),
    EnvBegin: ["EnvEnd"],
    LeftDelim: ["RightDelim"],
  }),
  NodeProp.openedBy.add({
    ...Object.fromEntries(CLOSE_BRACES.map((name) => [name, OPEN_BRACES])),
    EnvEnd: ["EnvBegin"],
    RightDelim: ["LeftDelim"],
  }),
  bracketMatchingHandle.add({
    EnvBegin: (node: SyntaxNode) => node,
    EnvEnd: (node: SyntaxNode) => node,
  }),
);

/** What the state field holds: the shared tree and the version this state saw. */
class TreeBox {
  constructor(readonly doc: LatexTree, readonly version: number, readonly owner: Versions) {}
  get current(): boolean {
    return this.owner.version === this.version;
  }
}

class Versions {
  version = 0;
}

function createField(
  options: LatexLanguageOptions,
): StateField<TreeBox> {
  const treeOptions = {
    nodeSet: LATEX_NODE_SET,
    ...(options.lexer === undefined ? {} : { lexer: options.lexer }),
    ...(options.minBlockLines === undefined ? {} : { minBlockLines: options.minBlockLines }),
  };
  const fresh = (state: EditorState) =>
    // The document is read piece by piece (no 5 MB string before the first screen).
    new TreeBox(new LatexTree(state.doc, treeOptions), 0, new Versions());
  return StateField.define<TreeBox>({
    create: fresh,
    update(box, tr) {
      if (!tr.docChanged) return box;
      if (!box.current) return fresh(tr.state);
      const doc = box.doc;
      // In order, each change's start in the document as changed so far is `fromB`.
      tr.changes.iterChanges((fromA, toA, fromB, _toB, inserted) => {
        doc.edit(fromB, fromB + (toA - fromA), inserted.toString());
      });
      box.owner.version++;
      return new TreeBox(doc, box.owner.version, box.owner);
    },
  });
}

class LatexParser extends Parser {
  constructor(readonly field: StateField<TreeBox>, readonly options: LatexLanguageOptions) {
    super();
  }

  override createParse(
    input: Input,
    _fragments: readonly TreeFragment[],
    _ranges: readonly { from: number; to: number }[],
  ): PartialParse {
    const state = ParseContext.get()?.state;
    const box = state?.field(this.field, false);
    if (box === undefined || !box.current || box.doc.length !== input.length) {
      const tree = new LatexTree(input.read(0, input.length), {
        nodeSet: LATEX_NODE_SET,
        ...(this.options.lexer === undefined ? {} : { lexer: this.options.lexer }),
      }).tree;
      return { advance: () => tree, parsedPos: input.length, stopAt: () => {}, stoppedAt: null };
    }
    // The field's tree, finished step by step: one step (a block built, or 32 KB lexed) per
    // `advance`, so CodeMirror's parse loop keeps to its time budget; where it asks to stop
    // (the viewport, on a first load), the blocks built so far from the start are the tree.
    const doc = box.doc;
    let stoppedAt: number | null = null;
    return {
      advance(): Tree | null {
        if (doc.complete) return doc.tree;
        if (stoppedAt !== null && doc.builtLength >= stoppedAt) return doc.partialTree();
        return doc.step() ? null : doc.tree;
      },
      get parsedPos() {
        return doc.complete ? doc.length : doc.builtLength;
      },
      stopAt(pos: number) {
        stoppedAt = pos;
      },
      get stoppedAt() {
        return stoppedAt;
      },
    };
  }
}

/**
 * The LaTeX language for CodeMirror 6, with its state field and (by default) its highlight
 * style, folding of sections, matching of `\begin`/`\end` pairs that span blocks of the tree
 * (`cm-matchingBracket`, as CodeMirror's `bracketMatching` marks the others), and the language
 * data (`%` comments).
 *
 * @param options Options.
 * @returns The language support, to put in an editor's extensions.
 * @example Highlighted tokens in an editor state
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { EditorState } from "@codemirror/state";
 * import { ensureSyntaxTree } from "@codemirror/language";
 * import { latex } from "./language.ts";
 *
 * let state = EditorState.create({ doc: "Let $x$ be.", extensions: [latex()] });
 * state = state.update({ changes: { from: 5, to: 6, insert: "y^2" } }).state;
 * const tree = ensureSyntaxTree(state, state.doc.length)!;
 * assertEquals(tree.resolveInner(5, 1).name, "Text_variable_math");
 * assertEquals(tree.resolveInner(6, 1).name, "Superscript_operator_math");
 * ```
 */
export function latex(options: LatexLanguageOptions = {}): LanguageSupport {
  const field = createField(options);
  const language = new Language(
    defineLanguageFacet({ commentTokens: { line: "%" } }),
    new LatexParser(field, options),
    [],
    "latex",
  );
  const support: Extension[] = [
    field,
    latexTrees.from(field, (box) => box.doc),
    unpairedEnvMatching((state) => {
      const box = state.field(field, false);
      return box?.current ? box.doc : undefined;
    }),
    foldService.of((state, from, to) => {
      const box = state.field(field, false);
      return sectionFold(state, from, to) ??
        // Environments across blocks fold once the tree is complete (not while a large
        // document is still being lexed after loading).
        (box?.current && box.doc.length === state.doc.length && box.doc.complete
          ? envFold(state, box.doc, from, to, syntaxTree(state))
          : null);
    }),
  ];
  if (options.highlightStyle !== false) support.push(syntaxHighlighting(latexHighlightStyle));
  return new LanguageSupport(language, support);
}

/** The trees of an editor state's LaTeX languages, for readers outside the language. */
const latexTrees = Facet.define<LatexTree>();

/**
 * The {@linkcode LatexTree} behind an editor state (for a token inspector, or a test).
 *
 * @param state An editor state with {@linkcode latex} in its extensions.
 * @returns Its tree and lexer, or `undefined` when the state has no LaTeX language.
 * @example The lexer's view of the editor's text
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { EditorState } from "@codemirror/state";
 * import { latex, latexTreeOf } from "./language.ts";
 *
 * const state = EditorState.create({ doc: "$x$", extensions: [latex()] });
 * assertEquals(latexTreeOf(state)?.lexer.lineTokens(0).map((t) => t.kind), [
 *   "math_shift",
 *   "text",
 *   "math_shift",
 * ]);
 * ```
 */
export function latexTreeOf(state: EditorState): LatexTree | undefined {
  return state.facet(latexTrees)[0];
}
