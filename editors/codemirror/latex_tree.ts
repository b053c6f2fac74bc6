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
 * ends are `UnpairedEnvBegin` and `UnpairedEnvEnd` nodes (the language still folds and matches
 * them, from the blocks' short lists of unpaired ends, {@linkcode LatexTree.strayEnvEnd} and
 * {@linkcode LatexTree.strayEnvBegin}).
 *
 * The work is done lazily, in steps, so that an editor can show the first screen of a large
 * document before the rest is lexed: the constructor lexes only the first piece of the text;
 * {@linkcode LatexTree.step} lexes the next piece or builds the next block;
 * {@linkcode LatexTree.partialTree} is the tree of the blocks built so far, from the start;
 * {@linkcode LatexTree.tree} finishes everything first. Blocks are cut where a lex of the whole
 * text would cut them (a cut is decided only once the lines it looks at are lexed for good), so
 * the complete tree is the one the eager build gives.
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
  /**
   * How much text the constructor and each {@linkcode LatexTree.step} lex (the piece ends at
   * the first line end from there); `Infinity` lexes it all at once.
   *
   * @default {32768}
   */
  lexChunk?: number;
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
  /** The block's tree, or `undefined` until it is built. */
  tree: Tree | undefined;
  strays: StrayEnv[];
}

/** Children per node of the spine above the blocks. */
const SPINE_WIDTH = 32;

/**
 * A text read piece by piece, so that a large one need not be one string: a CodeMirror `Text`
 * is one.
 */
export interface TextSource {
  /** The length in UTF-16 code units. */
  readonly length: number;
  /**
   * The text between two offsets.
   *
   * @param from The start.
   * @param to The end.
   */
  sliceString(from: number, to: number): string;
}

const EMPTY: TextSource = { length: 0, sliceString: () => "" };

/**
 * Where a piece of about `size` code units from `at` ends: after the first line end from
 * `at + size` on, or at the end.
 */
