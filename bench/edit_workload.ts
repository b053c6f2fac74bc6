/**
 * Edits of five sizes spread over a document, for the latency benchmarks.
 *
 * An {@linkcode EditWorkload} follows the document's line lengths as edits are applied, so each
 * new edit lands on line boundaries of the current text without rebuilding the text (edits
 * accumulate: edit `j` is planned against the document as edits `0..j-1` left it).
 *
 * @module
 */

import { documentLines } from "./generate_document.ts";

/** The edit kinds of the strategy, smallest first. */
export const EDIT_KINDS = ["single_char", "line", "paragraph", "section", "large"] as const;

/** One of {@linkcode EDIT_KINDS}. */
export type EditKind = typeof EDIT_KINDS[number];

/**
 * How many lines an edit of each kind replaces (and inserts): a paragraph is about 20 lines, a
 * section about 100, a large paste 1,000. `single_char` and `line` edit inside one line.
 */
export const LINES_PER_EDIT: Readonly<Record<EditKind, number>> = {
  single_char: 0,
  line: 1,
  paragraph: 20,
  section: 100,
  large: 1000,
};

/** An edit in the form `IncrementalLexer.edit(from, to, insert)` takes. */
export interface PlannedEdit {
  /** UTF-16 offset where the replaced range starts. */
  readonly from: number;
  /** UTF-16 offset where the replaced range ends (exclusive). */
  readonly to: number;
  /** The text put in its place. */
  readonly insert: string;
}

/** The golden ratio's fractional part: multiples of it mod 1 spread evenly over [0, 1). */
const GOLDEN = 0.6180339887498949;

/**
 * Plans edits against a document whose line structure it tracks.
 *
 * Edit `j` of a workload goes to the line at fraction `(j * 0.618...) mod 1` of the document: any
 * number of edits covers the document evenly, and consecutive edits land far apart, as cursor
 * jumps do. Odd single-character edits delete the character the even edit before them typed, so
 * the document keeps its size however many edits a benchmark runs. Block edits replace `n` lines
 * with `n` new lines of the generator's cycle.
 *
 * @example Plan and apply single-character edits
 * ```ts
 * import { assertEquals } from "@std/assert";
 * let text = "ab\ncd\n";
 * const workload = new EditWorkload(text);
 * for (let j = 0; j < 2; j++) {
 *   const { from, to, insert } = workload.next("single_char");
 *   text = text.slice(0, from) + insert + text.slice(to);
 * }
 * assertEquals(text, "ab\ncd\n");
 * assertEquals(workload.length, text.length);
 * ```
 */
export class EditWorkload {
  /** Length of each line including its `\n` (the last line has none). */
  #lineLengths: number[];
  #count = 0;
  #pendingDelete: number | undefined;

  /**
   * Starts a workload on a document.
   *
   * @param text The document the edits will be applied to (lines end in `\n`).
   */
  constructor(text: string) {
    this.#lineLengths = text.split("\n").map((line) => line.length + 1);
    this.#lineLengths[this.#lineLengths.length - 1]! -= 1;
  }

  /** The document's current length in UTF-16 units. */
  get length(): number {
    let sum = 0;
    for (const n of this.#lineLengths) sum += n;
    return sum;
  }

  /** How many edits were planned so far. */
  get count(): number {
    return this.#count;
  }

  /**
   * Plans the next edit of a kind and records it as applied: the caller must apply it.
   *
   * @param kind The edit kind.
   * @returns The edit.
   */
  next(kind: EditKind): PlannedEdit {
    const j = this.#count++;
    if (kind === "single_char" && this.#pendingDelete !== undefined) {
      const at = this.#pendingDelete;
      this.#pendingDelete = undefined;
      this.#lineLengths[this.#lineAt(at)]! -= 1;
      return { from: at, to: at + 1, insert: "" };
    }
    const editable = Math.max(1, this.#lineLengths.length - 1);
    const size = Math.min(Math.max(LINES_PER_EDIT[kind], 1), editable);
    const line = Math.min(Math.floor(((j * GOLDEN) % 1) * editable), editable - size);
    const start = this.#lineStart(line);
    const contentLength = this.#lineLengths[line]! - 1;
    if (kind === "single_char") {
      const at = start + Math.floor(Math.max(contentLength, 0) / 2);
      this.#pendingDelete = at;
      this.#lineLengths[line]! += 1;
      return { from: at, to: at, insert: String.fromCharCode(97 + j % 26) };
    }
    if (kind === "line") {
      const insert = `Edited line ${j} with $a_${j} + b_${j}$ and a few more words.`;
      this.#lineLengths[line] = insert.length + 1;
      return { from: start, to: start + Math.max(contentLength, 0), insert };
    }
    let to = start;
    for (let k = line; k < line + size; k++) to += this.#lineLengths[k]!;
    const insert = documentLines(1_000_000 + j * size, size);
    const newLengths = insert.slice(0, -1).split("\n").map((l) => l.length + 1);
    this.#lineLengths.splice(line, size, ...newLengths);
    return { from: start, to, insert };
  }

  #lineStart(line: number): number {
    let start = 0;
    for (let k = 0; k < line; k++) start += this.#lineLengths[k]!;
    return start;
  }

  #lineAt(offset: number): number {
    let start = 0;
    for (let k = 0; k < this.#lineLengths.length; k++) {
      const end = start + this.#lineLengths[k]!;
      if (offset < end) return k;
      start = end;
    }
    return this.#lineLengths.length - 1;
  }
}
