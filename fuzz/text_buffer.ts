/**
 * The fuzzer's own copy of the document: a list of string chunks, so an edit costs O(edit +
 * chunk count) instead of copying the whole text, even on the 450 KB files of the corpus.
 *
 * (A single JavaScript string would do for 200-line documents, but V8 flattens the rope each
 * concatenation builds the next time the string is searched: one full copy per edit.)
 *
 * @module
 */

/** Chunks are split above this length. */
const MAX_CHUNK = 2048;
/** Split pieces get this length. */
const SPLIT_CHUNK = 1024;
/** A chunk shorter than this is merged into its neighbour after an edit. */
const MIN_CHUNK = 256;

/**
 * A mutable text in chunks.
 *
 * @example Edit and read back
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TextBuffer } from "./text_buffer.ts";
 * const t = new TextBuffer("hello world");
 * t.replace(5, 11, ", fuzz");
 * assertEquals([t.toString(), t.length, t.slice(7, 11)], ["hello, fuzz", 11, "fuzz"]);
 * ```
 */
export class TextBuffer {
  #chunks: string[] = [];
  #length = 0;

  /**
   * Creates a buffer.
   *
   * @param text The initial text.
   */
  constructor(text: string) {
    this.#chunks = split(text);
    this.#length = text.length;
  }

  /** The text length in UTF-16 code units. */
  get length(): number {
    return this.#length;
  }

  /**
   * The whole text (O(length)).
   *
   * @returns The text.
   */
  toString(): string {
    return this.#chunks.join("");
  }

  /** The chunk holding offset `pos` (the last chunk for `pos === length`) and its start. */
  #locate(pos: number): [index: number, start: number] {
    let start = 0;
    const chunks = this.#chunks;
    for (let i = 0; i < chunks.length; i++) {
      const len = chunks[i]!.length;
      if (pos < start + len || i === chunks.length - 1) return [i, start];
      start += len;
    }
    return [0, 0];
  }

  /**
   * The text in `[from, to)`, clamped to the buffer (O(to - from + chunk count)).
   *
   * @param from Start offset.
   * @param to End offset.
   * @returns The slice.
   */
  slice(from: number, to: number): string {
    if (from < 0) from = 0;
    if (to > this.#length) to = this.#length;
    if (from >= to) return "";
    let [i, start] = this.#locate(from);
    let out = "";
    const chunks = this.#chunks;
    while (i < chunks.length && start < to) {
      const c = chunks[i]!;
      out += c.slice(Math.max(from - start, 0), Math.min(to - start, c.length));
      start += c.length;
      i++;
    }
    return out;
  }

  /**
   * Replaces `[from, to)` with `insert`.
   *
   * @param from Start offset, `0 <= from <= to`.
   * @param to End offset, `to <= length`.
   * @param insert The new text.
   * @throws {RangeError} When the range is out of bounds.
   */
  replace(from: number, to: number, insert: string): void {
    if (!(0 <= from && from <= to && to <= this.#length)) {
      throw new RangeError(`Cannot edit text: ${from}-${to} is out of range 0-${this.#length}`);
    }
    const chunks = this.#chunks;
    if (chunks.length === 0) {
      this.#chunks = split(insert);
      this.#length = insert.length;
      return;
    }
    const [i, si] = this.#locate(from);
    let [j, sj] = this.#locate(to);
    if (j < i) [j, sj] = [i, si];
    let merged = chunks[i]!.slice(0, from - si) + insert + chunks[j]!.slice(to - sj);
    let lo = i, hi = j + 1;
    // Keep chunks from getting tiny: absorb a neighbour.
    if (merged.length < MIN_CHUNK) {
      if (hi < chunks.length) merged += chunks[hi++]!;
      else if (lo > 0) merged = chunks[--lo]! + merged;
    }
    const pieces = merged.length === 0 && chunks.length > hi - lo ? [] : split(merged);
    chunks.splice(lo, hi - lo, ...pieces);
    if (chunks.length === 0) chunks.push("");
    this.#length += insert.length - (to - from);
  }
}

function split(text: string): string[] {
  if (text.length <= MAX_CHUNK) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += SPLIT_CHUNK) out.push(text.slice(i, i + SPLIT_CHUNK));
  return out;
}