function pieceEnd(src: TextSource, at: number, size: number): number {
  if (src.length - at <= size) return src.length;
  for (let pos = at + size; pos < src.length;) {
    const look = src.sliceString(pos, Math.min(src.length, pos + 4096));
    const nl = look.indexOf("\n");
    if (nl >= 0) return pos + nl + 1;
    pos += look.length;
  }
  return src.length;
}

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
 * assertEquals(names.slice(0, 4), ["Document", "Block", "Environment", "EnvBegin"]);
 * assertEquals(names.includes("Math"), true);
 * ```
 */
export class LatexTree {
  /**
   * The lexer. Until the text is all lexed ({@linkcode LatexTree.lexedLines}), it holds a
   * prefix of the text, ending after a line end.
   */
  readonly lexer: IncrementalLexer;
  readonly #nodeSet: NodeSet;
  readonly #min: number;
  readonly #max: number;
  readonly #chunk: number;
  #blocks: Block[] = [];
  #tree: Tree | undefined;
  /** Where the text comes from, and where the part the lexer has not been given yet starts. */
  #source: TextSource;
  #from: number;
  #length: number;
  /** The lines the blocks cover. */
  #segmented = 0;
  /** Every block before `#next` is built; `#nextLine` and `#nextOffset` are where it starts. */
  #next = 0;
  #nextLine = 0;
  #nextOffset = 0;
  /** The spine's first level: nodes over full groups of `SPINE_WIDTH` blocks, kept by index. */
  #groups: ({ node: Tree; length: number } | undefined)[] = [];

  /**
   * Lexes the first piece of a text (the rest is lexed by {@linkcode LatexTree.step}, or when
   * the tree is read or the text edited).
   *
   * @param text The text, with `\n` line endings: a string, or a source read piece by piece
   *   (a CodeMirror `Text`; it must not change).
   * @param options Options.
   * @throws {TypeError} When the text (or, for a source, its first piece) holds a `\r`.
   */
  constructor(text: string | TextSource, options: LatexTreeOptions = {}) {
    let source: TextSource;
    if (typeof text === "string") {
      requireLf(text);
      source = { length: text.length, sliceString: (from, to) => text.slice(from, to) };
    } else source = text;
    this.#chunk = options.lexChunk ?? 32 * 1024;
    const first = pieceEnd(source, 0, this.#chunk);
    this.lexer = new IncrementalLexer(
      typeof text === "string" && first === text.length ? text : this.#read(source, 0, first),
      options.lexer,
    );
    this.#source = first === source.length ? EMPTY : source;
    this.#from = first === source.length ? 0 : first;
    this.#length = source.length;
    this.#nodeSet = options.nodeSet ?? BASE_NODE_SET;
    this.#min = options.minBlockLines ?? 48;
    this.#max = Math.max(this.#min, options.maxBlockLines ?? 1024);
    this.#segmentLexed();
  }

  /** Whether part of the text is not lexed yet. */
  get #pending(): boolean {
    return this.#from < this.#source.length;
  }

  /** A piece of the source, checked for `\r`. */
  #read(source: TextSource, from: number, to: number): string {
    const piece = source.sliceString(from, to);
    requireLf(piece);
    return piece;
  }

  /** The current text. */
  get text(): string {
    const rest = this.#source.sliceString(this.#from, this.#source.length);
    return rest === "" ? this.lexer.text : this.lexer.text + rest;
  }

  /** The text's length. */
  get length(): number {
    return this.#length;
  }

  /** The number of lines whose tokens are lexed for good (all of them once lexing is done). */
  get lexedLines(): number {
    return this.#pending ? this.lexer.lineCount - 1 : this.lexer.lineCount;
  }

  /** The number of blocks the tree is built from (so far, while the text is being lexed). */
  get blockCount(): number {
    return this.#blocks.length;
  }

  /** Whether the text is all lexed and every block built: {@linkcode LatexTree.tree} is free. */
  get complete(): boolean {
    return !this.#pending && this.#advanceNext() === this.#blocks.length;
  }

  /** The length of the text the built blocks cover from the start: the partial tree's. */
  get builtLength(): number {
    this.#advanceNext();
    return this.#nextOffset;
  }

  /** The tree of the current text (finishing the lexing and the blocks first). */
  get tree(): Tree {
    this.#finish();
    if (this.#tree === undefined) this.#tree = this.#spine(this.#blocks.length);
    return this.#tree;
  }

  /**
   * The tree of the blocks built so far from the start of the text: a prefix of the complete
   * tree, {@linkcode LatexTree.builtLength} long ({@linkcode LatexTree.tree} once complete).
   *
   * @returns The tree.
   */
  partialTree(): Tree {
    if (this.complete) return this.tree;
    return this.#spine(this.#next);
  }

  /**
   * Does one bounded piece of the remaining work: builds the first block not built, or else
   * lexes the next piece of the text ({@linkcode LatexTreeOptions.lexChunk}).
   *
   * @returns Whether there was work left.
   */
  step(): boolean {
    const i = this.#advanceNext();
    if (i < this.#blocks.length) {
      this.#fill(this.#blocks[i]!, this.#nextLine);
      return true;
    }
    if (!this.#pending) return false;
    const end = pieceEnd(this.#source, this.#from, this.#chunk);
    const piece = this.#read(this.#source, this.#from, end);
    this.lexer.edit(this.lexer.length, this.lexer.length, piece);
    this.#from = end;
    if (!this.#pending) {
      this.#source = EMPTY;
      this.#from = 0;
    }
    this.#segmentLexed();
    return true;
  }

  /** Moves `#next` past the built blocks; returns it. */
  #advanceNext(): number {
    const blocks = this.#blocks;
    let i = this.#next;
    while (i < blocks.length && blocks[i]!.tree !== undefined) {
      this.#nextLine += blocks[i]!.lines;
      this.#nextOffset += blocks[i]!.length;
      i++;
    }
    return this.#next = i;
  }

  /** Lexes the rest of the text and cuts it into blocks (not built). */
  #lexAll(): void {
    if (!this.#pending) return;
    const rest = this.#read(this.#source, this.#from, this.#source.length);
    this.lexer.edit(this.lexer.length, this.lexer.length, rest);
    this.#source = EMPTY;
    this.#from = 0;
    this.#segmentLexed();
  }

  /** Lexes and builds everything. */
  #finish(): void {
    this.#lexAll();
    while (this.step());
  }

  /**
   * Cuts the lines lexed so far into blocks, as far as the cuts are the ones a lex of the whole
   * text gives: to the end once lexing is done, else while the lines a cut looks at are final.
   */
  #segmentLexed(): void {
    if (!this.#pending) {
      const to = this.lexer.lineCount;
      if (this.#segmented < to || this.#blocks.length === 0) {
        this.#blocks.push(...this.#segment(this.#segmented, to, false));
        this.#segmented = to;
      }
      return;
    }
    const to = this.lexedLines;
    for (;;) {
      const cur = this.#segmented;
      const limit = Math.min(cur + this.#max, to - this.#min + 1);
      let end = -1;
      for (let line = cur + this.#min; line < limit; line++) {
        if (this.#quiet(line)) {
          end = line;
          break;
        }
      }
      if (end < 0 && cur + this.#max + this.#min <= to) end = cur + this.#max;
      if (end < 0) return;
      this.#blocks.push(this.#unbuilt(cur, end));
      this.#segmented = end;
    }
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
    this.#lexAll();
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
    const rebuilt = this.#segment(start, end + delta, true);
    // The spine's groups over the replaced blocks go; when the number of blocks changed, so
    // do all the groups after them, their blocks shifted.
    const g0 = Math.floor(bi / SPINE_WIDTH);
    if (rebuilt.length === bj - bi + 1) {
      for (let g = g0; g <= Math.floor(bj / SPINE_WIDTH); g++) this.#groups[g] = undefined;
    } else if (this.#groups.length > g0) this.#groups.length = g0;
    blocks.splice(bi, bj - bi + 1, ...rebuilt);
    this.#segmented += delta;
    this.#length += insert.length - (to - from);
    if (bi <= this.#next) {
      this.#next = bi;
      this.#nextLine = start;
      this.#nextOffset = 0;
      for (let i = 0; i < bi; i++) this.#nextOffset += blocks[i]!.length;
    }
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
    this.#finish();
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

  /**
   * Where the `\begin{x}` that the `\end{x}` at a position closes starts, for environments the
   * tree could not pair because they span blocks: {@linkcode LatexTree.strayEnvEnd} backwards.
   *
   * @param pos Where the `\end` starts.
   * @returns The `\begin`'s start, or `undefined` when `pos` is no unpaired `\end` or nothing
   *   opens it.
   */
  strayEnvBegin(pos: number): number | undefined {
    this.#finish();
    const blocks = this.#blocks;
    let k = 0, start = 0;
    while (k < blocks.length - 1 && start + blocks[k]!.length <= pos) start += blocks[k++]!.length;
    let name: string | undefined;
    let depth = 0;
    for (let b = k; b >= 0; b--) {
      const strays = blocks[b]!.strays;
      for (let j = strays.length - 1; j >= 0; j--) {
        const s = strays[j]!;
        const at = start + s.from;
        if (name === undefined) {
          if (at === pos && !s.begin) name = s.name;
          else if (at < pos) return undefined;
          continue;
        }
        if (s.name !== name) continue;
        if (!s.begin) depth++;
        else if (depth-- === 0) return at;
      }
      if (name === undefined) return undefined;
      if (b > 0) start -= blocks[b - 1]!.length;
    }
    return undefined;
  }

  /** Cuts lines `from .. to` into blocks (built at once when `build`). */
  #segment(from: number, to: number, build: boolean): Block[] {
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
      const block = this.#unbuilt(cur, end);
      if (build) this.#fill(block, cur);
      out.push(block);
      cur = end;
    }
    if (out.length === 0) {
      const block = this.#unbuilt(from, from);
      if (build) this.#fill(block, from);
      out.push(block);
    }
    return out;
  }

  /** A block of lines `from .. to`, not built yet. */
  #unbuilt(from: number, to: number): Block {
    const lexer = this.lexer;
    const last = lexer.lineCount - 1;
    let length = 0;
    for (let line = from; line < to; line++) {
      length += lexer.lineText(line).length + (line < last ? 1 : 0);
    }
    return { lines: to - from, length, tree: undefined, strays: [] };
  }

  /** Builds a block that starts at line `from`. */
  #fill(block: Block, from: number): void {
    const built = this.#build(from, from + block.lines);
    block.tree = built.tree;
    block.strays = built.strays;
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

  /** The top of the tree: the first `count` blocks under a balanced spine of anonymous nodes. */
  #spine(count: number): Tree {
    const blocks = this.#blocks;
    let trees: Tree[] = [];
    let lengths: number[] = [];
    if (count <= SPINE_WIDTH) {
      for (let i = 0; i < count; i++) {
        trees.push(blocks[i]!.tree!);
        lengths.push(blocks[i]!.length);
      }
    } else {
      // The first level: full groups of blocks an edit did not touch are kept from before, and
      // their blocks not looked at.
      const groupTrees: Tree[] = [];
      const groupLengths: number[] = [];
      for (let i = 0, g = 0; i < count; i += SPINE_WIDTH, g++) {
        const j = Math.min(count, i + SPINE_WIDTH);
        let group = j - i === SPINE_WIDTH ? this.#groups[g] : undefined;
        if (group === undefined) {
          const t: Tree[] = [], l: number[] = [];
          for (let k = i; k < j; k++) {
            t.push(blocks[k]!.tree!);
            l.push(blocks[k]!.length);
          }
          group = this.#node(NodeType.none, t, l, 0, t.length);
          if (j - i === SPINE_WIDTH) this.#groups[g] = group;
        }
        groupTrees.push(group.node);
        groupLengths.push(group.length);
      }
      trees = groupTrees;
      lengths = groupLengths;
    }
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
