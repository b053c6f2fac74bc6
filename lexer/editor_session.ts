/**
 * The editor session: what an editor or a language server drives. It owns the text (by lines,
 * with an index of line starts), an {@linkcode IncrementalLexer}, positions in the three LSP
 * encodings, the changed lines and tokens of every change, per-edit statistics, and the fallbacks
 * to a batch lex: at the measured crossover, after a failed self-check, and after an unexpected
 * exception inside the lexer.
 *
 * Budget mode, on the lexer's public API: the lexer then holds an exact prefix of the document
 * (lines `0 .. covered - 1`; a prefix lexes exactly as the whole, since the lexer is line by line
 * and looks at nothing after a line). An edit whose damage could run past its budget first cuts
 * the prefix a window after the edit (cheap: nothing follows to re-lex), so it re-lexes at most
 * the window; the lines after the prefix are pending, and {@linkcode EditorSession.work} appends
 * them back in slices (appending re-lexes only the appended lines). The cost of this honesty: the
 * lines cut off are re-lexed in the background even when the edit's damage would have stopped
 * early. Reading a pending line's tokens completes the work up to it first.
 *
 * @module
 */

import { lexDocument } from "./document_lexer.ts";
import { IncrementalLexer, type Position, type Range } from "./incremental.ts";
import { LatencyHistogram } from "./_latency_histogram.ts";
import { LineIndex, type LineSplice } from "./_line_index.ts";
import type { LexerOptions } from "./options.ts";
import type { LexState } from "./state.ts";
import {
  fromUtf16Column,
  type PositionEncoding,
  requireEncoding,
  splitsSurrogatePair,
  toUtf16Column,
} from "./positions.ts";
import { faultsOf } from "./_session_faults.ts";
import { stateKey } from "./state_codec.ts";
import { diffText } from "./_text_diff.ts";
import type { Token } from "./token.ts";
import {
  type EditorSessionOptions,
  type SelfCheckOptions,
  SESSION_TUNING,
} from "./session_options.ts";
import type {
  ChangeListener,
  ContentChange,
  FallbackReason,
  FallbackRecord,
  PendingRange,
  SessionChange,
} from "./session_change.ts";
import { type PerformanceReport, reportToJson } from "./session_report.ts";
import { describeValue, requireIndex, requireString } from "./_validate.ts";

interface Guarded {
  relexed: number;
  fallback?: FallbackRecord;
}

/** The largest `selfCheck.every` and `seed` (`2 ** 32 - 1`, the seed's range). */
const SELF_CHECK_MAX = 2 ** 32 - 1;

/** The most lines `selfCheck.lines` may sample per check: far more than a debugging aid needs. */
const SELF_CHECK_MAX_LINES = 1_000_000;

/**
 * A LaTeX document being edited: its text, its tokens (always those of a fresh batch lex, except
 * the pending lines of budget mode), positions and statistics.
 *
 * @example Typing, and a full-sync client
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { EditorSession, tokenize } from "../mod.ts";
 *
 * const session = new EditorSession("Let $x$ be.\n");
 * const change = session.onTextChange(0, 5, "y", 1);
 * assertEquals(session.text, "Let $y$ be.\n");
 * assertEquals([change.fromLine, change.changedToLine], [0, 1]);
 * session.setText("Let $y$ be real.\n");
 * assertEquals(session.lineTokens(0), tokenize(session.text).filter((t) => t.line === 0));
 * assertEquals(session.performanceReport().totalEdits, 2);
 * ```
 */
export class EditorSession {
  readonly #lexerOptions: LexerOptions;
  readonly #encoding: PositionEncoding;
  readonly #crossover: number;
  readonly #selfCheck: Required<SelfCheckOptions> | undefined;
  readonly #budgetMs: number | undefined;
  readonly #reportTokens: boolean;
  #index: LineIndex;
  #lexer: IncrementalLexer;
  /** Lines the lexer holds exactly: all of them outside budget mode. */
  #covered: number;
  #textCache: string | undefined;
  #visible: [number, number] = [0, 0];
  #listeners: ChangeListener[] = [];
  // Statistics.
  #latency = new LatencyHistogram();
  #edits = 0;
  #relexedSum = 0;
  #relexedMax = 0;
  #fallbacks: FallbackRecord[] = [];
  #fallbackCount = 0;
  #lastFallback = false;
  #unitsPerMs: number = SESSION_TUNING.initialUnitsPerMs;
  #sampleState = 1;

