/**
 * A LaTeX document's Lezer tree, kept up to date edit by edit: an {@linkcode IncrementalLexer}
 * and the tree built from its tokens in blocks of lines.
 *
 * A block ends at a line whose start state is quiet (text mode, no open group), so groups, math
 * and verbatim bodies never straddle two blocks; a block is cut anyway after
 * {@linkcode LatexTreeOptions.maxBlockLines} lines. After an edit only the blocks that hold
 * re-lexed lines are rebuilt; every other block's tree is reused as the same object, and the
 * top of the tree (a balanced spine over the blocks) is rebuilt around them.
 *
 * Environments whose `\begin` and `\end` fall in different blocks are not one node: their two
 * ends stay `EnvBegin` and `EnvEnd` nodes without an `Environment` parent (the language's fold
 * service still folds them, from the tokens).
 *
 * @module
 */

import { type NodeSet, NodeType, Tree } from "@lezer/common";
import {
  classifyLine,
  type EditResult,
  IncrementalLexer,
  type LexerOptions,
  Mode,
  type Token,
} from "../../mod.ts";
import { buildBlock, type StrayEnv } from "./_block_builder.ts";
import { BASE_NODE_SET, NodeId } from "./node_types.ts";

/** Options of {@linkcode LatexTree}. */
export interface LatexTreeOptions {
  /**
   * The lexer's options.
   *
   * @default {{}}
   */
  lexer?: LexerOptions;
  /**
   * The node set trees are built with (the language passes its own, which carries the
   * highlighting and folding props).
   *
   * @default {BASE_NODE_SET}
   */
  nodeSet?: NodeSet;
  /**
   * The fewest lines a block takes before it may end at a quiet line. Small blocks make a
   * keystroke cheaper and the top of the tree wider.
   *
   * @default {48}
   */
  minBlockLines?: number;
  /**
   * The most lines a block takes when no quiet line comes.
   *
   * @default {1024}
   */
  maxBlockLines?: number;
}

/** What one edit rebuilt. */
export interface TreeEditResult extends EditResult {
  /** How many blocks were rebuilt. */
  rebuiltBlocks: number;
  /** How many lines those blocks hold. */
  rebuiltLines: number;
}

interface Block {
  lines: number;
  length: number;
  tree: Tree;
  strays: StrayEnv[];
}

/** Children per node of the spine above the blocks. */
const SPINE_WIDTH = 32;

/**
 * The Lezer tree of a changing LaTeX text.
 *
 * Texts use `\n` line endings only, as CodeMirror's documents do.
 *
 * @example Editing and reading the tree
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { LatexTree } from "./latex_tree.ts";
 *
 * const doc = new LatexTree("\\begin{itemize}\n\\item $x$\n\\end{itemize}\n");
 * doc.edit(23, 24, "y");
 * assertEquals(doc.text, "\\begin{itemize}\n\\item $y$\n\\end{itemize}\n");
 * const names: string[] = [];
 * doc.tree.iterate({ enter: (n) => void names.push(n.name) });
 * assertEquals(names.slice(0, 3), ["Document", "Environment", "EnvBegin"]);
 * assertEquals(names.includes("Math"), true);
 * ```
 */
export class LatexTree {
  /** The lexer holding the current text's tokens. */
  readonly lexer: IncrementalLexer;
  readonly #nodeSet: NodeSet;
  readonly #min: number;
  readonly #max: number;
  #blocks: Block[];
  #tree: Tree | undefined;

  /**
   * Lexes a text and builds its tree.
   *
   * @param text The text, with `\n` line endings.
   * @param options Options.
   * @throws {TypeError} When the text holds a `\r`.
   */
  constructor(text: string, options: LatexTreeOptions = {}) {
    requireLf(text);
    this.lexer = new IncrementalLexer(text, options.lexer);
    this.#nodeSet = options.nodeSet ?? BASE_NODE_SET;
    this.#min = options.minBlockLines ?? 48;
    this.#max = Math.max(this.#min, options.maxBlockLines ?? 1024);
    this.#blocks = this.#segment(0, this.lexer.lineCount);
  }

  /** The current text. */
  get text(): string {
    return this.lexer.text;
  }

  /** The number of blocks the tree is built from. */
  get blockCount(): number {
    return this.#blocks.length;
  }

