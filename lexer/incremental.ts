/**
 * The incremental lexer: the state at the start of every line is kept; an edit re-lexes from the
 * first touched line and stops at the first line after the edit whose newly computed start state
 * equals the stored one. Everything after is reused as it was.
 *
 * @module
 */

import type { LexedDocument } from "./lexed_document.ts";
import { LineScanner } from "./_line_scanner.ts";
import { type LongLine, LongLineLexer } from "./_long_line.ts";
import { TokenBuffer } from "./_token_buffer.ts";
import { COMPACTION } from "./_tunables.ts";
import { ENDING_TEXT, LineEnding, splitLines } from "./lines.ts";
import { type LexConfig, type LexerOptions, resolveOptions } from "./options.ts";
import type { LexState } from "./state.ts";
import { StateTable } from "./_state_table.ts";
import { type LineRecord, LineStore } from "./_line_store.ts";
import { LineText } from "./_line_text.ts";
import { type Token, unpackLine } from "./token.ts";
import { requireIndex, requireRecord, requireString } from "./_validate.ts";

/** A position in LSP terms: a line and a UTF-16 column. */
export interface Position {
  /** The line, from 0. */
  line: number;
  /** The column in UTF-16 code units, from 0, at most the line's length. */
  character: number;
}

/** A range in LSP terms. */
export interface Range {
  /** Where it starts. */
  start: Position;
  /** Where it ends (not before `start`). */
  end: Position;
}

/** What an edit changed, in lines. */
export interface EditResult {
  /** The first line touched by the edit. */
  fromLine: number;
  /** The end (exclusive) of the replaced lines, in the old numbering. */
  oldToLine: number;
  /** The end (exclusive) of the lines that replaced them, in the new numbering. */
  newToLine: number;
  /** The end (exclusive, new numbering) of the lines whose tokens and start state were recomputed. */
  changedToLine: number;
  /** How many lines this edit lexed. */
  relexedLines: number;
}

/** The bytes an incremental lexer holds, by part. */
export interface MemoryUsage {
  /** All parts together. */
  bytes: number;
  /** Line texts (estimated at two bytes a code unit plus a header each) and line endings. */
  text: number;
  /** Packed tokens and their per-line offsets. */
  tokens: number;
  /** Per-line start state ids. */
  checkpoints: number;
  /** The interned states, their lists, keys and catcode tables (estimated). */
  states: number;
  /** Scratch buffers kept between edits. */
  scratch: number;
}

const NO_WORDS = new Uint32Array(0);

/**
 * Keeps the tokens of a changing LaTeX text up to date, always equal to a fresh
 * {@linkcode tokenize} of the current text.
 *
 * @example Typing in a document
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { IncrementalLexer } from "@latex-perfectionist/lexer";
 * import { tokenize } from "@latex-perfectionist/lexer";
 *
 * const lexer = new IncrementalLexer("\\section{Intro}\nText.\n");
 * lexer.editRange({ start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, " $x$");
 * assertEquals(lexer.text, "\\section{Intro}\nText $x$.\n");
 * assertEquals(lexer.tokens(), tokenize(lexer.text));
 * ```
 */
export class IncrementalLexer implements LexedDocument {
  readonly #config: LexConfig;
  #table = new StateTable();
  #scanner: LineScanner;
  #long: LongLineLexer;
  /** The scanner's output for one line at a time. */
  readonly #out = new TokenBuffer();
  #store: LineStore;
  /** A long line's text is kept in chunks of this many code units (`_line_text.ts`). */
  readonly #chunk: number;
  #final: number;
  #length: number;
  #textCache: string | undefined;
  #compactAt: number = COMPACTION.FLOOR;
  /** Holds the tokens of the lines one edit re-lexes until the store copies them in. */
  #arena = new Uint32Array(4096);
  #arenaUsed = 0;

