/**
 * LSP semantic tokens of an {@linkcode EditorSession}: `full`, `range` and `delta` in LSP's
 * relative five-integer form, with result ids.
 *
 * Each line's classified tokens are kept, already in the client's column encoding, in a
 * {@linkcode ChunkedList} weighted by their count, so the index of a line's first integer is
 * known in O(log n). Changes since the last result are kept as one damaged line range; a delta
 * is one edit that replaces the integers of that range (plus the first token after it, whose
 * relative line may change) with the range's new tokens: its cost is in proportion to the
 * changed lines, never a diff of the whole array.
 *
 * @module
 */

import { ChunkedList } from "./_chunked_list.ts";
import type { EditorSession } from "./editor_session.ts";
import type { SessionChange } from "./session_change.ts";
import type { Range } from "./incremental.ts";
import type { PositionEncoding } from "./positions.ts";
import { classifyLine } from "./semantic_classify.ts";
import {
  SEMANTIC_LEGEND,
  type SemanticLegend,
  STANDARD_LEGEND,
  STANDARD_TYPE_OF,
} from "./semantic_legend.ts";

/** Options of {@linkcode SemanticTokens}. */
export interface SemanticTokensOptions {
  /**
   * The column encoding of the tokens.
   *
   * @default {the session's `positionEncoding`}
   */
  encoding?: PositionEncoding;
  /**
   * Use only LSP's standard types ({@linkcode STANDARD_LEGEND}), each LaTeX-specific type
   * replaced by its fallback.
   *
   * @default {false}
   */
  standardTypes?: boolean;
}

/** A `full` result (LSP `SemanticTokens`). */
export interface SemanticTokensResult {
  /** The id a later `delta` request names. */
  resultId: string;
  /** Five integers per token: line delta, start delta, length, type, modifier bits. */
  data: number[];
}

/** One edit of a previous result's integers (LSP `SemanticTokensEdit`). */
export interface SemanticTokensEdit {
  /** The index of the first integer replaced. */
  start: number;
  /** How many integers are replaced. */
  deleteCount: number;
  /** The integers that replace them. */
  data: number[];
}

/** A `delta` result (LSP `SemanticTokensDelta`). */
export interface SemanticTokensDeltaResult {
  /** The id a later `delta` request names. */
  resultId: string;
  /** The edits, in order, that turn the previous result into this one. */
  edits: SemanticTokensEdit[];
}

/** A decoded token: absolute line and column. */
export interface DecodedSemanticToken {
  /** The line. */
  line: number;
  /** The column, in the encoding of the result. */
  character: number;
  /** The length, in the same encoding. */
  length: number;
  /** The type's index in the legend. */
  type: number;
  /** The modifier bits. */
  modifiers: number;
}

const EMPTY = new Uint32Array(0);

/**
 * Semantic tokens of a session, kept up to date with its changes.
 *
 * @example Full, then a delta after an edit
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import {
 *   applySemanticTokensEdits,
 *   EditorSession,
 *   SemanticTokens,
 * } from "../mod.ts";
 *
 * const session = new EditorSession("\\section{A}\n$x$\n");
 * const tokens = new SemanticTokens(session);
 * const base = tokens.full();
 * session.edit(0, 0, "% note\n");
 * const delta = tokens.delta(base.resultId);
 * if (!("edits" in delta)) throw new Error("expected a delta");
 * assertEquals(applySemanticTokensEdits(base.data, delta.edits), tokens.full().data);
 * ```
 */
export class SemanticTokens {
  readonly #session: EditorSession;
  readonly #encoding: PositionEncoding;
  readonly #standard: boolean;
  readonly #unsubscribe: () => void;
  #lines: ChunkedList<Uint32Array> | undefined;
  #resultId = "";
  #nextId = 1;
  /** Tokens in the last result. */
  #resultTotal = 0;
  /** Lines changed since the last result, in the current numbering. */
  #dirty: [number, number] | undefined;

  /**
   * Follows a session.
   *
   * @param session The session.
   * @param options Encoding and legend.
   */
  constructor(session: EditorSession, options: SemanticTokensOptions = {}) {
    this.#session = session;
    this.#encoding = options.encoding ?? session.positionEncoding;
    this.#standard = options.standardTypes ?? false;
    this.#unsubscribe = session.subscribe((c) => this.#onChange(c));
  }

  /** The legend the types and modifiers refer to. */
  get legend(): SemanticLegend {
    return this.#standard ? STANDARD_LEGEND : SEMANTIC_LEGEND;
  }

