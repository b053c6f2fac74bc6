/**
 * One open document of the server: the lexer, the analysis, and the conversion of the client's
 * positions (in the negotiated encoding) to the lexer's UTF-16 columns.
 *
 * @module
 */

import { IncrementalLexer, lexerOptionsForPath } from "../mod.ts";
import {
  fromUtf16Column,
  type PositionEncoding,
  splitsSurrogatePair,
  toUtf16Column,
} from "../lexer/positions.ts";
import { encodeFull } from "./_semantic.ts";
import { type ChangedLines, DocumentAnalysis } from "./document_analysis.ts";

/** An LSP position. */
export interface LspPosition {
  /** The line. */
  line: number;
  /** The column in the negotiated encoding. */
  character: number;
}

/** An LSP range. */
export interface LspRange {
  /** Start. */
  start: LspPosition;
  /** End. */
  end: LspPosition;
}

/** An LSP content change: a range and its new text, or (no range) the whole new text. */
export interface ContentChange {
  /** The replaced range; absent for a whole-text replacement. */
  range?: LspRange;
  /** The new text. */
  text: string;
}

/** A client error in a change or a request: the server answers it and goes on. */
export class PositionError extends RangeError {
  override name = "PositionError";
}

/** The file name part of a URI, for the lexer options. */
export function uriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** An open document. */
export class OpenDocument {
  readonly uri: string;
  readonly encoding: PositionEncoding;
  version: number;
  lexer: IncrementalLexer;
  analysis: DocumentAnalysis;

  constructor(
    uri: string,
    text: string,
    options: { version: number; encoding: PositionEncoding },
  ) {
    this.uri = uri;
    this.version = options.version;
    this.encoding = options.encoding;
    this.lexer = new IncrementalLexer(text, lexerOptionsForPath(uriPath(uri)));
    this.analysis = new DocumentAnalysis(this.lexer);
  }

  /** A UTF-16 column from a client position, checked. */
  column(p: LspPosition, what: string): number {
    if (
      p === null || typeof p !== "object" || !Number.isInteger(p.line) ||
      !Number.isInteger(p.character)
    ) {
      throw new PositionError(`Invalid ${what}: expected {line, character} of integers`);
    }
    const lexer = this.lexer;
    if (p.line < 0 || p.line >= lexer.lineCount) {
      throw new PositionError(
        `Invalid ${what}: line ${p.line} is out of range 0-${lexer.lineCount - 1}`,
      );
    }
    const text = lexer.lineText(p.line);
    const length = fromUtf16Column(text, text.length, this.encoding);
    if (p.character < 0 || p.character > length) {
      const crlf = p.character === length + 1 && p.line + 1 < lexer.lineCount &&
        this.#endsWithCrlf(p.line);
      throw new PositionError(
        crlf
          ? `Invalid ${what}: ${p.line}:${p.character} splits the line's \\r\\n ending`
          : `Invalid ${what}: character ${p.character} is out of range 0-${length} on line ${p.line}`,
      );
    }
    const column = toUtf16Column(text, p.character, this.encoding);
    if (splitsSurrogatePair(text, column)) {
      throw new PositionError(`Invalid ${what}: ${p.line}:${p.character} splits a surrogate pair`);
    }
    return column;
  }

  #endsWithCrlf(line: number): boolean {
    const offset = this.#offsetOfLine(line) + this.lexer.lineText(line).length;
    return this.lexer.text.slice(offset, offset + 2) === "\r\n";
  }

  #offsetOfLine(line: number): number {
    // Only used to explain an error: the cost of building the text does not matter there.
    const text = this.lexer.text;
    let offset = 0;
    for (let l = 0; l < line; l++) {
      const n = text.indexOf("\n", offset);
      const r = text.indexOf("\r", offset);
      const next = r >= 0 && (n < 0 || r < n) ? (text[r + 1] === "\n" ? r + 2 : r + 1) : n + 1;
      offset = next;
    }
    return offset;
  }

  /**
   * Applies the changes of one `didChange`, in order; stops at the first bad one.
   *
   * @returns How many changes were applied.
   * @throws {PositionError} For a change with a bad range (those before it stay applied).
   */
  applyChanges(changes: readonly ContentChange[]): ChangedLines[] {
    const results: ChangedLines[] = [];
    for (const change of changes) {
      if (change === null || typeof change !== "object" || typeof change.text !== "string") {
        throw new PositionError("Invalid content change: expected {range?, text}");
      }
      let result: ChangedLines;
      if (change.range === undefined) {
        result = this.lexer.edit(0, this.lexer.length, change.text);
      } else {
        const r = change.range;
        const from = this.column(r?.start, "change start");
        const to = this.column(r?.end, "change end");
        if (r.end.line < r.start.line || (r.end.line === r.start.line && to < from)) {
          throw new PositionError(
            `Invalid change: end ${r.end.line}:${r.end.character} is before start ` +
              `${r.start.line}:${r.start.character}`,
          );
        }
        result = this.lexer.editRange({
          start: { line: r.start.line, character: from },
          end: { line: r.end.line, character: to },
        }, change.text);
      }
      this.analysis.update(result);
      results.push(result);
    }
    return results;
  }

  #resultId = 0;
  #last: number[] = [];

  semanticFull(): { resultId: string; data: number[] } {
    this.#last = encodeFull(this.lexer);
    return { resultId: String(++this.#resultId), data: this.#last };
  }

  semanticDelta(
    _previous: string,
  ): { resultId: string; edits: { start: number; deleteCount: number; data: number[] }[] } {
    const old = this.#last.length;
    this.#last = encodeFull(this.lexer);
    return {
      resultId: String(++this.#resultId),
      edits: [{ start: 0, deleteCount: old, data: this.#last }],
    };
  }

  semanticRange(_range: LspRange): { data: number[] } {
    return { data: encodeFull(this.lexer) };
  }

  /** A client column for a UTF-16 one on a line. */
  clientColumn(line: number, column: number): number {
    if (this.encoding === "utf-16") return column;
    return fromUtf16Column(this.lexer.lineText(line), column, this.encoding);
  }
}
