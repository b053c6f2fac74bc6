/**
 * The checkpoint store: for every line its text, its ending, its start state and its packed
 * tokens, kept in blocks of a few hundred lines.
 *
 * Blocks keep every edit local: a replaced line rewrites the typed arrays of one block, never of
 * the whole document. Finding the block of a line or an offset takes O(log blocks) through a
 * {@linkcode BlockIndex}; only edits that change the number of lines of a block rebuild that
 * index, in one pass over the blocks (one entry per `BLOCK.TARGET` lines, `_tunables.ts`).
 *
 * @module
 */

import { BlockIndex } from "./_block_index.ts";
import { joinSegments, type LongLine } from "./_long_line.ts";
import type { LineText } from "./_line_text.ts";
import { ENDING_LENGTH } from "./lines.ts";
import { BLOCK, MEMORY } from "./_tunables.ts";

/**
 * A line's text: a string, or for a long line its text in chunks (built into one string only
 * when asked for).
 */
export type StoredText = string | LineText;

/** The text as one string. */
function flat(text: StoredText): string {
  return typeof text === "string" ? text : text.toString();
}

/** One lexed line, on its way into the store. */
export interface LineRecord {
  /** The line's text without its ending. */
  text: StoredText;
  /** Its ending's code (see `lines.ts`). */
  ending: number;
  /** Its start state's id. */
  state: number;
  /** Its packed tokens. */
  words: Uint32Array;
  /** For a long line: its checkpoints and its tokens in segments (then `words` is empty). */
  long?: LongLine | undefined;
}

/**
 * A lexed line given to {@linkcode LineStore}'s constructor: its tokens are
 * `words[0 .. count)` of a buffer that may be a scratch one (they are copied at once).
 */
export interface LineInput {
  /** The line's text without its ending. */
  text: StoredText;
  /** Its ending's code (see `lines.ts`). */
  ending: number;
  /** Its start state's id. */
  state: number;
  /** A buffer holding its packed tokens first. */
  words: Uint32Array;
  /** How many tokens it has. */
  count: number;
  /** For a long line: its checkpoints and its tokens in segments (then `count` is 0). */
  long: LongLine | undefined;
}

/** One line as {@linkcode LineStore.forEach} shows it (the object is reused between calls). */
export interface LineView {
  /** The line number. */
  line: number;
  /** Its text without its ending. */
  text: string;
  /** Its ending's code. */
  ending: number;
  /** Its start state's id. */
  state: number;
  /** Its packed tokens. */
  words: Uint32Array;
}

const EMPTY_WORDS = new Uint32Array(0);
const EMPTY_GROUPS = new Float64Array(0);
const GROUP = BLOCK.GROUP;

/** Recomputes a block's group sums from the group holding line `from` on. */
function regroup(blk: Block, from: number): void {
  const size = blk.size;
  const need = Math.ceil(size / GROUP);
  const g0 = Math.floor(from / GROUP);
  if (need > blk.groups.length) {
    const groups = new Float64Array(need + 1);
    groups.set(blk.groups.subarray(0, g0));
    blk.groups = groups;
  }
  const { lines, endings, groups } = blk;
  for (let g = g0; g < need; g++) {
    const end = Math.min(size, (g + 1) * GROUP);
    let sum = 0;
    for (let i = g * GROUP; i < end; i++) sum += lines[i]!.length + ENDING_LENGTH[endings[i]!]!;
    groups[g] = sum;
  }
}

/**
 * A run of consecutive lines. Its typed arrays may be longer than the block needs (room left by
 * an edit for the next ones): only the first `size` entries (`size + 1` of `tokStart`, and
 * `tokStart[size]` of `words`) mean anything.
 */
class Block {
  constructor(
    readonly lines: StoredText[],
    public endings: Uint8Array,
    public states: Int32Array,
    /** `tokStart[i]` is the index in `words` of line i's first token; one entry more than lines. */
    public tokStart: Uint32Array,
    public words: Uint32Array,
    public chars: number,
    /** The block's long lines (checkpoints and token segments), by index in the block. */
    public long: Map<number, LongLine> | undefined,
    /**
     * `groups[g]` is the characters (endings included) of lines `[g, g + 1) * BLOCK.GROUP`: a
     * walk to a line reads these, then at most a group of line texts.
     */
    public groups: Float64Array = EMPTY_GROUPS,
  ) {
    if (groups === EMPTY_GROUPS) regroup(this, 0);
  }

