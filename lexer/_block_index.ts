/**
 * Prefix sums over the blocks of the line store (lines and characters per block), as two
 * Fenwick trees: finding the block that holds a line or an offset, and updating one block's
 * size, both take O(log blocks).
 *
 * @module
 */

/** Fenwick trees over per-block line and character counts. */
export class BlockIndex {
  #lines: Float64Array = new Float64Array(1);
  #chars: Float64Array = new Float64Array(1);
  #size = 0;
  #top = 1;

  /**
   * Rebuilds the index for new block sizes, in linear time.
   *
   * @param lines Lines per block.
   * @param chars Characters (with line endings) per block.
   */
  rebuild(lines: ArrayLike<number>, chars: ArrayLike<number>): void {
    const n = lines.length;
    this.#size = n;
    this.#lines = new Float64Array(n + 1);
    this.#chars = new Float64Array(n + 1);
    for (let i = 1; i <= n; i++) {
      this.#lines[i] = this.#lines[i]! + lines[i - 1]!;
      this.#chars[i] = this.#chars[i]! + chars[i - 1]!;
      const j = i + (i & -i);
      if (j <= n) {
        this.#lines[j] = this.#lines[j]! + this.#lines[i]!;
        this.#chars[j] = this.#chars[j]! + this.#chars[i]!;
      }
    }
    this.#top = 1;
    while (this.#top * 2 <= n) this.#top *= 2;
  }

  /**
   * Adds to one block's character count.
   *
   * @param block The block's index.
   * @param delta The change.
   */
  addChars(block: number, delta: number): void {
    for (let i = block + 1; i <= this.#size; i += i & -i) this.#chars[i] = this.#chars[i]! + delta;
  }

  /**
   * Adds to one block's line count.
   *
   * @param block The block's index.
   * @param delta The change.
   */
  addLines(block: number, delta: number): void {
    for (let i = block + 1; i <= this.#size; i += i & -i) this.#lines[i] = this.#lines[i]! + delta;
  }

  /**
   * The lines before a block.
   *
   * @param block The block's index.
   * @returns The sum of the line counts of the blocks before it.
   */
  linesBefore(block: number): number {
    let s = 0;
    for (let i = block; i > 0; i -= i & -i) s += this.#lines[i]!;
    return s;
  }

  /**
   * The characters before a block.
   *
   * @param block The block's index.
   * @returns The sum of the character counts of the blocks before it.
   */
  charsBefore(block: number): number {
    let s = 0;
    for (let i = block; i > 0; i -= i & -i) s += this.#chars[i]!;
    return s;
  }

  /**
   * The block whose lines hold line `line`: the last block whose start is at most `line`.
   *
   * @param line A line number.
   * @returns The block's index (the last block when `line` is past the end).
   */
  blockOfLine(line: number): number {
    return this.#search(this.#lines, line);
  }

  /**
   * The block whose characters hold offset `offset`.
   *
   * @param offset A character offset.
   * @returns The block's index (the last block when `offset` is at or past the end).
   */
  blockOfChar(offset: number): number {
    return this.#search(this.#chars, offset);
  }

  /** The lines before the block {@linkcode BlockIndex.findChar} found last. */
  foundLines = 0;
  /** The characters before the block {@linkcode BlockIndex.findChar} found last. */
  foundChars = 0;

  /**
   * The block whose characters hold offset `offset`, as {@linkcode BlockIndex.blockOfChar},
   * with the lines and characters before it left in `foundLines` and `foundChars`: one descent
   * of the trees instead of three.
   *
   * @param offset A character offset.
   * @returns The block's index (the last block when `offset` is at or past the end).
   */
  findChar(offset: number): number {
    const chars = this.#chars;
    const lines = this.#lines;
    let pos = 0;
    let rest = offset;
    let before = 0;
    for (let step = this.#top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.#size && chars[next]! <= rest) {
        pos = next;
        rest -= chars[next]!;
        before += lines[next]!;
      }
    }
    if (pos >= this.#size) {
      // At or past the end: the last block.
      pos = this.#size - 1;
      this.foundLines = this.linesBefore(pos);
      this.foundChars = this.charsBefore(pos);
    } else {
      this.foundLines = before;
      this.foundChars = offset - rest;
    }
    return pos;
  }

  /** The index of the block where the prefix sum first exceeds `target`. */
  #search(tree: Float64Array, target: number): number {
    let pos = 0;
    let rest = target;
    for (let step = this.#top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.#size && tree[next]! <= rest) {
        pos = next;
        rest -= tree[next]!;
      }
    }
    // `pos` blocks have prefix sums at most `target`: the answer is block `pos`.
    return Math.min(pos, this.#size - 1);
  }
}
