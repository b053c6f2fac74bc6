/**
 * One open document of the server: the library's editor session and semantic tokens, the
 * analysis behind folding, symbols and diagnostics, and the conversion of UTF-16 columns to the
 * negotiated encoding.
 *
 * @module
 */

import {
  EditorSession,
  fromUtf16Column,
  lexerOptionsForPath,
  type LexState,
  type PositionEncoding,
  type Range,
  SemanticTokens,
  type SemanticTokensDeltaResult,
  type SemanticTokensResult,
  type Token,
} from "../mod.ts";
import { LatencyHistogram } from "../lexer/_latency_histogram.ts";
import { FinalState } from "./_final_state.ts";
import { DocumentAnalysis, type LexedLines } from "./document_analysis.ts";

/** An LSP content change: a range and its new text, or (no range) the whole new text. */
export interface ContentChange {
  /** The replaced range; absent for a whole-text replacement. */
  range?: Range;
  /** The new text. */
  text: string;
}

/**
 * The file name part of a URI, for the lexer options.
 *
 * @param uri A document URI.
 * @returns Its path, or the URI itself when it does not parse.
 */
export function uriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** The analysis's view of a session: its lines, and the state after the last one. */
class SessionLines implements LexedLines {
  readonly #session: EditorSession;
  readonly #final: FinalState;
  #finalState: LexState | undefined;

  constructor(session: EditorSession, final: FinalState) {
    this.#session = session;
    this.#final = final;
  }
  get lineCount(): number {
    return this.#session.lineCount;
  }
  get finalState(): LexState {
    if (this.#finalState === undefined) {
      const last = this.#session.lineCount - 1;
      this.#finalState = this.#final.after(
        this.#session.lineText(last),
        this.#session.lineState(last),
      );
    }
    return this.#finalState;
  }
  /** Forgets the final state: the text changed. */
  changed(): void {
    this.#finalState = undefined;
  }
  lineText(line: number): string {
    return this.#session.lineText(line);
  }
  lineTokens(line: number): Token[] {
    return this.#session.lineTokens(line);
  }
  lineState(line: number): LexState {
    return this.#session.lineState(line);
  }
}

/** The handlers whose time {@linkcode OpenDocument.handling} keeps. */
export type Handler = "didChange" | "semanticTokensDelta" | "foldingRange" | "documentSymbol";

/** An open document. */
export class OpenDocument {
  /** Its URI. */
  readonly uri: string;
  /** The client's column encoding. */
  readonly encoding: PositionEncoding;
  /** The version of the last change applied. */
  version: number;
  /** The session holding text and tokens. */
  readonly session: EditorSession;
  /** Folding, symbols, diagnostics. */
  readonly analysis: DocumentAnalysis;
  /**
   * The server's time per `didChange` (changes, analysis, diagnostics) and per request (semantic
   * tokens delta, folding ranges, document symbols), from the handler's start to its result (the
   * JSON and the pipe are not in it).
   */
  readonly handling: Readonly<Record<Handler, LatencyHistogram>> = {
    didChange: new LatencyHistogram(),
    semanticTokensDelta: new LatencyHistogram(),
    foldingRange: new LatencyHistogram(),
    documentSymbol: new LatencyHistogram(),
  };
  readonly #tokens: SemanticTokens;
  readonly #lines: SessionLines;

  constructor(uri: string, text: string, options: { version: number; encoding: PositionEncoding }) {
    this.uri = uri;
    this.version = options.version;
    this.encoding = options.encoding;
    const lexerOptions = lexerOptionsForPath(uriPath(uri));
    this.session = new EditorSession(text, {
      ...lexerOptions,
      positionEncoding: options.encoding,
      reportTokens: false,
    });
    this.#tokens = new SemanticTokens(this.session);
    this.#lines = new SessionLines(this.session, new FinalState(lexerOptions));
    this.analysis = new DocumentAnalysis(this.#lines, lexerOptions);
    // Each change, undone ones included, reaches the analysis with the text as it left it.
    this.session.subscribe((change) => {
      this.#lines.changed();
      this.analysis.update(change);
    });
  }

  /**
   * Applies the changes of one `didChange`, in order, all or nothing.
   *
   * @param changes The content changes.
   * @throws {RangeError} For a range out of bounds or splitting a character (nothing applied).
   * @throws {TypeError} For a malformed change (nothing applied).
   */
  applyChanges(changes: readonly ContentChange[]): void {
    this.session.applyChanges(changes);
  }

  /**
   * Checks a range from the client: both ends inside the text, not splitting a character.
   *
   * @param range The range, in the client's encoding.
   * @returns The range.
   * @throws {RangeError} When it is out of bounds or reversed.
   * @throws {TypeError} When it is malformed.
   */
  checkedRange(range: Range): Range {
    if (range === null || typeof range !== "object") {
      throw new TypeError(`Invalid range: expected {start, end}, got ${range}`);
    }
    const from = this.session.offsetAt(range.start);
    const to = this.session.offsetAt(range.end);
    if (to < from) throw new RangeError("Invalid range: its end is before its start");
    return range;
  }

  /** All semantic tokens. */
  semanticFull(): SemanticTokensResult {
    return this.#tokens.full();
  }

  /**
   * The semantic tokens changed since a previous result.
   *
   * @param previousResultId The result the client holds.
   * @returns A delta, or full tokens.
   */
  semanticDelta(previousResultId: string): SemanticTokensDeltaResult | SemanticTokensResult {
    const delta = this.#tokens.delta(previousResultId);
    // lsp-mode 8.0 (Debian's elpa-lsp-mode) drops a delta edit that starts where the previous
    // one ended, the first one at index 0 included; answer those with full tokens, which LSP
    // allows in reply to a delta request.
    if ("edits" in delta && delta.edits.length > 0 && delta.edits[0]!.start === 0) {
      return this.#tokens.full();
    }
    return delta;
  }

  /**
   * The semantic tokens overlapping a range.
   *
   * @param range The range, in the client's encoding.
   * @returns The tokens.
   */
  semanticRange(range: Range): { data: number[] } {
    return this.#tokens.range(this.checkedRange(range));
  }

  /**
   * A client column for a UTF-16 one.
   *
   * @param line The line.
   * @param column The UTF-16 column.
   * @returns The column in the client's encoding.
   */
  clientColumn(line: number, column: number): number {
    if (this.encoding === "utf-16") return column;
    return fromUtf16Column(this.session.lineText(line), column, this.encoding);
  }
}
