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
import { ENDING_LENGTH } from "./lines.ts";
import { BLOCK, MEMORY } from "./_tunables.ts";

/** One lexed line, on its way into the store. */
export interface LineRecord {
  /** The line's text without its ending. */
  text: string;
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
  text: string;
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

/** A run of consecutive lines. */
class Block {
  constructor(
    readonly lines: string[],
    public endings: Uint8Array,
    public states: Int32Array,
    /** `tokStart[i]` is the index in `words` of line i's first token; one entry more than lines. */
    public tokStart: Uint32Array,
    public words: Uint32Array,
    public chars: number,
    /** The block's long lines (checkpoints and token segments), by index in the block. */
    public long: Map<number, LongLine> | undefined,
  ) {}

  get size(): number {
    return this.lines.length;
  }
}

/** Collects lines into new blocks. */
class BlockBuilder {
  readonly blocks: Block[] = [];
  #lines: string[] = [];
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
    this.#reserve(count);
    const dst = this.#words;
    // A loop, not `set(subarray)`: lines have few tokens, and a view per line costs more.
    for (let i = 0; i < count; i++) dst[this.#count + i] = words[i]!;
    this.#count += count;
    this.#push(line.text, line.ending, line.state, line.long);
  }

  /** Records a line whose tokens were just appended. */
  #push(text: string, ending: number, state: number, long: LongLine | undefined): void {
    if (long !== undefined) (this.#long ??= new Map()).set(this.#lines.length, long);
    this.#lines.push(text);
    this.#endings.push(ending);
    this.#states.push(state);
    this.#tokStart.push(this.#count);
    this.#chars += text.length + ENDING_LENGTH[ending]!;
    if (this.#lines.length >= this.perBlock) this.flush();
  }

  /** Adds lines `[from, to)` of a block, copying their tokens in runs rather than line by line. */
  addFrom(block: Block, from: number, to: number): void {
    while (from < to) {
      const n = Math.min(to - from, this.perBlock - this.#lines.length);
      const w0 = block.tokStart[from]!;
      const w1 = block.tokStart[from + n]!;
      this.#reserve(w1 - w0);
      this.#words.set(block.words.subarray(w0, w1), this.#count);
      const shift = this.#count - w0;
      for (let i = from; i < from + n; i++) {
        const long = block.long?.get(i);
        if (long !== undefined) (this.#long ??= new Map()).set(this.#lines.length, long);
        const text = block.lines[i]!;
        const ending = block.endings[i]!;
        this.#lines.push(text);
        this.#endings.push(ending);
        this.#states.push(block.states[i]!);
        this.#tokStart.push(block.tokStart[i + 1]! + shift);
        this.#chars += text.length + ENDING_LENGTH[ending]!;
      }
      this.#count += w1 - w0;
      from += n;
      if (this.#lines.length >= this.perBlock) this.flush();
    }
  }

  #reserve(n: number): void {
    if (this.#count + n > this.#words.length) {
      const bigger = new Uint32Array(Math.max(this.#words.length * 2, this.#count + n));
      bigger.set(this.#words.subarray(0, this.#count));
      this.#words = bigger;
    }
  }

  flush(): void {
    if (this.#lines.length === 0) return;
    this.blocks.push(
      new Block(
        this.#lines,
        Uint8Array.from(this.#endings),
        Int32Array.from(this.#states),
        Uint32Array.from(this.#tokStart),
        this.#words.slice(0, this.#count),
        this.#chars,
        this.#long,
      ),
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
   * line with its ending)`, or at the very end of the text.
   *
   * @param offset An offset, `0 .. text length`.
   * @returns The line and the column (which may point into the line ending).
   */
  locate(offset: number): { line: number; column: number } {
    const b = this.#index.blockOfChar(offset);
    const block = this.#blocks[b]!;
    let rest = offset - this.#index.charsBefore(b);
    const line = this.#index.linesBefore(b);
    const last = b === this.#blocks.length - 1;
    for (let i = 0; i < block.size; i++) {
      const full = block.lines[i]!.length + ENDING_LENGTH[block.endings[i]!]!;
      if (rest < full || (last && i === block.size - 1)) return { line: line + i, column: rest };
      rest -= full;
    }
    throw new RangeError(`Offset ${offset} is out of range`);
  }

  /**
   * The offset of a line's first character.
   *
   * @param line A line number.
   * @returns Its offset in the text.
   */
  lineOffset(line: number): number {
    const { block, local } = this.#place(line);
    let offset = this.#index.charsBefore(block);
    const blk = this.#blocks[block]!;
    for (let i = 0; i < local; i++) {
      offset += blk.lines[i]!.length + ENDING_LENGTH[blk.endings[i]!]!;
    }
    return offset;
  }

  /** A line's text without its ending. */
  text(line: number): string {
    const { block, local } = this.#place(line);
    return this.#blocks[block]!.lines[local]!;
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
        if (!visit(blk.lines[local]!, blk.endings[local]!, blk.states[local]!)) return;
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
        view.text = blk.lines[i]!;
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
    for (const blk of this.#blocks) yield* blk.states;
  }

  /**
   * Replaces lines `[start, start + deleteCount)` with new ones.
   *
   * @param start The first line replaced.
   * @param deleteCount How many lines are replaced.
   * @param records The new lines.
   */
  replace(start: number, deleteCount: number, records: readonly LineRecord[]): void {
    const at = start < this.#lineCount
      ? this.#place(start)
      : { block: this.#blocks.length - 1, local: this.#blocks[this.#blocks.length - 1]!.size };
    const first = this.#blocks[at.block]!;
    if (deleteCount === records.length && at.local + deleteCount <= first.size) {
      const chars = first.chars;
      this.#replaceInPlace(first, at.local, records);
      this.#index.addChars(at.block, first.chars - chars);
      return;
    }
    const newSize = first.size - deleteCount + records.length;
    if (
      at.local + deleteCount <= first.size && newSize <= BLOCK.MAX &&
      (newSize >= BLOCK.MIN || this.#blocks.length === 1)
    ) {
      // Lines inserted or removed inside one block that stays in bounds: splice it in place
      // rather than rebuild it (a line insert then costs a few microseconds, not a block copy).
      const chars = first.chars;
      this.#spliceInPlace(first, at.local, deleteCount, records);
      this.#index.addChars(at.block, first.chars - chars);
      this.#index.addLines(at.block, records.length - deleteCount);
      this.#lineCount += records.length - deleteCount;
      return;
    }
    // The first line after the replaced ones; blocks strictly between are dropped whole.
    const end = this.#blockHolding(at.block, at.local + deleteCount);
    let firstBlock = at.block;
    let lastBlock = end.block;
    let total = at.local + records.length + (this.#blocks[end.block]!.size - end.local);
    // Absorb a neighbour while the result would be small, so blocks do not fragment.
    if (total < BLOCK.MIN && lastBlock < this.#blocks.length - 1) {
      lastBlock++;
      total += this.#blocks[lastBlock]!.size;
    }
    if (total < BLOCK.MIN && firstBlock > 0) {
      firstBlock--;
      total += this.#blocks[firstBlock]!.size;
    }
    const builder = new BlockBuilder(total <= BLOCK.MAX ? Math.max(total, 1) : BLOCK.TARGET);
    if (firstBlock < at.block) {
      builder.addFrom(this.#blocks[firstBlock]!, 0, this.#blocks[firstBlock]!.size);
    }
    builder.addFrom(first, 0, at.local);
    for (const r of records) {
      builder.add({ ...r, count: r.words.length, long: r.long });
    }
    const tail = this.#blocks[end.block]!;
    builder.addFrom(tail, end.local, tail.size);
    if (lastBlock > end.block) {
      builder.addFrom(this.#blocks[lastBlock]!, 0, this.#blocks[lastBlock]!.size);
    }
    builder.flush();
    this.#blocks.splice(firstBlock, lastBlock - firstBlock + 1, ...builder.blocks);
    this.#lineCount += records.length - deleteCount;
    this.#reindex();
  }

  /** The block and index of the line `local` lines after the start of block `block`. */
  #blockHolding(block: number, local: number): Place {
    while (local >= this.#blocks[block]!.size && block < this.#blocks.length - 1) {
      local -= this.#blocks[block]!.size;
      block++;
    }
    return { block, local };
  }

  #spliceInPlace(
    blk: Block,
    local: number,
    deleteCount: number,
    records: readonly LineRecord[],
  ): void {
    const oldSize = blk.size;
    const end = local + deleteCount;
    const shift = records.length - deleteCount;
    for (let i = local; i < end; i++) {
      blk.chars -= blk.lines[i]!.length + ENDING_LENGTH[blk.endings[i]!]!;
    }
    let newTokens = 0;
    for (const r of records) {
      blk.chars += r.text.length + ENDING_LENGTH[r.ending]!;
      newTokens += r.words.length;
    }
    blk.lines.splice(local, deleteCount, ...records.map((r) => r.text));
    const size = oldSize + shift;
    const endings = new Uint8Array(size);
    const states = new Int32Array(size);
    endings.set(blk.endings.subarray(0, local));
    states.set(blk.states.subarray(0, local));
    endings.set(blk.endings.subarray(end), local + records.length);
    states.set(blk.states.subarray(end), local + records.length);
    for (let k = 0; k < records.length; k++) {
      endings[local + k] = records[k]!.ending;
      states[local + k] = records[k]!.state;
    }
    // Tokens: [0, from) stay, the records' come next, then [to, used) shifted.
    const from = blk.tokStart[local]!;
    const to = blk.tokStart[end]!;
    const used = blk.tokStart[oldSize]!;
    const delta = newTokens - (to - from);
    let words = blk.words;
    if (used + delta > words.length) {
      words = new Uint32Array(used + delta + ((used + delta) >> 2) + 16);
      words.set(blk.words.subarray(0, from));
    }
    words.copyWithin(from + newTokens, to, used);
    if (words !== blk.words) words.set(blk.words.subarray(to, used), from + newTokens);
    const tokStart = new Uint32Array(size + 1);
    tokStart.set(blk.tokStart.subarray(0, local + 1));
    let w = from;
    for (let k = 0; k < records.length; k++) {
      const r = records[k]!;
      words.set(r.words, w);
      w += r.words.length;
      tokStart[local + k + 1] = w;
    }
    for (let i = end + 1; i <= oldSize; i++) tokStart[i + shift] = blk.tokStart[i]! + delta;
    // Long lines are keyed by index in the block: move those after the splice.
    if (blk.long !== undefined || records.some((r) => r.long !== undefined)) {
      const long = new Map<number, LongLine>();
      for (const [i, l] of blk.long ?? []) {
        if (i < local) long.set(i, l);
        else if (i >= end) long.set(i + shift, l);
      }
      records.forEach((r, k) => {
        if (r.long !== undefined) long.set(local + k, r.long);
      });
      blk.long = long.size > 0 ? long : undefined;
    }
    blk.endings = endings;
    blk.states = states;
    blk.tokStart = tokStart;
    blk.words = words;
  }

  #replaceInPlace(blk: Block, local: number, records: readonly LineRecord[]): void {
    let oldTokens = 0;
    let newTokens = 0;
    for (let k = 0; k < records.length; k++) {
      const r = records[k]!;
      const i = local + k;
      blk.chars += r.text.length + ENDING_LENGTH[r.ending]! - blk.lines[i]!.length -
        ENDING_LENGTH[blk.endings[i]!]!;
      blk.lines[i] = r.text;
      blk.endings[i] = r.ending;
      blk.states[i] = r.state;
      if (r.long !== undefined) (blk.long ??= new Map()).set(i, r.long);
      else blk.long?.delete(i);
      newTokens += r.words.length;
    }
    const from = blk.tokStart[local]!;
    const to = blk.tokStart[local + records.length]!;
    oldTokens = to - from;
    const delta = newTokens - oldTokens;
    let words = blk.words;
    if (delta !== 0) {
      // `words` may have spare room past the block's last token: typing rarely reallocates.
      const used = blk.tokStart[blk.size]!;
      if (used + delta > words.length) {
        words = new Uint32Array(used + delta + ((used + delta) >> 2) + 16);
        words.set(blk.words.subarray(0, from));
      }
      words.set(blk.words.subarray(to, used), from + newTokens);
      for (let i = local + records.length; i <= blk.size; i++) {
        blk.tokStart[i] = blk.tokStart[i]! + delta;
      }
      blk.words = words;
    }
    let w = from;
    for (let k = 0; k < records.length; k++) {
      const r = records[k]!;
      words.set(r.words, w);
      w += r.words.length;
      blk.tokStart[local + k + 1] = w;
    }
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
      for (const line of blk.lines) text += line.length * 2 + MEMORY.STRING_HEADER_BYTES;
      text += blk.lines.length * MEMORY.POINTER_BYTES + blk.endings.byteLength;
      tokens += blk.words.byteLength + blk.tokStart.byteLength; // spare room included
      checkpoints += blk.states.byteLength;
      for (const long of blk.long?.values() ?? []) {
        checkpoints += long.checkpoints.length * MEMORY.CHECKPOINT_BYTES;
        for (const seg of long.segments) tokens += seg.byteLength + MEMORY.ARRAY_HEADER_BYTES;
      }
    }
    return { text, tokens, checkpoints };
  }
}