  /** The tree of the current text (built on demand after an edit, reusing every block). */
  get tree(): Tree {
    if (this.#tree === undefined) this.#tree = this.#spine();
    return this.#tree;
  }

  /**
   * Replaces the text between two offsets, re-lexes, and rebuilds the blocks that hold
   * re-lexed lines.
   *
   * @param from Where the replaced text starts.
   * @param to Where it ends.
   * @param insert The new text, with `\n` line endings.
   * @returns What the lexer changed and what was rebuilt.
   * @throws {TypeError} When `insert` holds a `\r`.
   * @throws {RangeError} When an offset is out of range.
   */
  edit(from: number, to: number, insert: string): TreeEditResult {
    requireLf(insert);
    const r = this.lexer.edit(from, to, insert);
    const delta = r.newToLine - r.oldToLine;
    const oldChangedTo = r.changedToLine - delta;
    const blocks = this.#blocks;
    let bi = 0, start = 0;
    while (bi < blocks.length - 1 && start + blocks[bi]!.lines <= r.fromLine) {
      start += blocks[bi]!.lines;
      bi++;
    }
    let bj = bi, end = start + blocks[bi]!.lines;
    while (bj < blocks.length - 1 && end < oldChangedTo) end += blocks[++bj]!.lines;
    // A short last piece joins the next block rather than staying a fragment.
    if (end + delta - start < this.#min && bj < blocks.length - 1) end += blocks[++bj]!.lines;
    const rebuilt = this.#segment(start, end + delta);
    blocks.splice(bi, bj - bi + 1, ...rebuilt);
    this.#tree = undefined;
    return {
      ...r,
      rebuiltBlocks: rebuilt.length,
      rebuiltLines: rebuilt.reduce((n, b) => n + b.lines, 0),
    };
  }

  /**
   * Where the `\end{x}` that closes the `\begin{x}` at a position starts, for environments
   * the tree could not pair because they span blocks: a walk over the blocks' short lists of
   * unpaired ends, not over the text.
   *
   * @param pos Where the `\begin` starts.
   * @returns The `\end`'s start, or `undefined` when `pos` is no unpaired `\begin` or nothing
   *   closes it.
   */
  strayEnvEnd(pos: number): number | undefined {
    let start = 0;
    let name: string | undefined;
    let depth = 0;
    for (const block of this.#blocks) {
      const end = start + block.length;
      if (name === undefined && end <= pos) {
        start = end;
        continue;
      }
      for (const s of block.strays) {
        const at = start + s.from;
        if (name === undefined) {
          if (at === pos && s.begin) name = s.name;
          else if (at > pos) return undefined;
          continue;
        }
        if (s.name !== name) continue;
        if (s.begin) depth++;
        else if (depth-- === 0) return at;
      }
      if (name === undefined) return undefined;
      start = end;
    }
    return undefined;
  }

  /** Cuts lines `from .. to` into blocks and builds them. */
  #segment(from: number, to: number): Block[] {
    const out: Block[] = [];
    let cur = from;
    while (cur < to) {
      let end = to;
      if (to - cur > this.#max || to - cur >= 2 * this.#min) {
        end = Math.min(to, cur + this.#max);
        for (let line = cur + this.#min; line < Math.min(to, cur + this.#max); line++) {
          if (to - line < this.#min) break;
          if (this.#quiet(line)) {
            end = line;
            break;
          }
        }
      }
      out.push(this.#build(cur, end));
      cur = end;
    }
    if (out.length === 0) out.push(this.#build(from, from));
    return out;
  }

  #quiet(line: number): boolean {
    const s = this.lexer.lineState(line);
    return s.mode === Mode.Text && s.depth === 0 && s.frames.length === 0 && !s.afterArg;
  }

  #build(from: number, to: number): Block {
    const lexer = this.lexer;
    const last = lexer.lineCount - 1;
    const tokens: Token[] = [];
    const starts: number[] = [];
    const semantics: number[] = [];
    const modifiers: number[] = [];
    let offset = 0;
    for (let line = from; line < to; line++) {
      const lineTokens = lexer.lineTokens(line);
      const classes = classifyLine(lineTokens, lexer.lineState(line));
      let c = 0;
      for (const t of lineTokens) {
        tokens.push(t);
        starts.push(offset + t.column);
        if (c < classes.length && classes[c] === t.column && classes[c + 1] === t.length) {
          semantics.push(classes[c + 2]!);
          modifiers.push(classes[c + 3]!);
          c += 4;
        } else {
          semantics.push(-1);
          modifiers.push(t.math ? 1 : 0);
        }
      }
      offset += lexer.lineText(line).length + (line < last ? 1 : 0);
    }
    const built = buildBlock(
      { tokens, starts, semantics, modifiers, length: offset },
      this.#nodeSet,
    );
    return { lines: to - from, length: offset, ...built };
  }

  /** The top of the tree: the blocks under a balanced spine of anonymous nodes. */
  #spine(): Tree {
    let trees: Tree[] = this.#blocks.map((b) => b.tree);
    let lengths: number[] = this.#blocks.map((b) => b.length);
    while (trees.length > SPINE_WIDTH) {
      const up: Tree[] = [];
      const upLengths: number[] = [];
      for (let i = 0; i < trees.length; i += SPINE_WIDTH) {
        const j = Math.min(trees.length, i + SPINE_WIDTH);
        const { node, length } = this.#node(NodeType.none, trees, lengths, i, j);
        up.push(node);
        upLengths.push(length);
      }
      trees = up;
      lengths = upLengths;
    }
    const top = this.#nodeSet.types[NodeId.Document]!;
    return this.#node(top, trees, lengths, 0, trees.length).node;
  }

  #node(
    type: NodeType,
    trees: Tree[],
    lengths: number[],
    from: number,
    to: number,
  ): { node: Tree; length: number } {
    const positions: number[] = [];
    let pos = 0;
    for (let i = from; i < to; i++) {
      positions.push(pos);
      pos += lengths[i]!;
    }
    return { node: new Tree(type, trees.slice(from, to), positions, pos), length: pos };
  }
}

function requireLf(text: string): void {
  if (typeof text !== "string") throw new TypeError(`Invalid text: expected a string`);
  if (text.includes("\r")) {
    throw new TypeError("Invalid text: expected `\\n` line endings, found a `\\r`");
  }
}