  get size(): number {
    return this.lines.length;
  }
}

/** Room for `n` entries and a quarter more, so that the next edits of a block rarely allocate. */
function roomFor(n: number): number {
  return n + (n >> 2) + 16;
}

/** Collects lines into new blocks (the constructor's path: every array is exactly sized). */
class BlockBuilder {
  readonly blocks: Block[] = [];
  #lines: StoredText[] = [];
  #endings: number[] = [];
  #states: number[] = [];
  #tokStart: number[] = [0];
  #words = new Uint32Array(1024);
  #count = 0;
  #chars = 0;
  #long: Map<number, LongLine> | undefined = undefined;

  constructor(readonly perBlock: number) {}

  /** Adds a line, copying its tokens. */
  add(line: LineInput): void {
    const { words, count } = line;
    if (this.#count + count > this.#words.length) {
      const bigger = new Uint32Array(Math.max(this.#words.length * 2, this.#count + count));
      bigger.set(this.#words.subarray(0, this.#count));
      this.#words = bigger;
    }
    const dst = this.#words;
    // A loop, not `set(subarray)`: lines have few tokens, and a view per line costs more.
    for (let i = 0; i < count; i++) dst[this.#count + i] = words[i]!;
    this.#count += count;
    if (line.long !== undefined) (this.#long ??= new Map()).set(this.#lines.length, line.long);
    this.#lines.push(line.text);
    this.#endings.push(line.ending);
    this.#states.push(line.state);
    this.#tokStart.push(this.#count);
    this.#chars += line.text.length + ENDING_LENGTH[line.ending]!;
    if (this.#lines.length >= this.perBlock) this.flush();
  }

  flush(): void {
    const n = this.#lines.length;
    if (n === 0) return;
    // A little room in every block: the first edits of a block then allocate nothing.
    const endings = new Uint8Array(n + BLOCK.SPARE_LINES);
    const states = new Int32Array(n + BLOCK.SPARE_LINES);
    const tokStart = new Uint32Array(n + 1 + BLOCK.SPARE_LINES);
    const words = new Uint32Array(this.#count + BLOCK.SPARE_TOKENS);
    endings.set(this.#endings);
    states.set(this.#states);
    tokStart.set(this.#tokStart);
    words.set(this.#words.subarray(0, this.#count));
    this.blocks.push(
      new Block(this.#lines, endings, states, tokStart, words, this.#chars, this.#long),
    );
    this.#long = undefined;
    this.#lines = [];
    this.#endings = [];
    this.#states = [];
    this.#tokStart = [0];
    this.#count = 0;
    this.#chars = 0;
  }
}

/**
 * Replaces lines `[local, local + deleteCount)` of a block with new ones, in place: the typed
 * arrays move their tails with `copyWithin` (never `set` from a view of themselves, which
 * copies the source first) and are reallocated, with room, only when they are full. Costs
 * O(records + lines and tokens after the splice in this block).
 */
function spliceBlock(
  blk: Block,
  local: number,
  deleteCount: number,
  records: readonly LineRecord[],
): void {
  const oldSize = blk.size;
  const end = local + deleteCount;
  const n = records.length;
  const shift = n - deleteCount;
  const size = oldSize + shift;
  let chars = blk.chars;
  let newTokens = 0;
  for (let k = 0; k < n; k++) newTokens += records[k]!.words.length;
  if (shift === 0) {
    // Same lines, new texts: the groups change by each line's difference.
    const groups = blk.groups;
    for (let k = 0; k < n; k++) {
      const r = records[k]!;
      const i = local + k;
      const d = r.text.length + ENDING_LENGTH[r.ending]! - blk.lines[i]!.length -
        ENDING_LENGTH[blk.endings[i]!]!;
      chars += d;
      const g = Math.floor(i / GROUP);
      groups[g] = groups[g]! + d;
      blk.lines[i] = r.text;
    }
    blk.chars = chars;
  } else {
    for (let i = local; i < end; i++) {
      chars -= blk.lines[i]!.length + ENDING_LENGTH[blk.endings[i]!]!;
    }
    for (let k = 0; k < n; k++) {
      chars += records[k]!.text.length + ENDING_LENGTH[records[k]!.ending]!;
    }
    blk.chars = chars;
    blk.lines.splice(local, deleteCount, ...records.map((r) => r.text));
    if (size > blk.states.length) { // `endings` and `states` always have the same length
      const endings = new Uint8Array(roomFor(size));
      const states = new Int32Array(roomFor(size));
      endings.set(blk.endings.subarray(0, local));
      states.set(blk.states.subarray(0, local));
      endings.set(blk.endings.subarray(end, oldSize), local + n);
      states.set(blk.states.subarray(end, oldSize), local + n);
      blk.endings = endings;
      blk.states = states;
    } else {
      blk.endings.copyWithin(local + n, end, oldSize);
      blk.states.copyWithin(local + n, end, oldSize);
    }
  }
  const endings = blk.endings;
  const states = blk.states;
  for (let k = 0; k < n; k++) {
    endings[local + k] = records[k]!.ending;
    states[local + k] = records[k]!.state;
  }
  // Lines after the splice moved to other groups.
  if (shift !== 0) regroup(blk, local);
  // Tokens: [0, from) stay, the records' come next, then [to, used) shifted by `delta`.
  const from = blk.tokStart[local]!;
  const to = blk.tokStart[end]!;
  const used = blk.tokStart[oldSize]!;
  const delta = newTokens - (to - from);
  if (delta !== 0) {
    if (used + delta > blk.words.length) {
      const words = new Uint32Array(roomFor(used + delta));
      words.set(blk.words.subarray(0, from));
      words.set(blk.words.subarray(to, used), from + newTokens);
      blk.words = words;
    } else {
      blk.words.copyWithin(from + newTokens, to, used);
    }
  }
  if (shift !== 0) {
    if (size + 1 > blk.tokStart.length) {
      const tokStart = new Uint32Array(roomFor(size + 1));
      tokStart.set(blk.tokStart.subarray(0, local + 1));
      tokStart.set(blk.tokStart.subarray(end + 1, oldSize + 1), local + n + 1);
      blk.tokStart = tokStart;
    } else {
      blk.tokStart.copyWithin(local + n + 1, end + 1, oldSize + 1);
    }
  }
  const tokStart = blk.tokStart;
  if (delta !== 0) {
    for (let i = local + n + 1; i <= size; i++) tokStart[i] = tokStart[i]! + delta;
  }
  const words = blk.words;
  let w = from;
  for (let k = 0; k < n; k++) {
    const r = records[k]!;
    const rw = r.words;
    // A loop for the few tokens of a line: `set` costs more below a few dozen.
    if (rw.length < 32) { for (let i = 0; i < rw.length; i++) words[w + i] = rw[i]!; }
    else words.set(rw, w);
    w += rw.length;
    tokStart[local + k + 1] = w;
  }
  // Long lines are keyed by index in the block: move those after the splice.
  let anyLong = blk.long !== undefined;
  for (let k = 0; k < n && !anyLong; k++) anyLong = records[k]!.long !== undefined;
  if (anyLong) {
    const long = new Map<number, LongLine>();
    for (const [i, l] of blk.long ?? []) {
      if (i < local) long.set(i, l);
      else if (i >= end) long.set(i + shift, l);
    }
    for (let k = 0; k < n; k++) {
      const l = records[k]!.long;
      if (l !== undefined) long.set(local + k, l);
    }
    blk.long = long.size > 0 ? long : undefined;
  }
}

/** One block made of consecutive blocks, sized with room for edits. */
function concatBlocks(parts: readonly Block[]): Block {
  let size = 0;
  let tokens = 0;
  let chars = 0;
  for (const b of parts) {
    size += b.size;
    tokens += b.tokStart[b.size]!;
    chars += b.chars;
  }
  const lines: StoredText[] = [];
  const endings = new Uint8Array(roomFor(size));
  const states = new Int32Array(roomFor(size));
  const tokStart = new Uint32Array(roomFor(size + 1));
  const words = new Uint32Array(roomFor(tokens));
  let long: Map<number, LongLine> | undefined = undefined;
  let at = 0;
  let w = 0;
  for (const b of parts) {
    const n = b.size;
    for (let i = 0; i < n; i++) lines.push(b.lines[i]!);
    endings.set(b.endings.subarray(0, n), at);
    states.set(b.states.subarray(0, n), at);
    const used = b.tokStart[n]!;
    words.set(b.words.subarray(0, used), w);
    for (let i = 1; i <= n; i++) tokStart[at + i] = b.tokStart[i]! + w;
    for (const [i, l] of b.long ?? []) (long ??= new Map()).set(at + i, l);
    at += n;
    w += used;
  }
  return new Block(lines, endings, states, tokStart, words, chars, long);
}

/** Lines `[from, to)` of a block as a block of their own, sized with room for edits. */
function sliceBlock(b: Block, from: number, to: number): Block {
  const n = to - from;
  const w0 = b.tokStart[from]!;
  const w1 = b.tokStart[to]!;
  const lines = b.lines.slice(from, to);
  const endings = new Uint8Array(roomFor(n));
  const states = new Int32Array(roomFor(n));
  const tokStart = new Uint32Array(roomFor(n + 1));
  const words = new Uint32Array(roomFor(w1 - w0));
  endings.set(b.endings.subarray(from, to));
  states.set(b.states.subarray(from, to));
  words.set(b.words.subarray(w0, w1));
  for (let i = 0; i <= n; i++) tokStart[i] = b.tokStart[from + i]! - w0;
  let chars = 0;
  for (let i = 0; i < n; i++) chars += lines[i]!.length + ENDING_LENGTH[endings[i]!]!;
  let long: Map<number, LongLine> | undefined = undefined;
  for (const [i, l] of b.long ?? []) {
    if (i >= from && i < to) (long ??= new Map()).set(i - from, l);
  }
  return new Block(lines, endings, states, tokStart, words, chars, long);
}

/** Where an offset is: its line and its column there (which may point into the line ending). */
export interface Located {
  /** The line. */
  line: number;
  /** The column, in UTF-16 code units from the line start. */
  column: number;
}

/** Where a line is: its block and its index there. */
interface Place {
  block: number;
  local: number;
}

/** The lines of a document, with their checkpoints and tokens. */
export class LineStore {
  #blocks: Block[];
  #lineCount: number;
  #index = new BlockIndex();

  /**
   * Makes a store from lexed lines, given in order by `produce`.
   *
   * @param produce Calls its argument once per line, in order (the object passed may be reused
   *   for the next line: it is copied at once).
   */
  constructor(produce: (add: (line: LineInput) => void) => void) {
    const builder = new BlockBuilder(BLOCK.TARGET);
    let n = 0;
    produce((line) => {
      builder.add(line);
      n++;
    });
    builder.flush();
    this.#blocks = builder.blocks;
    this.#lineCount = n;
    this.#reindex();
  }

  #reindex(): void {
    this.#index.rebuild(this.#blocks.map((b) => b.size), this.#blocks.map((b) => b.chars));
  }

  /** The number of lines. */
  get lineCount(): number {
    return this.#lineCount;
  }

  /** The number of blocks (for tests and memory reports). */
  get blockCount(): number {
    return this.#blocks.length;
  }

  #place(line: number): Place {
    if (line < 0 || line >= this.#lineCount) {
      throw new RangeError(`Line ${line} is out of range 0-${this.#lineCount - 1}`);
    }
    const block = this.#index.blockOfLine(line);
    return { block, local: line - this.#index.linesBefore(block) };
  }

  /**
   * Finds the line holding a UTF-16 offset: the offset is in `[start, start + length of the
   * line with its ending)`, or at the very end of the text. Reads the block's group sums, then
   * the lines of one group.
   *
   * @param offset An offset, `0 .. text length`.
   * @returns The line and the column (which may point into the line ending).
   */
  locate(offset: number): Located {
    const b = this.#index.blockOfChar(offset);
    const block = this.#blocks[b]!;
    let rest = offset - this.#index.charsBefore(b);
    const groups = block.groups;
    const lastGroup = Math.ceil(block.size / GROUP) - 1;
    let g = 0;
    while (g < lastGroup && rest >= groups[g]!) rest -= groups[g++]!;
    const last = b === this.#blocks.length - 1;
    const line = this.#index.linesBefore(b);
    for (let i = g * GROUP; i < block.size; i++) {
      const full = block.lines[i]!.length + ENDING_LENGTH[block.endings[i]!]!;
      if (rest < full || (last && i === block.size - 1)) return { line: line + i, column: rest };
      rest -= full;
    }
    throw new RangeError(`Offset ${offset} is out of range`);
  }

  /**
   * Finds the line holding an offset at or after a located one, walking forward from it within
   * its block (for the end of an edit, a few lines after its start), else as
   * {@linkcode LineStore.locate} does.
   *
   * @param from A located offset.
   * @param delta How far after it the offset is (at least 0).
   * @returns The line and the column, as {@linkcode LineStore.locate} gives them.
   */
  locateAfter(from: Located, delta: number): Located {
    const { block, local } = this.#place(from.line);
    const blk = this.#blocks[block]!;
    const last = block === this.#blocks.length - 1;
    let rest = from.column + delta;
    for (let i = local; i < blk.size; i++) {
      const full = blk.lines[i]!.length + ENDING_LENGTH[blk.endings[i]!]!;
      if (rest < full || (last && i === blk.size - 1)) {
        return { line: from.line + i - local, column: rest };
      }
      rest -= full;
    }
    return this.locate(this.lineOffset(from.line) + from.column + delta);
  }

  /**
   * The offset of a line's first character.
   *
   * @param line A line number.
   * @returns Its offset in the text.
   */
  lineOffset(line: number): number {
    const { block, local } = this.#place(line);
    const blk = this.#blocks[block]!;
    let offset = this.#index.charsBefore(block);
    const g = Math.floor(local / GROUP);
    for (let k = 0; k < g; k++) offset += blk.groups[k]!;
    for (let i = g * GROUP; i < local; i++) {
      offset += blk.lines[i]!.length + ENDING_LENGTH[blk.endings[i]!]!;
    }
    return offset;
  }

  /** A line's text without its ending (a long line's is built from its chunks, once). */
  text(line: number): string {
    const { block, local } = this.#place(line);
    return flat(this.#blocks[block]!.lines[local]!);
  }

  /** A line's length without its ending, in UTF-16 code units. */
  length(line: number): number {
    const { block, local } = this.#place(line);
    return this.#blocks[block]!.lines[local]!.length;
  }

  /** A long line's text in chunks, or `undefined` for a line kept as a string. */
  chunked(line: number): LineText | undefined {
    const { block, local } = this.#place(line);
    const text = this.#blocks[block]!.lines[local]!;
    return typeof text === "string" ? undefined : text;
  }

  /** A line's ending code. */
  ending(line: number): number {
    const { block, local } = this.#place(line);
    return this.#blocks[block]!.endings[local]!;
  }

  /** A line's start state id. */
  state(line: number): number {
    const { block, local } = this.#place(line);
    return this.#blocks[block]!.states[local]!;
  }

  /** A long line's checkpoints and token segments, or `undefined` for other lines. */
  long(line: number): LongLine | undefined {
    const { block, local } = this.#place(line);
    return this.#blocks[block]!.long?.get(local);
  }

  /** A line's packed tokens (a view, valid until the next change). */
  words(line: number): Uint32Array {
    const { block, local } = this.#place(line);
    const blk = this.#blocks[block]!;
    const long = blk.long?.get(local);
    if (long !== undefined) return joinSegments(long.segments);
    return blk.words.subarray(blk.tokStart[local]!, blk.tokStart[local + 1]!);
  }

  /**
   * Calls `visit` for lines `from, from + 1, ...` until it returns `false` or the lines end.
   *
   * @param from The first line.
   * @param visit Gets each line's text, ending and state id.
   */
  scan(from: number, visit: (text: string, ending: number, state: number) => boolean): void {
    if (from >= this.#lineCount) return;
    let { block, local } = this.#place(from);
    for (; block < this.#blocks.length; block++, local = 0) {
      const blk = this.#blocks[block]!;
      for (; local < blk.size; local++) {
        if (!visit(flat(blk.lines[local]!), blk.endings[local]!, blk.states[local]!)) return;
      }
    }
  }

  /**
   * Calls `visit` for every line in order.
   *
   * @param visit Gets each line (one object, updated between calls: copy what you keep).
   */
  forEach(visit: (line: Readonly<LineView>) => void): void {
    const view: LineView = { line: 0, text: "", ending: 0, state: 0, words: EMPTY_WORDS };
    for (const blk of this.#blocks) {
      for (let i = 0; i < blk.size; i++) {
        const long = blk.long?.get(i);
        view.text = flat(blk.lines[i]!);
        view.ending = blk.endings[i]!;
        view.state = blk.states[i]!;
        view.words = long !== undefined
          ? joinSegments(long.segments)
          : blk.words.subarray(blk.tokStart[i]!, blk.tokStart[i + 1]!);
        visit(view);
        view.line++;
      }
    }
  }

  /**
   * Rewrites every state id through a map (after the state table was compacted).
   *
   * @param map Old id to new id.
   */
  remapStates(map: Int32Array): void {
    for (const blk of this.#blocks) {
      for (let i = 0; i < blk.size; i++) blk.states[i] = map[blk.states[i]!]!;
    }
  }

  /** The state ids in use. */
  *stateIds(): Generator<number> {
    for (const blk of this.#blocks) yield* blk.states.subarray(0, blk.size);
  }

  /**
   * Replaces lines `[start, start + deleteCount)` with new ones, in O(records + the lines of
   * the blocks it touches): the touched blocks are spliced in place; only when one leaves its
   * bounds (`BLOCK`, `_tunables.ts`) are it and a neighbour rebuilt into new blocks, and only
   * when the number of blocks changes is the index rebuilt, in one pass over the blocks.
   *
   * @param start The first line replaced.
   * @param deleteCount How many lines are replaced.
   * @param records The new lines.
   */
  replace(start: number, deleteCount: number, records: readonly LineRecord[]): void {
    const blocks = this.#blocks;
    const at = start < this.#lineCount
      ? this.#place(start)
      : { block: blocks.length - 1, local: blocks[blocks.length - 1]!.size };
    const first = blocks[at.block]!;
    this.#lineCount += records.length - deleteCount;
    if (at.local + deleteCount <= first.size) {
      const chars = first.chars;
      const size = first.size;
      spliceBlock(first, at.local, deleteCount, records);
      if (this.#fits(first)) {
        this.#index.addChars(at.block, first.chars - chars);
        if (first.size !== size) this.#index.addLines(at.block, first.size - size);
      } else {
        this.#rebalance(at.block, at.block);
      }
      return;
    }
    // Across blocks: the first keeps its lines before `start` and takes the records, the block
    // holding the first line after the replaced ones loses those before it, and the blocks
    // strictly between are dropped whole.
    const end = this.#blockHolding(at.block, at.local + deleteCount);
    const tail = blocks[end.block]!;
    if (end.block === at.block + 1 && records.length === deleteCount) {
      // As many lines as before over two blocks (a re-lex that ran past a block's end): each
      // block takes its share in place, and keeps its size.
      const k = first.size - at.local;
      const c0 = first.chars;
      const c1 = tail.chars;
      spliceBlock(first, at.local, k, records.slice(0, k));
      spliceBlock(tail, 0, deleteCount - k, records.slice(k));
      this.#index.addChars(at.block, first.chars - c0);
      this.#index.addChars(end.block, tail.chars - c1);
      return;
    }
    const before = [first.size, first.chars, tail.size, tail.chars];
    if (records.length > BLOCK.MAX) {
      // A paste of blocks: its lines become blocks of their own, copied once.
      spliceBlock(first, at.local, first.size - at.local, []);
      spliceBlock(tail, 0, end.local, []);
      const builder = new BlockBuilder(BLOCK.TARGET);
      for (const r of records) {
        builder.add({ ...r, count: r.words.length, long: r.long });
      }
      builder.flush();
      const built = builder.blocks;
      blocks.splice(at.block + 1, end.block - at.block - 1, ...built);
      for (let i = at.block + built.length + 1; i >= at.block; i--) {
        if (i < blocks.length && !this.#fits(blocks[i]!)) this.#rebalance(i, i, false);
      }
      this.#reindex();
      return;
    }
    spliceBlock(first, at.local, first.size - at.local, records);
    spliceBlock(tail, 0, end.local, []);
    const dropped = end.block - at.block - 1;
    if (dropped > 0) blocks.splice(at.block + 1, dropped);
    if (dropped === 0 && this.#fits(first) && this.#fits(tail)) {
      this.#index.addLines(at.block, first.size - before[0]!);
      this.#index.addChars(at.block, first.chars - before[1]!);
      this.#index.addLines(at.block + 1, tail.size - before[2]!);
      this.#index.addChars(at.block + 1, tail.chars - before[3]!);
      return;
    }
    // Out of bounds: fix each block that left them, from the right (a fix may absorb the block
    // on its left, which is looked at next). Only these and their neighbours are copied.
    for (let i = Math.min(at.block + 1, blocks.length - 1); i >= at.block; i--) {
      if (!this.#fits(blocks[i]!)) this.#rebalance(i, i, false);
    }
    this.#reindex();
  }

  /** Whether a block is within its bounds (a lone block may be as small as it likes). */
  #fits(b: Block): boolean {
    return b.size <= BLOCK.MAX && (b.size >= BLOCK.MIN || this.#blocks.length === 1) &&
      b.size > 0;
  }

  /**
   * Brings blocks `[lo, hi]` back within bounds: with a neighbour absorbed while they are
   * small, they are joined and cut again into blocks of about `BLOCK.TARGET` lines; then the
   * index is rebuilt. Costs O(lines of these blocks + blocks).
   */
  #rebalance(lo: number, hi: number, reindex = true): void {
    const blocks = this.#blocks;
    let total = 0;
    for (let i = lo; i <= hi; i++) total += blocks[i]!.size;
    if (total < BLOCK.MIN && hi < blocks.length - 1) total += blocks[++hi]!.size;
    if (total < BLOCK.MIN && lo > 0) total += blocks[--lo]!.size;
    const run = blocks.slice(lo, hi + 1).filter((b) => b.size > 0);
    // `total` is 0 only when these blocks were emptied and have no neighbour with lines, which
    // cannot be: the store always holds a line.
    let pieces: Block[] = [];
    if (total > 0) {
      const whole = run.length === 1 ? run[0]! : concatBlocks(run);
      if (whole.size <= BLOCK.MAX) {
        pieces = [whole];
      } else {
        const count = Math.ceil(whole.size / BLOCK.TARGET);
        pieces = [];
        for (let k = 0; k < count; k++) {
          const from = Math.floor((k * whole.size) / count);
          const to = Math.floor(((k + 1) * whole.size) / count);
          pieces.push(sliceBlock(whole, from, to));
        }
      }
    }
    blocks.splice(lo, hi - lo + 1, ...pieces);
    if (reindex) this.#reindex();
  }

  /** The block and index of the line `local` lines after the start of block `block`. */
  #blockHolding(block: number, local: number): Place {
    while (local >= this.#blocks[block]!.size && block < this.#blocks.length - 1) {
      local -= this.#blocks[block]!.size;
      block++;
    }
    return { block, local };
  }

  /**
   * Bytes held, by part (an estimate: strings count two bytes a code unit plus a header).
   *
   * @returns The parts.
   */
  memory(): { text: number; tokens: number; checkpoints: number } {
    let text = 0;
    let tokens = 0;
    let checkpoints = 0;
    for (const blk of this.#blocks) {
      for (const line of blk.lines) {
        text += typeof line === "string"
          ? line.length * 2 + MEMORY.STRING_HEADER_BYTES
          : line.bytes(MEMORY.STRING_HEADER_BYTES);
      }
      // Each of a block's arrays has a header: the line texts, endings, groups, tokens, token
      // starts and states, and the index's two entries.
      text += blk.lines.length * MEMORY.POINTER_BYTES + blk.endings.byteLength +
        blk.groups.byteLength + 3 * MEMORY.ARRAY_HEADER_BYTES + 16;
      tokens += blk.words.byteLength + blk.tokStart.byteLength + 2 * MEMORY.ARRAY_HEADER_BYTES;
      checkpoints += blk.states.byteLength + MEMORY.ARRAY_HEADER_BYTES;
      for (const long of blk.long?.values() ?? []) {
        checkpoints += long.checkpoints.length * MEMORY.CHECKPOINT_BYTES;
        for (const seg of long.segments) tokens += seg.byteLength + MEMORY.ARRAY_HEADER_BYTES;
      }
    }
    return { text, tokens, checkpoints };
  }
}
