/**
 * What an `EditorSession` reports of each change, and what it takes as one.
 *
 * @module
 */

import type { Range } from "./incremental.ts";
import type { Token } from "./token.ts";

/** Why the session did a batch lex instead of an incremental edit. */
export type FallbackReason = "crossover" | "self-check" | "exception" | "invariant";

/** One fallback to a batch lex. */
export interface FallbackRecord {
  /** Why. */
  reason: FallbackReason;
  /** What exactly (the exception's message, the line that differed). */
  detail: string;
  /** The time the batch lex took, in ms. */
  costMs: number;
  /** The lines of the text lexed. */
  lines: number;
  /** The number of the edit that caused it (from 1). */
  edit: number;
}

/** What one change of the session changed, in the new line numbering. */
export interface SessionChange {
  /** The first line whose tokens may have changed. */
  fromLine: number;
  /** The end (exclusive) of the old lines replaced, in the old numbering. */
  oldToLine: number;
  /** The end (exclusive) of the new lines that replaced them. */
  newToLine: number;
  /**
   * The end (exclusive) of the lines whose tokens are new: `tokens` holds them. At least
   * `newToLine`, except after a fallback in budget mode: lines `changedToLine .. newToLine - 1`
   * are then new but still pending (a later `EditorSession.work` reports them).
   */
  changedToLine: number;
  /** The offset where line `fromLine` starts. */
  fromOffset: number;
  /** The offset where line `changedToLine` starts (or the text's length). */
  toOffset: number;
  /** The tokens of lines `fromLine .. changedToLine - 1` (empty with `reportTokens: false`). */
  tokens: Token[];
  /** How many lines this change lexed. */
  relexedLines: number;
  /** Set when the change was done (or repaired) by a batch lex. */
  fallback?: FallbackRecord;
}

/** An LSP `TextDocumentContentChangeEvent`: a range and its new text, or a whole new text. */
export interface ContentChange {
  /** The replaced range, in the session's position encoding; absent: the whole text. */
  range?: Range;
  /** The new text. */
  text: string;
}

/** The lines still pending in budget mode. */
export interface PendingRange {
  /** The first pending line. */
  fromLine: number;
  /** The end (exclusive): the line count. */
  toLine: number;
}

/** A listener of a session's changes. */
export type ChangeListener = (change: SessionChange) => void;
