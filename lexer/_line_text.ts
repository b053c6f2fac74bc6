/**
 * The text of a long line in chunks: an edit inside the line replaces one chunk (or a few) and
 * shares the others, so it costs O(chunk + number of chunks) instead of copying the whole line,
 * which for a line of 10 MB is several milliseconds. The scanner reads a window of it
 * ({@linkcode LineText.slice}); the whole string is built only when someone asks for it
 * ({@linkcode LineText.toString}), once.
 *
 * @module
 */

/** A line's text in chunks of about `size` code units. Immutable: edits return a new one. */
export class LineText {
  /** The chunks; never empty unless the text is. `undefined` until first needed (see `#cut`). */
  #chunks: string[] | undefined;
  /** `starts[i]` is where chunk `i` starts; one entry more than chunks. */
  #starts: Float64Array | undefined;
  /** The whole text, once built. */
  #flat: string | undefined;
  /** The text's length in UTF-16 code units. */
  readonly length: number;
  /**
   * The chunk size it was cut with: an edit leaves the chunks it rebuilds at most twice this,
   * and at least a quarter of it unless they are the only one.
   */
  readonly size: number;

  private constructor(
    chunks: string[] | undefined,
    starts: Float64Array | undefined,
    size: number,
    flat: string | undefined,
  ) {
    this.#chunks = chunks;
    this.#starts = starts;
    this.length = starts === undefined ? flat!.length : starts[chunks!.length]!;
    this.size = size;
    this.#flat = flat !== undefined ? flat : chunks!.length === 1 ? chunks![0] : undefined;
  }

  /**
   * Cuts a text into chunks. The cutting itself waits for the first edit: most long lines the
   * incremental lexer re-lexes (their start state changed) are never edited inside.
   *
   * @param text The text.
   * @param size Code units per chunk, at least 1.
   * @returns The chunked text (its chunks share the text's memory).
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { LineText } from "./_line_text.ts";
   * const t = LineText.from("abcdefghij", 4);
   * assertEquals([t.chunkCount, t.slice(3, 6), t.toString()], [3, "def", "abcdefghij"]);
   * ```
   */
  static from(text: string, size: number): LineText {
    return new LineText(undefined, undefined, size, text);
  }

  /** Cuts the whole text into chunks of `size` (done once, when chunks are first needed). */
  #cut(): string[] {
    if (this.#chunks !== undefined) return this.#chunks;
    const text = this.#flat!;
    const size = this.size;
    const n = Math.max(1, Math.ceil(text.length / size));
    const chunks: string[] = new Array(n);
    const starts = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      starts[i] = i * size;
      chunks[i] = text.slice(i * size, Math.min(text.length, (i + 1) * size));
    }
    starts[n] = text.length;
    this.#starts = starts;
    return this.#chunks = chunks;
  }

  /** How many chunks it has (for tests and memory estimates). */
  get chunkCount(): number {
    return this.#chunks?.length ?? Math.max(1, Math.ceil(this.length / this.size));
  }

  /** The index of the chunk holding offset `at` (the last chunk for the text's length). */
  #chunkAt(at: number): number {
    const starts = this.#starts!;
    let lo = 0;
    let hi = this.#chunks!.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The text with `[from, to)` replaced: the chunks the range touches are rebuilt (cut again
   * when they grew past twice the chunk size, joined with a neighbour when they shrank below a
   * quarter of it), the others are shared.
   *
   * @param from Where the replaced range starts, `0 .. length`.
   * @param to Where it ends, `from .. length`.
   * @param insert The new text.
   * @returns The new text.
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { LineText } from "./_line_text.ts";
   * const t = LineText.from("abcdefghij", 4).edited(2, 7, "XY");
   * assertEquals([t.length, t.toString()], [7, "abXYhij"]);
   * ```
   */
  edited(from: number, to: number, insert: string): LineText {
    const chunks = this.#cut();
    const starts = this.#starts!;
    const size = this.size;
    let i = this.#chunkAt(from);
    let j = this.#chunkAt(to);
    let middle = chunks[i]!.slice(0, from - starts[i]!) + insert +
      chunks[j]!.slice(to - starts[j]!);
    // A small middle joins a neighbour, so that chunks stay few.
    if (middle.length < size >> 2) {
      if (j + 1 < chunks.length) middle += chunks[++j]!;
      else if (i > 0) middle = chunks[--i]! + middle;
    }
    const pieces: string[] = [];
    if (middle.length > 2 * size) {
      // Pieces of equal length, at least `size` each: typing adds a chunk every `size` or so.
      const count = Math.floor(middle.length / size);
      for (let k = 0; k < count; k++) {
        pieces.push(
          middle.slice(
            Math.floor((k * middle.length) / count),
            Math.floor(((k + 1) * middle.length) / count),
          ),
        );
      }
    } else if (middle.length > 0 || chunks.length === j - i + 1) {
      pieces.push(middle);
    }
    const n = i + pieces.length + (chunks.length - j - 1);
    const out: string[] = new Array(n);
    const outStarts = new Float64Array(n + 1);
    for (let k = 0; k < i; k++) {
      out[k] = chunks[k]!;
      outStarts[k] = starts[k]!;
    }
    let at = starts[i]!;
    for (let k = 0; k < pieces.length; k++) {
      out[i + k] = pieces[k]!;
      outStarts[i + k] = at;
      at += pieces[k]!.length;
    }
    const delta = at - starts[j + 1]!;
    for (let k = j + 1; k < chunks.length; k++) {
      out[k - j - 1 + i + pieces.length] = chunks[k]!;
      outStarts[k - j - 1 + i + pieces.length] = starts[k]! + delta;
    }
    outStarts[n] = starts[chunks.length]! + delta;
    return new LineText(out, outStarts, size, undefined);
  }

  /**
   * The text of `[from, to)`, in time proportional to its length (plus a binary search).
   *
   * @param from Where it starts, `0 .. length`.
   * @param to Where it ends, `from .. length`.
   * @returns The text.
   */
  slice(from: number, to: number): string {
    if (this.#flat !== undefined) return this.#flat.slice(from, to);
    if (to <= from) return "";
    const chunks = this.#chunks!;
    const starts = this.#starts!;
    let i = this.#chunkAt(from);
    const parts: string[] = [];
    let at = from;
    while (at < to) {
      const s = starts[i]!;
      const c = chunks[i]!;
      parts.push(c.slice(at - s, Math.min(c.length, to - s)));
      at = s + c.length;
      i++;
    }
    return parts.length === 1 ? parts[0]! : parts.join("");
  }

  /**
   * The whole text, built once (its chunks then share its memory).
   *
   * @returns The text.
   */
  toString(): string {
    if (this.#flat === undefined) {
      const flat = this.#chunks!.join("");
      const starts = this.#starts!;
      // Chunks as views of the whole: the pieces they held can be collected.
      this.#chunks = this.#chunks!.map((_, k) => flat.slice(starts[k]!, starts[k + 1]!));
      this.#flat = flat;
    }
    return this.#flat;
  }

  /**
   * Bytes held, estimated: two bytes a code unit, a header and a slot per chunk.
   *
   * @param header Bytes of a string's header.
   * @returns The estimate.
   */
  bytes(header: number): number {
    return this.length * 2 + this.chunkCount * (header + 16);
  }
}