  /** The id of the last result, `""` before the first. */
  get resultId(): string {
    return this.#resultId;
  }

  /** Stops following the session. */
  dispose(): void {
    this.#unsubscribe();
  }

  /**
   * All tokens of the document.
   *
   * @returns The tokens and a new result id.
   */
  full(): SemanticTokensResult {
    const lines = this.#built();
    const data: number[] = [];
    this.#emit(0, lines.length, data, [0, 0]);
    return { resultId: this.#newResult(), data };
  }

  /**
   * The tokens that overlap a range (it has no result id: a `delta` follows a `full`).
   *
   * @param range The range, in this encoding's columns.
   * @returns The tokens, relative to the document's start.
   */
  range(range: Range): { data: number[] } {
    const lines = this.#built();
    const last = Math.min(range.end.line, lines.length - 1);
    const data: number[] = [];
    let prevLine = 0;
    let prevStart = 0;
    for (let l = Math.max(0, range.start.line); l <= last; l++) {
      const q = lines.get(l);
      for (let i = 0; i < q.length; i += 4) {
        const col = q[i]!;
        const end = col + q[i + 1]!;
        if (l === range.start.line && end <= range.start.character && q[i + 1]! > 0) continue;
        if (l === range.end.line && col >= range.end.character) continue;
        const dl = l - prevLine;
        data.push(dl, dl === 0 ? col - prevStart : col, q[i + 1]!, q[i + 2]!, q[i + 3]!);
        prevLine = l;
        prevStart = col;
      }
    }
    return { data };
  }

  /**
   * The changes since a previous result, or the full tokens when that result is not the last
   * one (LSP allows either answer).
   *
   * @param previousResultId The id of the result the client holds.
   * @returns A delta, or a full result.
   */
  delta(previousResultId: string): SemanticTokensDeltaResult | SemanticTokensResult {
    const lines = this.#lines;
    if (lines === undefined || previousResultId !== this.#resultId || this.#resultId === "") {
      return this.full();
    }
    const dirty = this.#dirty;
    if (dirty === undefined) return { resultId: this.#newResult(), edits: [] };
    const [from, to] = dirty;
    const before = lines.weightBefore(from);
    const total = lines.totalWeight;
    const upTo = lines.weightBefore(to);
    const after = total - upTo;
    const removed = this.#resultTotal - before - after;
    if (removed < 0) return this.full();
    const data: number[] = [];
    const prev: [number, number] = [0, 0];
    if (before > 0) {
      const pl = lines.indexAtWeight(before - 1);
      const q = lines.get(pl);
      const k = before - 1 - lines.weightBefore(pl);
      prev[0] = pl;
      prev[1] = q[4 * k]!;
    }
    this.#emit(from, to, data, prev);
    let deleteCount = 5 * removed;
    if (after > 0) {
      // The first token after the range: its line delta is relative to the range's last token.
      const nl = lines.indexAtWeight(upTo);
      const q = lines.get(nl);
      const dl = nl - prev[0];
      data.push(dl, dl === 0 ? q[0]! - prev[1] : q[0]!, q[1]!, q[2]!, q[3]!);
      deleteCount += 5;
    }
    return {
      resultId: this.#newResult(),
      edits: [{ start: 5 * before, deleteCount, data }],
    };
  }

  #newResult(): string {
    this.#resultId = String(this.#nextId++);
    this.#resultTotal = this.#lines!.totalWeight;
    this.#dirty = undefined;
    return this.#resultId;
  }

  #built(): ChunkedList<Uint32Array> {
    if (this.#lines === undefined) {
      const n = this.#session.lineCount;
      const items = new Array<Uint32Array>(n);
      for (let l = 0; l < n; l++) items[l] = this.#lineData(l);
      this.#lines = new ChunkedList((q) => q.length >> 2, items);
    }
    return this.#lines;
  }