  /**
   * Lexes a text and keeps it ready for edits.
   *
   * @param text The initial text.
   * @param options Lexer options.
   * @throws {TypeError} When `text` is not a string or an option has the wrong type.
   */
  constructor(text: string = "", options?: LexerOptions) {
    requireString(text, "text");
    this.#config = resolveOptions(options);
    this.#scanner = new LineScanner(this.#config, this.#table);
    this.#long = new LongLineLexer(this.#scanner, this.#config.longLine);
    this.#chunk = 2 * this.#config.longLine.spacing;
    let state = this.#table.intern(this.#config.initial);
    const out = this.#out;
    const input: LineRecord = {
      text: "",
      ending: 0,
      state: 0,
      words: NO_WORDS,
      from: 0,
      count: 0,
      long: undefined,
    };
    this.#store = new LineStore((add) => {
      splitLines(text, (line, ending) => {
        input.text = line;
        input.ending = ending;
        input.state = state;
        if (this.#long.isLong(line)) {
          const r = this.#long.lex(line, state, out);
          state = r.endId;
          input.text = LineText.from(line, this.#chunk);
          input.words = NO_WORDS;
          input.count = 0;
          input.long = r.long;
        } else {
          out.count = 0;
          state = this.#scanner.scan(line, state, out);
          input.words = out.words;
          input.count = out.count;
          input.long = undefined;
        }
        add(input);
      });
    });
    this.#final = state;
    this.#length = text.length;
    this.#textCache = text;
  }

  /** The whole current text (built on demand after an edit, in time proportional to it). */
  get text(): string {
    if (this.#textCache === undefined) {
      const parts: string[] = [];
      this.#store.forEach((l) => {
        parts.push(l.text, ENDING_TEXT[l.ending]!);
      });
      this.#textCache = parts.join("");
    }
    return this.#textCache;
  }

  /** The text's length in UTF-16 code units. */
  get length(): number {
    return this.#length;
  }

  /** The number of lines: line endings plus one. */
  get lineCount(): number {
    return this.#store.lineCount;
  }

  /** The state after the last line. */
  get finalState(): LexState {
    return this.#table.state(this.#final);
  }

  /**
   * One line's text, without its ending.
   *
   * @param line A line number.
   * @returns The text.
   * @throws {RangeError} When the line does not exist.
   */
  lineText(line: number): string {
    requireIndex(line, "line", this.lineCount - 1);
    return this.#store.text(line);
  }

  /**
   * One line's tokens.
   *
   * @param line A line number.
   * @returns Its tokens in order.
   * @throws {RangeError} When the line does not exist.
   */
  lineTokens(line: number): Token[] {
    requireIndex(line, "line", this.lineCount - 1);
    const out: Token[] = [];
    const words = this.#store.words(line);
    unpackLine({ words, from: 0, to: words.length, line, text: this.#store.text(line) }, out);
    return out;
  }

  /**
   * One line's packed tokens: one `uint32` each, decoded by `tokenKindCode`, `tokenLength` and
   * `tokenMath`; columns are implicit, the tokens being contiguous from column 0.
   *
   * @param line A line number.
   * @returns A copy of the line's packed tokens.
   * @throws {RangeError} When the line does not exist.
   */
  lineWords(line: number): Uint32Array {
    requireIndex(line, "line", this.lineCount - 1);
    return this.#store.words(line).slice();
  }

  /**
   * The state at the start of one line: its checkpoint.
   *
   * @param line A line number.
   * @returns The state.
   * @throws {RangeError} When the line does not exist.
   */
  lineState(line: number): LexState {
    requireIndex(line, "line", this.lineCount - 1);
    return this.#table.state(this.#store.state(line));
  }

  /**
   * All tokens in document order.
   *
   * @returns The tokens.
   */
  tokens(): Token[] {
    const out: Token[] = [];
    this.#store.forEach((l) => {
      unpackLine({ words: l.words, from: 0, to: l.words.length, line: l.line, text: l.text }, out);
    });
    return out;
  }

  /**
   * Replaces the text between two UTF-16 offsets, and brings the tokens up to date before it
   * returns.
   *
   * @param from Where the replaced text starts, `0 .. length`.
   * @param to Where it ends, `from .. length`.
   * @param insert The new text.
   * @returns What changed.
   * @throws {TypeError} When an offset is not an integer or `insert` not a string.
   * @throws {RangeError} When an offset is out of range or `to` is before `from`.
   */
  edit(from: number, to: number, insert: string): EditResult {
    requireIndex(from, "edit start", this.#length);
    requireIndex(to, "edit end", this.#length);
    requireString(insert, "inserted text");
    if (to < from) {
      throw new RangeError(`Cannot apply edit: end ${to} is before start ${from}`);
    }
    return this.#apply(from, to, insert);
  }

  /**
   * Replaces the text of an LSP range.
   *
   * @param range The range, in lines and UTF-16 columns.
   * @param text The new text.
   * @returns What changed.
   * @throws {TypeError} When a position is malformed or `text` not a string.
   * @throws {RangeError} When a position is out of range or the end is before the start.
   */
  editRange(range: Range, text: string): EditResult {
    requireRecord(range, { what: "range", expected: "{start, end}" });
    const from = this.#offsetOf(range.start, "start");
    const to = this.#offsetOf(range.end, "end");
    requireString(text, "inserted text");
    if (to < from) {
      throw new RangeError(
        `Cannot apply edit: end ${range.end.line}:${range.end.character} is before start ` +
          `${range.start.line}:${range.start.character}`,
      );
    }
    return this.#apply(from, to, text);
  }

  #offsetOf(p: Position, what: string): number {
    requireRecord(p, { what: `range ${what}`, expected: "{line, character}" });
    const line = requireIndex(p.line, `${what} line`, this.lineCount - 1);
    const character = requireIndex(p.character, `${what} character`, this.#store.length(line));
    return this.#store.lineOffset(line) + character;
  }

  #apply(from: number, to: number, insert: string): EditResult {
    const store = this.#store;
    this.#arenaUsed = 0;
    const a = store.locate(from);
    const b = store.locateAfter(a, to - from);
    let first = a.line;
    const records: LineRecord[] = [];
    let state = store.state(first);
    // Within one line's text, with no line ending inserted, the line stays one line; but an
    // emptied line ending in `\n` after one ending in a lone `\r` joins it: not this path.
    const inLine = a.line === b.line && b.column <= store.length(a.line) &&
      !/[\r\n]/.test(insert) &&
      !(b.column - a.column === store.length(a.line) && insert === "" && a.line > 0 &&
        store.ending(a.line - 1) === LineEnding.CR);
    const previous = inLine ? store.long(a.line) : undefined;
    let newLines: number;
    if (previous !== undefined) {
      // An edit inside one long line: its text changes in chunks, and it resumes from its
      // checkpoint before the edit.
      const line = a.line;
      const start = state;
      const text = store.chunked(line)!.edited(a.column, b.column, insert);
      const r = this.#long.relex(text, start, {
        ...previous,
        endId: line + 1 < store.lineCount ? store.state(line + 1) : this.#final,
      }, {
        edit: { from: a.column, to: b.column, delta: insert.length - (to - from) },
        out: this.#out,
      });
      state = r.endId;
      const ending = store.ending(line);
      records.push(
        r.long === undefined
          ? this.#record(text.toString(), ending, start)
          : { text, ending, state: start, words: NO_WORDS, from: 0, count: 0, long: r.long },
      );
      newLines = 1;
    } else {
      const lines: [string, number][] = [];
      if (inLine) {
        const aText = store.text(a.line);
        lines.push([
          aText.slice(0, a.column) + insert + aText.slice(b.column),
          store.ending(a.line),
        ]);
      } else {
        const full = (line: number) => store.text(line) + ENDING_TEXT[store.ending(line)]!;
        let region = full(a.line).slice(0, a.column) + insert + full(b.line).slice(b.column);
        // A `\n` now right after a line ending in a lone `\r` joins it into one `\r\n` ending.
        if (
          first > 0 && region.charCodeAt(0) === 0x0a && store.ending(first - 1) === LineEnding.CR
        ) {
          first--;
          state = store.state(first);
          region = full(first) + region;
        }
        splitLines(region, (text, ending) => lines.push([text, ending]));
        // Unless it is the last line, the region ends with a line ending: the piece after is empty.
        if (b.line !== store.lineCount - 1) lines.pop();
      }
      for (const [text, ending] of lines) {
        const start = state;
        state = this.#lex(text, start);
        records.push(this.#lastRecord(text, ending, start));
      }
      newLines = lines.length;
    }
    const oldEnd = b.line + 1;
    // Past the edit: re-lex old lines until the computed start state equals the stored one.
    let j = oldEnd;
    store.scan(oldEnd, (text, ending, stored) => {
      if (stored === state) return false;
      const start = state;
      state = this.#lex(text, start);
      records.push(this.#lastRecord(text, ending, start));
      j++;
      return true;
    });
    if (j === store.lineCount) this.#final = state;
    store.replace(first, j - first, records);
    this.#length += insert.length - (to - from);
    this.#textCache = undefined;
    if (this.#table.size > this.#compactAt) this.#compact();
    return {
      fromLine: first,
      oldToLine: oldEnd,
      newToLine: first + newLines,
      changedToLine: first + records.length,
      relexedLines: records.length,
    };
  }

  #lastLong: LongLine | undefined = undefined;

  /** Lexes a line: its tokens go to `#out`, or to `#lastLong` for a long line. */
  #lex(text: string, start: number): number {
    if (this.#long.isLong(text)) {
      const r = this.#long.lex(text, start, this.#out);
      this.#lastLong = r.long;
      return r.endId;
    }
    this.#lastLong = undefined;
    this.#out.count = 0;
    return this.#scanner.scan(text, start, this.#out);
  }

  /** The record of the line {@linkcode IncrementalLexer.#lex} has just lexed. */
  #lastRecord(text: string, ending: number, state: number): LineRecord {
    const long = this.#lastLong;
    if (long !== undefined) {
      return {
        text: LineText.from(text, this.#chunk),
        ending,
        state,
        words: NO_WORDS,
        from: 0,
        count: 0,
        long,
      };
    }
    return this.#record(text, ending, state);
  }

  /** The record of a short line whose tokens are in `#out`, copied into the edit's arena. */
  #record(text: string, ending: number, state: number): LineRecord {
    const n = this.#out.count;
    if (this.#arenaUsed + n > this.#arena.length) {
      // The old arena stays as it is: records made earlier in this edit still point into it.
      this.#arena = new Uint32Array(Math.max(this.#arena.length * 2, n));
      this.#arenaUsed = 0;
    }
    const at = this.#arenaUsed;
    const arena = this.#arena;
    const src = this.#out.words;
    // A loop for the few tokens of a line: `set` of a view costs more below a few dozen.
    if (n < 32) { for (let i = 0; i < n; i++) arena[at + i] = src[i]!; }
    else arena.set(src.subarray(0, n), at);
    this.#arenaUsed += n;
    return { text, ending, state, words: arena, from: at, count: n };
  }

  /** Drops states no line uses any more, so long editing sessions do not grow the table. */
  #compact(): void {
    const live = [...this.#store.stateIds(), this.#final];
    const { table, map } = this.#table.compacted(live);
    this.#store.remapStates(map);
    this.#final = map[this.#final]!;
    this.#table = table;
    this.#scanner = new LineScanner(this.#config, table);
    this.#long = new LongLineLexer(this.#scanner, this.#config.longLine);
    this.#compactAt = Math.max(COMPACTION.FLOOR, table.size * 2);
  }

  /**
   * The bytes this lexer holds, by part.
   *
   * @returns The sizes; texts are estimated at two bytes a code unit.
   */
  memoryUsage(): MemoryUsage {
    const m = this.#store.memory();
    const states = this.#table.bytes;
    const scratch = this.#out.words.byteLength + this.#arena.byteLength;
    return { bytes: m.text + m.tokens + m.checkpoints + states + scratch, ...m, states, scratch };
  }
}