  /**
   * Opens a document.
   *
   * @param text The initial text.
   * @param options Lexer and session options.
   * @throws {TypeError} When `text` is not a string or an option is malformed.
   */
  constructor(text: string = "", options: EditorSessionOptions = {}) {
    requireString(text, "text");
    if (options === null || typeof options !== "object") {
      throw new TypeError(`Invalid options: expected an object, got ${describeValue(options)}`);
    }
    const {
      positionEncoding,
      fallback,
      selfCheck,
      budget,
      reportTokens,
      ...lexerOptions
    } = options;
    this.#lexerOptions = lexerOptions;
    this.#encoding = positionEncoding === undefined ? "utf-16" : requireEncoding(positionEncoding);
    this.#crossover = fallback?.crossover ?? SESSION_TUNING.crossover;
    if (typeof this.#crossover !== "number" || !(this.#crossover > 0)) {
      throw new TypeError("Invalid option fallback.crossover: expected a positive number");
    }
    if (selfCheck) {
      const s: SelfCheckOptions = selfCheck === true ? {} : selfCheck;
      if (typeof s !== "object") {
        throw new TypeError(
          `Invalid option selfCheck: expected a boolean or an object, got ${describeValue(s)}`,
        );
      }
      // Checked, not trusted: `lines: Infinity` would sample forever, `every: 0` never.
      const every = requireIndex(s.every ?? 1, "option selfCheck.every", SELF_CHECK_MAX);
      if (every === 0) {
        throw new RangeError(
          "Invalid option selfCheck.every: 0 is out of range 1-" + SELF_CHECK_MAX,
        );
      }
      this.#selfCheck = {
        every,
        lines: requireIndex(
          s.lines ?? SESSION_TUNING.selfCheckLines,
          "option selfCheck.lines",
          SELF_CHECK_MAX_LINES,
        ),
        seed: requireIndex(s.seed ?? 1, "option selfCheck.seed", SELF_CHECK_MAX),
      };
      this.#sampleState = this.#selfCheck.seed >>> 0 || 1;
    }
    if (budget) {
      const ms = budget === true ? 4 : budget.editMs ?? 4;
      if (typeof ms !== "number" || !(ms > 0)) {
        throw new TypeError("Invalid option budget.editMs: expected a positive number");
      }
      this.#budgetMs = ms;
    }
    this.#reportTokens = reportTokens ?? true;
    this.#index = new LineIndex(text);
    this.#lexer = this.#timedBuild(text);
    this.#covered = this.#index.lineCount;
    this.#textCache = text;
  }

  // ---------------------------------------------------------------------------------------
  // Reading.

  /** The whole text (joined from the lines on demand after an edit). */
  get text(): string {
    this.#textCache ??= this.#index.text;
    return this.#textCache;
  }

  /** The text's length in UTF-16 code units. */
  get length(): number {
    return this.#index.length;
  }

  /** The number of lines. */
  get lineCount(): number {
    return this.#index.lineCount;
  }

  /** The position encoding of this session's positions. */
  get positionEncoding(): PositionEncoding {
    return this.#encoding;
  }

  /** The lexer options the session lexes with. */
  get lexerOptions(): LexerOptions {
    return this.#lexerOptions;
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
    return this.#index.line(line).text;
  }

  /**
   * One line's tokens, equal to a batch lex's (a pending line in budget mode is lexed first,
   * with the lines before it).
   *
   * @param line A line number.
   * @returns Its tokens.
   * @throws {RangeError} When the line does not exist.
   */
  lineTokens(line: number): Token[] {
    requireIndex(line, "line", this.lineCount - 1);
    if (line >= this.#covered) this.#readPending(line + 1);
    return this.#lexer.lineTokens(line);
  }

  /**
   * The state at one line's start (a pending line in budget mode is lexed first).
   *
   * @param line A line number.
   * @returns The state.
   * @throws {RangeError} When the line does not exist.
   */
  lineState(line: number): LexState {
    requireIndex(line, "line", this.lineCount - 1);
    if (line >= this.#covered) this.#readPending(line + 1);
    return this.#lexer.lineState(line);
  }

  /**
   * The tokens of a line range.
   *
   * @param from The first line.
   * @param to The end (exclusive), `from .. lineCount`.
   * @returns Their tokens in order.
   * @throws {RangeError} When the range is out of bounds.
   */
  tokensInLines(from: number, to: number): Token[] {
    requireIndex(from, "first line", this.lineCount);
    requireIndex(to, "end line", this.lineCount);
    const out: Token[] = [];
    for (let l = from; l < to; l++) for (const t of this.lineTokens(l)) out.push(t);
    return out;
  }

  /**
   * The tokens that overlap an offset range (an empty range: the token at that offset).
   *
   * @param from The range's start offset.
   * @param to Its end offset, `from .. length`.
   * @returns The tokens in order.
   * @throws {RangeError} When an offset is out of range or `to` is before `from`.
   */
  tokensInRange(from: number, to: number): Token[] {
    requireIndex(from, "start offset", this.length);
    requireIndex(to, "end offset", this.length);
    if (to < from) throw new RangeError(`Invalid range: end ${to} is before start ${from}`);
    const first = this.#index.lineAt(from);
    const last = this.#index.lineAt(to);
    const out: Token[] = [];
    for (let l = first; l <= last; l++) {
      const start = this.#index.lineStart(l);
      for (const t of this.lineTokens(l)) {
        const a = start + t.column;
        const b = a + t.length;
        if (from === to ? a <= from && from < b : a < to && b > from) out.push(t);
      }
    }
    return out;
  }

  /**
   * The offset of a position.
   *
   * @param position A line and a column in `encoding`.
   * @param encoding The column's encoding.
   * @returns The UTF-16 offset.
   * @throws {RangeError} When the line does not exist, the column is past the line's end or
   *   inside a character.
   * @throws {TypeError} When the position is malformed.
   */
  offsetAt(position: Position, encoding: PositionEncoding = this.#encoding): number {
    if (position === null || typeof position !== "object") {
      throw new TypeError(
        `Invalid position: expected {line, character}, got ${describeValue(position)}`,
      );
    }
    const line = requireIndex(position.line, "position line", this.lineCount - 1);
    const text = this.#index.line(line).text;
    const max = encoding === "utf-16" ? text.length : fromUtf16Column(text, text.length, encoding);
    const character = requireIndex(position.character, "position character", max);
    const column = toUtf16Column(text, character, encoding);
    if (column < 0) {
      throw new RangeError(
        `Invalid position ${line}:${character}: it falls inside a character (${encoding})`,
      );
    }
    return this.#index.lineStart(line) + column;
  }

  /**
   * The position of an offset.
   *
   * @param offset A UTF-16 offset, `0 .. length`.
   * @param encoding The encoding of the column returned.
   * @returns The line and the column (an offset inside a line ending gives the line's end).
   * @throws {RangeError} When the offset is out of range.
   */
  positionAt(offset: number, encoding: PositionEncoding = this.#encoding): Position {
    requireIndex(offset, "offset", this.length);
    const line = this.#index.lineAt(offset);
    const text = this.#index.line(line).text;
    const column = Math.min(offset - this.#index.lineStart(line), text.length);
    return { line, character: fromUtf16Column(text, column, encoding) };
  }

  /**
   * The offset where a line starts.
   *
   * @param line A line number, `0 .. lineCount` (`lineCount` gives the length).
   * @returns The offset.
   * @throws {RangeError} When the line is out of range.
   */
  lineStart(line: number): number {
    requireIndex(line, "line", this.lineCount);
    return this.#index.lineStart(line);
  }

  /** The lines pending in budget mode, or `undefined` when every line is lexed. */
  get pendingRange(): PendingRange | undefined {
    return this.#covered >= this.lineCount
      ? undefined
      : { fromLine: this.#covered, toLine: this.lineCount };
  }

  /** How many lines are pending in budget mode. */
  get staleLines(): number {
    return this.lineCount - this.#covered;
  }

  // ---------------------------------------------------------------------------------------
  // Changing.

  /**
   * Calls a listener after every change, with what changed.
   *
   * @param listener The listener.
   * @returns A function that removes it.
   */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /**
   * Replaces the whole document by a batch lex (not a fallback: the document is new).
   *
   * @param text The new text.
   * @returns The change: every line.
   * @throws {TypeError} When `text` is not a string.
   */
  setDocument(text: string): SessionChange {
    requireString(text, "text");
    const t0 = performance.now();
    const oldLines = this.lineCount;
    this.#index = new LineIndex(text);
    this.#lexer = this.#timedBuild(text);
    this.#covered = this.#index.lineCount;
    this.#textCache = text;
    return this.#finish(t0, 0, oldLines, this.lineCount, { relexed: this.lineCount });
  }

  /**
   * Replaces text at a position, in the strategy's form.
   *
   * @param line The line.
   * @param column The column, in the session's encoding.
   * @param insert The new text.
   * @param deleteCount How many UTF-16 code units to remove from there.
   * @returns What changed.
   * @throws {RangeError} When the position or the deleted span is out of range.
   */
  onTextChange(line: number, column: number, insert: string, deleteCount = 0): SessionChange {
    const from = this.offsetAt({ line, character: column });
    requireString(insert, "inserted text");
    requireIndex(deleteCount, "delete count", this.length - from);
    return this.edit(from, from + deleteCount, insert);
  }

  /**
   * Replaces the text between two UTF-16 offsets.
   *
   * @param from Where the replaced text starts, `0 .. length`.
   * @param to Where it ends, `from .. length`.
   * @param insert The new text.
   * @returns What changed.
   * @throws {RangeError} When an offset is out of range or `to` is before `from`.
   */
  edit(from: number, to: number, insert: string): SessionChange {
    requireIndex(from, "edit start", this.length);
    requireIndex(to, "edit end", this.length);
    requireString(insert, "inserted text");
    if (to < from) throw new RangeError(`Cannot apply edit: end ${to} is before start ${from}`);
    return this.#edit(from, to, insert);
  }

  /**
   * Applies a full-sync client's new text: finds the changed span by the common prefix and
   * suffix, and then costs what an edit of that span costs.
   *
   * @param newText The whole new text.
   * @returns What changed.
   * @throws {TypeError} When `newText` is not a string.
   */
  setText(newText: string): SessionChange {
    requireString(newText, "text");
    const { from, to, insert } = diffText(this.text, newText);
    const change = this.#edit(from, to, insert);
    this.#textCache = newText;
    return change;
  }

  /**
   * Applies LSP content changes in order, each to the result of the ones before; a change
   * without a range replaces the whole text (through {@linkcode EditorSession.setText}).
   *
   * All or nothing: when a change is malformed or out of range, the changes before it are
   * undone (by inverse edits, which listeners see too) and the error is thrown, so the text is
   * as before the call.
   *
   * @param changes The changes.
   * @returns What each change changed.
   * @throws {TypeError} When a change is malformed.
   * @throws {RangeError} When a range is out of bounds, reversed, or splits a surrogate pair.
   */
  applyChanges(changes: readonly ContentChange[]): SessionChange[] {
    if (!Array.isArray(changes)) {
      throw new TypeError(`Invalid changes: expected an array, got ${describeValue(changes)}`);
    }
    const undo: { from: number; to: number; text: string }[] = [];
    const out: SessionChange[] = [];
    try {
      // Indexed, not iterated: an array's own iterator may be replaced; each field is read once,
      // so a getter cannot hand the edit and its undo different values.
      const count = changes.length;
      for (let i = 0; i < count; i++) {
        const c: unknown = changes[i];
        if (c === null || typeof c !== "object") {
          throw new TypeError(`Invalid change: expected {range?, text}, got ${describeValue(c)}`);
        }
        const { text, range } = c as ContentChange;
        requireString(text, "change text");
        if (range === undefined) {
          const before = this.text;
          out.push(this.setText(text));
          undo.push({ from: 0, to: text.length, text: before });
          continue;
        }
        const [from, to] = this.#rangeOffsets(range);
        const removed = this.#sliceText(from, to);
        out.push(this.#edit(from, to, text));
        undo.push({ from, to: from + text.length, text: removed });
      }
    } catch (e) {
      for (const u of undo.reverse()) this.#edit(u.from, u.to, u.text);
      throw e;
    }
    return out;
  }

  /**
   * Continues the work budget mode left pending.
   *
   * @param budgetMs How long to work, in milliseconds (at least one slice is done).
   * @returns What changed (the lines lexed), or `undefined` when nothing was pending.
   */
  work(budgetMs: number): SessionChange | undefined {
    if (this.#covered >= this.lineCount) return undefined;
    const t0 = performance.now();
    const from = this.#covered;
    const guarded = this.#catchUp(this.lineCount, budgetMs);
    const to = this.#covered;
    return this.#finish(t0, Math.min(from, to), to, to, guarded, false);
  }

  /**
   * Sets the lines the editor shows: budget mode lexes them first.
   *
   * @param fromLine The first visible line.
   * @param toLine The end (exclusive).
   */
  setVisibleRange(fromLine: number, toLine: number): void {
    this.#visible = [Math.max(0, fromLine), Math.max(fromLine, toLine)];
  }

  // ---------------------------------------------------------------------------------------
  // Reports.

  /**
   * What the session has cost so far.
   *
   * @returns The report.
   */
  performanceReport(): PerformanceReport {
    const lexer = this.#lexer.memoryUsage();
    const lineIndex = this.#index.memory();
    const statistics = this.#latency.bytes;
    return {
      totalEdits: this.#edits,
      latency: this.#latency.summary(),
      linesRelexed: {
        mean: this.#edits === 0 ? 0 : this.#relexedSum / this.#edits,
        max: this.#relexedMax,
      },
      memory: { bytes: lexer.bytes + lineIndex + statistics, lexer, lineIndex, statistics },
      fallbackMode: this.#lastFallback,
      fallbackCount: this.#fallbackCount,
      fallbacks: this.#fallbacks.map((f) => ({ ...f })),
      staleLines: this.staleLines,
    };
  }

  /**
   * The report with the strategy's snake_case names, ready for `JSON.stringify`.
   *
   * @returns The report.
   */
  performanceReportJson(): Record<string, unknown> {
    return reportToJson(this.performanceReport());
  }

  // ---------------------------------------------------------------------------------------
  // Internals.

  #rangeOffsets(range: Range): [number, number] {
    if (range === null || typeof range !== "object") {
      throw new TypeError(`Invalid range: expected {start, end}, got ${describeValue(range)}`);
    }
    // Each position is read once (a getter could answer differently the second time).
    const { start, end } = range;
    const from = this.offsetAt(start);
    const to = this.offsetAt(end);
    const a = this.positionAt(from), b = this.positionAt(to);
    if (to < from) {
      throw new RangeError(
        `Invalid range: end ${b.line}:${b.character} is before start ${a.line}:${a.character}`,
      );
    }
    for (const [p, o] of [[a, from], [b, to]] as const) {
      const line = this.#index.line(p.line).text;
      if (splitsSurrogatePair(line, o - this.#index.lineStart(p.line))) {
        throw new RangeError(
          `Invalid range: ${p.line}:${p.character} splits a surrogate pair`,
        );
      }
    }
    return [from, to];
  }

  #sliceText(from: number, to: number): string {
    if (this.#textCache !== undefined) return this.#textCache.slice(from, to);
    const a = this.#index.lineAt(from);
    const b = this.#index.lineAt(to);
    const start = this.#index.lineStart(a);
    return this.#index.slice(a, b + 1).slice(from - start, to - start);
  }

  #edit(from: number, to: number, insert: string): SessionChange {
    const t0 = performance.now();
    const splice = this.#index.spliceFor(from, to, insert);
    const oldTo = splice.from + splice.deleteCount;
    const newTo = splice.from + splice.lines.length;
    const newCount = this.lineCount - splice.deleteCount + splice.lines.length;
    this.#textCache = undefined;
    if (
      newCount >= SESSION_TUNING.crossoverMinLines &&
      splice.lines.length >= this.#crossover * newCount
    ) {
      this.#index.apply(splice);
      const fallback = this.#rebuild("crossover", `${splice.lines.length} of ${newCount} lines`);
      return this.#finish(t0, splice.from, oldTo, newTo, {
        relexed: fallback.lines,
        fallback,
      });
    }
    let fromLine = splice.from;
    let guarded: Guarded;
    if (this.#budgetMs === undefined) {
      guarded = this.#guardedEdit(from, to, insert, splice);
    } else {
      const r = this.#budgetEdit(from, to, insert, splice);
      guarded = r.guarded;
      fromLine = Math.min(fromLine, r.fromLine);
    }
    return this.#finish(t0, fromLine, oldTo, newTo, guarded);
  }

  /** An edit of the lexer (which holds lines `0 .. #covered - 1`), repaired by a rebuild on failure. */
  #guardedEdit(from: number, to: number, insert: string, splice: LineSplice): Guarded {
    const faults = faultsOf(this);
    let relexed = 0;
    let applied = false;
    try {
      faults?.beforeLex?.();
      const given = faults?.lexerInsert?.(insert) ?? insert;
      const r = this.#lexer.edit(from, to, given);
      relexed = r.relexedLines;
      this.#index.apply(splice);
      this.#covered += splice.lines.length - splice.deleteCount;
      applied = true;
      if (
        r.fromLine !== splice.from || r.oldToLine !== splice.from + splice.deleteCount ||
        r.newToLine !== splice.from + splice.lines.length ||
        this.#lexer.length !== this.#index.lineStart(this.#covered)
      ) {
        return {
          relexed,
          fallback: this.#rebuild(
            "invariant",
            `the lexer replaced lines ${r.fromLine}-${r.oldToLine} by ${r.fromLine}-${r.newToLine},` +
              ` the session's index lines ${splice.from}-${splice.from + splice.deleteCount} by ` +
              `${splice.from}-${splice.from + splice.lines.length}`,
          ),
        };
      }
      return { relexed: Math.max(relexed, r.changedToLine - r.fromLine) };
    } catch (e) {
      if (!applied) {
        this.#index.apply(splice);
        this.#covered += splice.lines.length - splice.deleteCount;
      }
      const message = e instanceof Error ? e.message : String(e);
      return { relexed, fallback: this.#rebuild("exception", message) };
    }
  }

  #budgetEdit(
    from: number,
    to: number,
    insert: string,
    splice: LineSplice,
  ): { guarded: Guarded; fromLine: number } {
    const budgetUnits = this.#budgetMs! * this.#unitsPerMs;
    let fromLine = splice.from;
    const oldTo = splice.from + splice.deleteCount;
    let cutFailed: FallbackRecord | undefined;
    if (oldTo > this.#covered) {
      // The edit reaches the pending lines: cut the lexer before it, and lex up to it below.
      cutFailed = this.#cut(Math.min(this.#covered, splice.from));
    } else {
      const tailStart = this.#index.lineStart(oldTo);
      const tail = this.#lexer.length - tailStart;
      if (tail > budgetUnits) {
        const [, visibleTo] = this.#visible;
        const keep = Math.max(oldTo + SESSION_TUNING.budgetMargin, visibleTo);
        cutFailed = this.#cut(Math.min(this.#covered, keep));
      }
    }
    let guarded: Guarded;
    if (oldTo <= this.#covered) {
      guarded = this.#guardedEdit(from, to, insert, splice);
    } else {
      fromLine = Math.min(fromLine, this.#covered);
      this.#index.apply(splice);
      guarded = { relexed: 0 };
    }
    if (guarded.fallback === undefined) {
      const newTo = splice.from + splice.lines.length;
      const want = Math.min(this.lineCount, Math.max(newTo, this.#visible[1]));
      const caught = this.#catchUp(want, Infinity);
      guarded.relexed += caught.relexed;
      if (caught.fallback !== undefined) guarded.fallback = caught.fallback;
    }
    if (guarded.fallback === undefined && cutFailed !== undefined) guarded.fallback = cutFailed;
    return { guarded, fromLine };
  }

  /** Cuts the lexer's text after line `keep - 1`: those lines stay lexed, the rest is pending. */
  #cut(keep: number): FallbackRecord | undefined {
    if (keep >= this.#covered) return undefined;
    const at = this.#index.lineStart(keep);
    try {
      faultsOf(this)?.beforeLex?.();
      this.#lexer.edit(at, this.#lexer.length, "");
      this.#covered = keep;
      return undefined;
    } catch (e) {
      return this.#rebuild("exception", e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * Appends pending lines to the lexer until line `until - 1` is lexed or the budget is spent.
   * An exception inside the lexer rebuilds it; with an unlimited budget the lines still wanted
   * are then lexed too.
   */
  #catchUp(until: number, budgetMs: number): Guarded {
    const t0 = performance.now();
    let relexed = 0;
    try {
      while (this.#covered < until) {
        const to = Math.min(until, this.#covered + SESSION_TUNING.workSlice);
        const piece = this.#index.slice(this.#covered, to);
        faultsOf(this)?.beforeLex?.();
        this.#lexer.edit(this.#lexer.length, this.#lexer.length, piece);
        relexed += to - this.#covered;
        this.#covered = to;
        if (performance.now() - t0 >= budgetMs) break;
      }
      return { relexed };
    } catch (e) {
      const fallback = this.#rebuild("exception", e instanceof Error ? e.message : String(e));
      relexed += fallback.lines;
      if (this.#covered < until && budgetMs === Infinity) {
        relexed += this.#catchUp(until, budgetMs).relexed;
      }
      return { relexed, fallback };
    }
  }

  /** Lexes pending lines a read needs, and reports them to listeners as `work` does. */
  #readPending(until: number): void {
    const t0 = performance.now();
    const from = this.#covered;
    const guarded = this.#catchUp(until, Infinity);
    const to = this.#covered;
    this.#finish(t0, Math.min(from, to), to, to, guarded, false);
  }

  /** Throws the lexer away and lexes the text again: the repair of every fallback. */
  #rebuild(reason: FallbackReason, detail: string): FallbackRecord {
    const t0 = performance.now();
    let lines = this.lineCount;
    if (this.#budgetMs !== undefined) {
      const budgetUnits = this.#budgetMs * this.#unitsPerMs;
      let keep = this.lineCount;
      if (this.length > budgetUnits) {
        keep = Math.min(
          this.lineCount,
          Math.max(this.#index.lineAt(budgetUnits), this.#visible[1]),
        );
      }
      this.#lexer = this.#timedBuild(this.#index.slice(0, keep));
      this.#covered = keep;
      lines = keep;
    } else {
      this.#lexer = this.#timedBuild(this.text);
      this.#covered = this.lineCount;
    }
    const record: FallbackRecord = {
      reason,
      detail,
      costMs: performance.now() - t0,
      lines,
      edit: this.#edits + 1,
    };
    this.#fallbackCount++;
    this.#fallbacks.push(record);
    if (this.#fallbacks.length > SESSION_TUNING.fallbackHistory) this.#fallbacks.shift();
    return record;
  }

  #timedBuild(text: string): IncrementalLexer {
    const t0 = performance.now();
    const lexer = new IncrementalLexer(text, this.#lexerOptions);
    const ms = performance.now() - t0;
    if (text.length >= 100_000 && ms > 0) this.#unitsPerMs = text.length / ms;
    return lexer;
  }

  /** Runs the self-check; returns a fallback when it found a difference (and repaired it). */
  #check(fromLine: number, toLine: number): FallbackRecord | undefined {
    const check = this.#selfCheck;
    if (check === undefined || this.#edits % check.every !== 0) return undefined;
    const covered = this.#covered;
    const batch = lexDocument(this.#index.slice(0, covered), this.#lexerOptions);
    const lines: number[] = [];
    for (let l = fromLine; l < Math.min(toLine, fromLine + 16, covered); l++) lines.push(l);
    for (let i = 0; i < check.lines && covered > 0; i++) {
      // xorshift32: a cheap seeded sample, replayable from `selfCheck.seed`.
      let x = this.#sampleState;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.#sampleState = x >>> 0;
      lines.push(this.#sampleState % covered);
    }
    if (covered > 0) lines.push(covered - 1);
    for (const l of lines) {
      const mine = this.#lexer.lineTokens(l);
      const theirs = batch.lineTokens(l);
      if (
        !sameTokens(mine, theirs) ||
        stateKey(this.#lexer.lineState(l)) !== stateKey(batch.lineState(l))
      ) {
        return this.#rebuild("self-check", `line ${l} differs from a batch lex`);
      }
    }
    return undefined;
  }

  #finish(
    t0: number,
    fromLine: number,
    oldToLine: number,
    newToLine: number,
    guarded: Guarded,
    countsAsEdit = true,
  ): SessionChange {
    let fallback = guarded.fallback;
    const shift = newToLine - oldToLine;
    let changedTo = fallback === undefined
      ? Math.max(newToLine, fromLine + guarded.relexed)
      : Math.max(newToLine, this.#covered);
    if (countsAsEdit) this.#edits++;
    if (fallback === undefined && countsAsEdit) {
      const found = this.#check(fromLine, changedTo);
      if (found !== undefined) {
        fallback = found;
        changedTo = Math.max(newToLine, this.#covered);
      }
    }
    changedTo = Math.min(changedTo, this.lineCount);
    if (fallback !== undefined) {
      // A batch lex may change any line: every line is replaced; lines still pending in budget
      // mode are replaced but not yet lexed.
      fromLine = 0;
      oldToLine = this.lineCount - shift;
      newToLine = this.lineCount;
      changedTo = Math.min(this.lineCount, this.#covered);
    }
    const tokens: Token[] = [];
    if (this.#reportTokens) {
      for (let l = fromLine; l < Math.min(changedTo, this.#covered); l++) {
        for (const t of this.#lexer.lineTokens(l)) tokens.push(t);
      }
    }
    const change: SessionChange = {
      fromLine,
      oldToLine,
      newToLine,
      changedToLine: changedTo,
      fromOffset: this.#index.lineStart(fromLine),
      toOffset: this.#index.lineStart(changedTo),
      tokens,
      relexedLines: guarded.relexed,
    };
    if (fallback !== undefined) change.fallback = fallback;
    const ms = performance.now() - t0;
    if (countsAsEdit) {
      this.#latency.add(ms);
      this.#relexedSum += change.relexedLines;
      if (change.relexedLines > this.#relexedMax) this.#relexedMax = change.relexedLines;
      this.#lastFallback = fallback !== undefined;
    }
    for (const l of this.#listeners) l(change);
    return change;
  }
}

function sameTokens(a: readonly Token[], b: readonly Token[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.kind !== y.kind || x.column !== y.column || x.length !== y.length || x.math !== y.math ||
      x.text !== y.text
    ) return false;
  }
  return true;
}