  /** Appends the relative integers of lines `from .. to - 1`; `prev` is the last token's line and column. */
  #emit(from: number, to: number, data: number[], prev: [number, number]): void {
    let [prevLine, prevStart] = prev;
    this.#lines!.forEach(from, to, (q, l) => {
      for (let i = 0; i < q.length; i += 4) {
        const col = q[i]!;
        const dl = l - prevLine;
        data.push(dl, dl === 0 ? col - prevStart : col, q[i + 1]!, q[i + 2]!, q[i + 3]!);
        prevLine = l;
        prevStart = col;
      }
    });
    prev[0] = prevLine;
    prev[1] = prevStart;
  }

  #lineData(line: number): Uint32Array {
    const s = this.#session;
    const q = classifyLine(s.lineTokens(line), s.lineState(line));
    if (q.length === 0) return EMPTY;
    if (this.#standard) { for (let i = 2; i < q.length; i += 4) q[i] = STANDARD_TYPE_OF[q[i]!]!; }
    if (this.#encoding !== "utf-16") encodeColumns(s.lineText(line), q, this.#encoding);
    return q;
  }

  #onChange(c: SessionChange): void {
    const lines = this.#lines;
    if (lines === undefined) return;
    const shift = c.newToLine - c.oldToLine;
    const end = Math.max(c.changedToLine, c.newToLine);
    const items: Uint32Array[] = [];
    for (let l = c.fromLine; l < end; l++) {
      items.push(l < c.changedToLine ? this.#lineData(l) : EMPTY);
    }
    lines.splice(c.fromLine, end - shift - c.fromLine, items);
    const d = this.#dirty;
    if (d === undefined) {
      this.#dirty = [c.fromLine, end];
    } else {
      // Map the old damaged range through this change, then join the two.
      const oldEnd = end - shift;
      const mapEnd = d[1] < c.fromLine ? d[1] : d[1] >= oldEnd ? d[1] + shift : end;
      this.#dirty = [Math.min(d[0], c.fromLine), Math.max(mapEnd, end)];
    }
  }
}

/** Rewrites the UTF-16 columns and lengths of a line's classified tokens into another encoding. */
function encodeColumns(text: string, q: Uint32Array, encoding: PositionEncoding): void {
  let at = 0; // UTF-16
  let enc = 0; // in `encoding`
  const advance = (to: number) => {
    while (at < to) {
      const c = text.charCodeAt(at);
      let units = 1;
      if (c >= 0xd800 && c <= 0xdbff && at + 1 < text.length) {
        const d = text.charCodeAt(at + 1);
        if (d >= 0xdc00 && d <= 0xdfff) units = 2;
      }
      if (at + units > to) break;
      enc += encoding === "utf-32" ? 1 : units === 2 ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      at += units;
    }
    return enc;
  };
  for (let i = 0; i < q.length; i += 4) {
    const start = advance(q[i]!);
    const end = advance(q[i]! + q[i + 1]!);
    q[i] = start;
    q[i + 1] = end - start;
  }
}

/**
 * Decodes LSP's relative integers into tokens with absolute positions.
 *
 * @param data Five integers per token.
 * @returns The tokens.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodeSemanticTokens } from "@latex-perfectionist/lexer";
 * assertEquals(decodeSemanticTokens([1, 2, 3, 0, 0, 0, 4, 1, 5, 1]), [
 *   { line: 1, character: 2, length: 3, type: 0, modifiers: 0 },
 *   { line: 1, character: 6, length: 1, type: 5, modifiers: 1 },
 * ]);
 * ```
 */
export function decodeSemanticTokens(data: ArrayLike<number>): DecodedSemanticToken[] {
  const out: DecodedSemanticToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    const dl = data[i]!;
    line += dl;
    character = dl === 0 ? character + data[i + 1]! : data[i + 1]!;
    out.push({
      line,
      character,
      length: data[i + 2]!,
      type: data[i + 3]!,
      modifiers: data[i + 4]!,
    });
  }
  return out;
}

/**
 * Applies the edits of a delta to the integers of the previous result, as a client does.
 *
 * @param data The previous result's integers.
 * @param edits The delta's edits (each refers to the previous result's indices).
 * @returns The new integers.
 * @throws {RangeError} When an edit is out of range or edits overlap.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { applySemanticTokensEdits } from "@latex-perfectionist/lexer";
 * assertEquals(applySemanticTokensEdits([1, 2, 3], [{ start: 1, deleteCount: 1, data: [7, 8] }]), [
 *   1, 7, 8, 3,
 * ]);
 * ```
 */
export function applySemanticTokensEdits(
  data: readonly number[],
  edits: readonly SemanticTokensEdit[],
): number[] {
  const sorted = edits.slice().sort((a, b) => a.start - b.start);
  const out: number[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.start + e.deleteCount > data.length) {
      throw new RangeError(
        `Invalid semantic tokens edit at ${e.start}: out of range or overlapping`,
      );
    }
    for (let i = at; i < e.start; i++) out.push(data[i]!);
    for (const x of e.data) out.push(x);
    at = e.start + e.deleteCount;
  }
  for (let i = at; i < data.length; i++) out.push(data[i]!);
  return out;
}
