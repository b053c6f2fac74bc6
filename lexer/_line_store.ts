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

/**
 * One lexed line on its way into the store: its tokens are `words[from .. from + count)` of a
 * buffer that may be a scratch one (the store copies them), so making a record allocates no view.
 */
export interface LineRecord {
  /** The line's text without its ending. */
  text: StoredText;
  /** Its ending's code (see `lines.ts`). */
  ending: number;
  /** Its start state's id, below {@linkcode MAX_STATE_ID}. */
  state: number;
  /** A buffer holding its packed tokens. */
  words: Uint32Array;
  /** Where its tokens start in `words`. */
  from: number;
  /** How many tokens it has. */
  count: number;
  /** For a long line: its checkpoints and its tokens in segments (then `count` is 0). */
  long?: LongLine | undefined;
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

/*
 * A block keeps two `uint32` words a line in one array, `meta` (one typed array instead of
 * three: each costs about 200 bytes of heap, a few hundred blocks a document):
 *
 *   meta[2i]      bits 31-30: line i's ending code   bits 29-0: its start state id
 *   meta[2i + 1]  the end of line i's tokens in `words`
 *
 * Line i's tokens are `words[i === 0 ? base : meta[2i - 1] .. meta[2i + 1])`: a block's tokens
 * start at `base`, so that an edit can move the shorter side of the block, before or after it.
 */
const STATE_BITS = 30;
const STATE_MASK = (1 << STATE_BITS) - 1;

/**
 * The largest state id a block can hold: 2^30 - 1 (a table that large would hold hundreds of
 * gigabytes of states).
 */
export const MAX_STATE_ID: number = STATE_MASK;

/**
 * A line's ending and start state in one word (`meta[2i]` of a block).
 *
 * @param state The state id, `0 .. MAX_STATE_ID`.
 * @param ending The ending code, `0 .. 3`.
 * @returns The word.
 * @throws {RangeError} When the state id does not fit.
 */
export function packCheckpoint(state: number, ending: number): number {
  if (state > STATE_MASK || state < 0) {
    throw new RangeError(`Cannot store state id ${state}: the store holds ids 0-${STATE_MASK}`);
  }
  return ((ending << STATE_BITS) | state) >>> 0;
}

/** The state id of a word made by {@linkcode packCheckpoint}. */
export function checkpointState(word: number): number {
  return word & STATE_MASK;
}

/** The ending code of a word made by {@linkcode packCheckpoint}. */
export function checkpointEnding(word: number): number {
  return word >>> STATE_BITS;
}

const EMPTY_WORDS = new Uint32Array(0);
const EMPTY_GROUPS = new Float64Array(0);
const GROUP = BLOCK.GROUP;

/** Where line `i`'s tokens start in its block's `words`. */
function tokStart(blk: Block, i: number): number {
  return i === 0 ? blk.base : blk.meta[2 * i - 1]!;
}

/** Line `i`'s characters, its ending included. */
function fullLength(blk: Block, i: number): number {
  return blk.lines[i]!.length + ENDING_LENGTH[blk.meta[2 * i]! >>> STATE_BITS]!;
}

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
  const groups = blk.groups;
  for (let g = g0; g < need; g++) {
    const end = Math.min(size, (g + 1) * GROUP);
    let sum = 0;
    for (let i = g * GROUP; i < end; i++) sum += fullLength(blk, i);
    groups[g] = sum;
  }
}

/**
 * A run of consecutive lines. Its typed arrays may be longer than the block needs (room left for
 * edits): only the first `2 * size` entries of `meta` and `words[base .. meta[2 * size - 1])`
 * mean anything.
 */
