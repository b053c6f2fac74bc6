/**
 * The editor session's own copy of the text, by lines, with the offset of every line start:
 * offset <-> line in O(log n), kept up to date per edit in proportion to the edit (see
 * {@linkcode ChunkedList}). The session owns it so that a failure inside the lexer can never lose
 * the text, and so that positions do not depend on the lexer's internals.
 *
 * Lines end as the lexer splits them: at `\n`, `\r\n` or a lone `\r`.
 *
 * @module
 */

import { ChunkedList } from "./_chunked_list.ts";
import { ENDING_TEXT, splitLines } from "./lines.ts";

/** One line: its text without the ending, and the ending (`""`, `"\n"`, `"\r\n"` or `"\r"`). */
export interface IndexedLine {
  readonly text: string;
  readonly ending: string;
}

const LF = 0x0a;

/**
 * Splits a text into lines as the lexer does.
 *
 * @param text The text.
 * @returns Its lines; the last one has no ending.
 */
export function splitIndexed(text: string): IndexedLine[] {
  const out: IndexedLine[] = [];
  splitLines(text, (line, ending) => out.push({ text: line, ending: ENDING_TEXT[ending]! }));
  return out;
}

/** The lines an edit replaces, and those that replace them. */
export interface LineSplice {
  /** The first line replaced. */
  from: number;
  /** How many old lines are replaced. */
  deleteCount: number;
  /** The new lines. */
  lines: IndexedLine[];
}

/** Lines and line starts of a text. */
export class LineIndex {
  #list: ChunkedList<IndexedLine>;

  /**
   * Indexes a text.
   *
   * @param text The text.
   */
  constructor(text: string) {
    this.#list = new ChunkedList(weight, splitIndexed(text));
  }

  /** The number of lines. */
  get lineCount(): number {
    return this.#list.length;
  }

  /** The text's length in UTF-16 code units. */
  get length(): number {
    return this.#list.totalWeight;
  }

  /**
   * One line.
   *
   * @param line Its number (not checked).
   * @returns Its text and ending.
   */
  line(line: number): IndexedLine {
    return this.#list.get(line);
  }

  /**
   * The offset where a line starts.
   *
   * @param line A line number, `0 .. lineCount` (`lineCount` gives the text's length).
   * @returns The offset.
   */
  lineStart(line: number): number {
    return this.#list.weightBefore(line);
  }

  /**
   * The line an offset is in: the last line whose start is at most `offset`.
   *
   * @param offset An offset, `0 .. length`.
   * @returns The line number.
   */
  lineAt(offset: number): number {
    return this.#list.indexAtWeight(offset);
  }

  /**
   * The text of lines `from .. to - 1`, endings included.
   *
   * @param from The first line.
   * @param to The end (exclusive).
   * @returns The text.
   */
  slice(from: number, to: number): string {
    const parts: string[] = [];
    this.#list.forEach(from, to, (l) => parts.push(l.text, l.ending));
    return parts.join("");
  }

  /** The whole text. */
  get text(): string {
    return this.slice(0, this.lineCount);
  }

  /**
   * Works out which lines an edit replaces, as the lexer does: the lines the edit touches, one
   * more before when a `\n` lands right after a lone `\r` (the two join into one ending), and
   * the lines the new text of that region splits into.
   *
   * @param from Where the replaced text starts (checked by the caller).
   * @param to Where it ends.
   * @param insert The new text.
   * @returns The splice to apply.
   */
  spliceFor(from: number, to: number, insert: string): LineSplice {
    let first = this.lineAt(from);
    const last = this.lineAt(to);
    const a = this.line(first);
    const b = this.line(last);
    const aStart = this.lineStart(first);
    const bStart = last === first ? aStart : this.lineStart(last);
    let region = (a.text + a.ending).slice(0, from - aStart) + insert +
      (b.text + b.ending).slice(to - bStart);
    if (first > 0 && region.charCodeAt(0) === LF && this.line(first - 1).ending === "\r") {
      first--;
      const p = this.line(first);
      region = p.text + p.ending + region;
    }
    // Nothing joins across the region's end: a line's text never starts with `\n`.
    const lines = splitIndexed(region);
    if (last !== this.lineCount - 1) {
      // The region ends with a line ending: the empty piece after it is the next line's start.
      lines.pop();
    }
    return { from: first, deleteCount: last - first + 1, lines };
  }

  /**
   * Applies a splice.
   *
   * @param splice What {@linkcode LineIndex.spliceFor} returned.
   */
  apply(splice: LineSplice): void {
    this.#list.splice(splice.from, splice.deleteCount, splice.lines);
  }

  /** Bytes held, estimated: two per code unit, plus a line record each. */
  memory(): number {
    return this.length * 2 + this.lineCount * 48;
  }
}

function weight(line: IndexedLine): number {
  return line.text.length + line.ending.length;
}