class Block {
  constructor(
    readonly lines: StoredText[],
    /** Two words a line: its ending and state, and where its tokens end (see above). */
    public meta: Uint32Array,
    public words: Uint32Array,
    /** Where the block's first token is in `words` (room before it lets the head move). */
    public base: number,
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

  /** The end of the block's tokens in `words`. */
  get tokenEnd(): number {
    return tokStart(this, this.lines.length);
  }
}

/** Room for `n` entries and a quarter more, so that the next edits of a block rarely allocate. */
function roomFor(n: number): number {
  return n + (n >> 2) + 16;
}

/** Copies a record's tokens to `words[at ..]`. */
function copyTokens(r: LineRecord, words: Uint32Array, at: number): void {
  const { words: src, from, count } = r;
  // A loop for the few tokens of a line: `set` of a view costs more below a few dozen.
  if (count < 32) { for (let i = 0; i < count; i++) words[at + i] = src[from + i]!; }
  else words.set(src.subarray(from, from + count), at);
}

/** Collects lines into new blocks (the constructor's path: arrays sized with a little room). */
class BlockBuilder {
  readonly blocks: Block[] = [];
  #lines: StoredText[] = [];
  #meta = new Uint32Array(2 * BLOCK.TARGET);
  #words = new Uint32Array(1024);
  #count = 0;
  #chars = 0;
  #long: Map<number, LongLine> | undefined = undefined;

  constructor(readonly perBlock: number) {}

  /** Adds a line, copying its tokens. */
  add(line: LineRecord): void {
    const count = line.count;
    if (this.#count + count > this.#words.length) {
      const bigger = new Uint32Array(Math.max(this.#words.length * 2, this.#count + count));
      bigger.set(this.#words.subarray(0, this.#count));
      this.#words = bigger;
    }
    copyTokens(line, this.#words, this.#count);
    this.#count += count;
    const i = this.#lines.length;
    if (2 * i + 2 > this.#meta.length) {
      const bigger = new Uint32Array(this.#meta.length * 2);
      bigger.set(this.#meta);
      this.#meta = bigger;
    }
    this.#meta[2 * i] = packCheckpoint(line.state, line.ending);
    this.#meta[2 * i + 1] = this.#count;
    if (line.long !== undefined) (this.#long ??= new Map()).set(i, line.long);
    this.#lines.push(line.text);
    this.#chars += line.text.length + ENDING_LENGTH[line.ending]!;
    if (this.#lines.length >= this.perBlock) this.flush();
  }

  flush(): void {
    const n = this.#lines.length;
    if (n === 0) return;
    // A little room in every block (outside the JavaScript heap): the first edits of a block
    // then allocate nothing.
    const front = BLOCK.SPARE_FRONT_TOKENS;
    const meta = new Uint32Array(2 * (n + BLOCK.SPARE_LINES));
    const words = new Uint32Array(front + this.#count + BLOCK.SPARE_TOKENS);
    for (let i = 0; i < n; i++) {
      meta[2 * i] = this.#meta[2 * i]!;
      meta[2 * i + 1] = this.#meta[2 * i + 1]! + front;
    }
    words.set(this.#words.subarray(0, this.#count), front);
    this.blocks.push(new Block(this.#lines, meta, words, front, this.#chars, this.#long));
    this.#long = undefined;
    this.#lines = [];
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
  for (let k = 0; k < n; k++) newTokens += records[k]!.count;
  if (shift === 0) {
    // Same lines, new texts: the groups change by each line's difference.
    const groups = blk.groups;
    for (let k = 0; k < n; k++) {
      const r = records[k]!;
      const i = local + k;
      const d = r.text.length + ENDING_LENGTH[r.ending]! - fullLength(blk, i);
      chars += d;
      const g = Math.floor(i / GROUP);
      groups[g] = groups[g]! + d;
      blk.lines[i] = r.text;
    }
  } else {
    for (let i = local; i < end; i++) chars -= fullLength(blk, i);
    for (let k = 0; k < n; k++) {
      chars += records[k]!.text.length + ENDING_LENGTH[records[k]!.ending]!;
    }
    if (n === 0) blk.lines.splice(local, deleteCount);
    else if (n === 1) blk.lines.splice(local, deleteCount, records[0]!.text);
    else blk.lines.splice(local, deleteCount, ...records.map((r) => r.text));
  }
  blk.chars = chars;
  // Tokens: [base, from) are the lines before, [from, to) the replaced ones, [to, last) the lines
  // after; the records' `newTokens` take the place of [from, to).
  const old = blk.meta;
  const from = tokStart(blk, local);
  const to = tokStart(blk, end);
  const last = tokStart(blk, oldSize);
  const delta = newTokens - (to - from);
  if (shift !== 0) {
    if (2 * size > old.length) {
      const meta = new Uint32Array(2 * roomFor(size));
      meta.set(old.subarray(0, 2 * local));
      meta.set(old.subarray(2 * end, 2 * oldSize), 2 * (local + n));
      blk.meta = meta;
    } else {
      old.copyWithin(2 * (local + n), 2 * end, 2 * oldSize);
    }
  }
  const meta = blk.meta;
  // Where the records' tokens go: the side of the block that moves is the shorter one that has
  // room, so an edit moves a quarter of a block's tokens on average instead of half.
  let w = from;
  const base = blk.base;
  if (delta === 0) {
    // Nothing moves.
  } else if (from - base <= last - to && delta <= base) {
    blk.words.copyWithin(base - delta, base, from);
    blk.base = base - delta;
    for (let i = 1; i < 2 * local; i += 2) meta[i] = meta[i]! - delta;
    w = from - delta;
  } else if (last + delta <= blk.words.length) {
    for (let i = 2 * (local + n) + 1; i < 2 * size; i += 2) meta[i] = meta[i]! + delta;
    blk.words.copyWithin(from + newTokens, to, last);
  } else {
    const count = last - base + delta;
    const front = (count >> 3) + BLOCK.SPARE_FRONT_TOKENS;
    const words = new Uint32Array(front + roomFor(count));
    const move = front - base;
    words.set(blk.words.subarray(base, from), front);
    words.set(blk.words.subarray(to, last), from + move + newTokens);
    for (let i = 1; i < 2 * local; i += 2) meta[i] = meta[i]! + move;
    for (let i = 2 * (local + n) + 1; i < 2 * size; i += 2) meta[i] = meta[i]! + move + delta;
    blk.words = words;
    blk.base = front;
    w = from + move;
  }
  const words = blk.words;
  for (let k = 0; k < n; k++) {
    const r = records[k]!;
    copyTokens(r, words, w);
    w += r.count;
    meta[2 * (local + k)] = packCheckpoint(r.state, r.ending);
    meta[2 * (local + k) + 1] = w;
  }
  // Lines after the splice moved to other groups.
  if (shift !== 0) regroup(blk, local);
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
    tokens += b.tokenEnd - b.base;
    chars += b.chars;
  }
  const lines: StoredText[] = [];
  const meta = new Uint32Array(2 * roomFor(size));
  const front = (tokens >> 3) + BLOCK.SPARE_FRONT_TOKENS;
  const words = new Uint32Array(front + roomFor(tokens));
  let long: Map<number, LongLine> | undefined = undefined;
  let at = 0;
  let w = front;
  for (const b of parts) {
    const n = b.size;
    for (let i = 0; i < n; i++) lines.push(b.lines[i]!);
    const end = b.tokenEnd;
    words.set(b.words.subarray(b.base, end), w);
    const move = w - b.base;
    for (let i = 0; i < n; i++) {
      meta[2 * (at + i)] = b.meta[2 * i]!;
      meta[2 * (at + i) + 1] = b.meta[2 * i + 1]! + move;
    }
    for (const [i, l] of b.long ?? []) (long ??= new Map()).set(at + i, l);
    at += n;
    w += end - b.base;
  }
  return new Block(lines, meta, words, front, chars, long);
}

/** Lines `[from, to)` of a block as a block of their own, sized with room for edits. */
function sliceBlock(b: Block, from: number, to: number): Block {
  const n = to - from;
  const w0 = tokStart(b, from);
  const w1 = tokStart(b, to);
  const lines = b.lines.slice(from, to);
  const meta = new Uint32Array(2 * roomFor(n));
  const front = ((w1 - w0) >> 3) + BLOCK.SPARE_FRONT_TOKENS;
  const words = new Uint32Array(front + roomFor(w1 - w0));
  words.set(b.words.subarray(w0, w1), front);
  let chars = 0;
  for (let i = 0; i < n; i++) {
    meta[2 * i] = b.meta[2 * (from + i)]!;
    meta[2 * i + 1] = b.meta[2 * (from + i) + 1]! - w0 + front;
    chars += lines[i]!.length + ENDING_LENGTH[meta[2 * i]! >>> STATE_BITS]!;
  }
  let long: Map<number, LongLine> | undefined = undefined;
  for (const [i, l] of b.long ?? []) {
    if (i >= from && i < to) (long ??= new Map()).set(i - from, l);
  }
  return new Block(lines, meta, words, front, chars, long);
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
  /** The block {@linkcode LineStore.#place} found last, and its first line: an edit asks for
   * the same lines several times. Reset by every change of the blocks. */
  #cachedBlock = -1;
  #cachedStart = 0;

  /**
   * Makes a store from lexed lines, given in order by `produce`.
   *
   * @param produce Calls its argument once per line, in order (the object passed may be reused
   *   for the next line: it is copied at once).
   */
  constructor(produce: (add: (line: LineRecord) => void) => void) {
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
    const cached = this.#cachedBlock;
    if (cached >= 0) {
      const local = line - this.#cachedStart;
      if (local >= 0 && local < this.#blocks[cached]!.size) return { block: cached, local };
    }
    if (line < 0 || line >= this.#lineCount) {
      throw new RangeError(`Line ${line} is out of range 0-${this.#lineCount - 1}`);
    }
    const block = this.#index.blockOfLine(line);
    const start = this.#index.linesBefore(block);
    this.#cachedBlock = block;
    this.#cachedStart = start;
    return { block, local: line - start };
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
    const index = this.#index;
    const b = index.findChar(offset);
    const block = this.#blocks[b]!;
    let rest = offset - index.foundChars;
    const line = index.foundLines;
    this.#cachedBlock = b;
    this.#cachedStart = line;
    const groups = block.groups;
    const lastGroup = Math.ceil(block.size / GROUP) - 1;
    let g = 0;
    while (g < lastGroup && rest >= groups[g]!) rest -= groups[g++]!;
    const last = b === this.#blocks.length - 1;
    for (let i = g * GROUP; i < block.size; i++) {
      const full = fullLength(block, i);
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
      const full = fullLength(blk, i);
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
    for (let i = g * GROUP; i < local; i++) offset += fullLength(blk, i);
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
    return this.#blocks[block]!.meta[2 * local]! >>> STATE_BITS;
  }

  /** A line's start state id. */
  state(line: number): number {
    const { block, local } = this.#place(line);
    return this.#blocks[block]!.meta[2 * local]! & STATE_MASK;
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
    return blk.words.subarray(tokStart(blk, local), blk.meta[2 * local + 1]!);
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
        const word = blk.meta[2 * local]!;
        if (!visit(flat(blk.lines[local]!), word >>> STATE_BITS, word & STATE_MASK)) return;
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
        const word = blk.meta[2 * i]!;
        view.ending = word >>> STATE_BITS;
        view.state = word & STATE_MASK;
        view.words = long !== undefined
          ? joinSegments(long.segments)
          : blk.words.subarray(tokStart(blk, i), blk.meta[2 * i + 1]!);
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
      const meta = blk.meta;
      for (let i = 0; i < 2 * blk.size; i += 2) {
        const word = meta[i]!;
        meta[i] = packCheckpoint(map[word & STATE_MASK]!, word >>> STATE_BITS);
      }
    }
  }

  /** The state ids in use. */
  *stateIds(): Generator<number> {
    for (const blk of this.#blocks) {
      for (let i = 0; i < blk.size; i++) yield blk.meta[2 * i]! & STATE_MASK;
    }
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
    // The place just cached may not survive what follows: a rebalance joins, cuts and renumbers
    // blocks (a small last block joins its neighbour on any edit in it), so the next #place()
    // would read a block that is gone, or one that now starts at another line.
    this.#cachedBlock = -1;
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
      for (const r of records) builder.add(r);
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
      // Each of a block's arrays has a header: the line texts, groups, tokens and `meta` (half
      // of it token ends, half endings and states), and the index's two entries.
      text += blk.lines.length * MEMORY.POINTER_BYTES + blk.groups.byteLength +
        2 * MEMORY.ARRAY_HEADER_BYTES + 16;
      tokens += blk.words.byteLength + blk.meta.byteLength / 2 + 2 * MEMORY.ARRAY_HEADER_BYTES;
      checkpoints += blk.meta.byteLength / 2;
      for (const long of blk.long?.values() ?? []) {
        checkpoints += long.checkpoints.length * MEMORY.CHECKPOINT_BYTES;
        for (const seg of long.segments) tokens += seg.byteLength + MEMORY.ARRAY_HEADER_BYTES;
      }
    }
    return { text, tokens, checkpoints };
  }
}
