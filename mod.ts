/**
 * LaTeX Perfectionist: an incremental, checkpoint-based LaTeX lexer for editors.
 *
 * ## Batch
 * {@linkcode tokenize} lexes a whole text; it is the reference. {@linkcode lexDocument} also
 * keeps each line's start state.
 *
 * ## Incremental
 * {@linkcode IncrementalLexer} keeps the state at the start of every line. After an edit it
 * re-lexes from the first touched line and stops as soon as the state it computes at a line start
 * equals the stored one, so the tokens always equal a fresh batch lex, at a cost in proportion to
 * the edit and the lines whose state really changed.
 *
 * ## One line at a time
 * {@linkcode lexLine} lexes one line from a start state ({@linkcode initialState} for the
 * first), for editors that keep their own per-line states (CodeMirror's `StreamLanguage`,
 * Monaco's tokens providers); chaining it over the lines gives {@linkcode tokenize}'s tokens.
 *
 * @example Keeping tokens up to date
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { IncrementalLexer, tokenize } from "./mod.ts";
 *
 * const lexer = new IncrementalLexer("Let $x = 1$.\n\nDone.");
 * const result = lexer.edit(5, 6, "y");
 * assertEquals(result.relexedLines, 1);
 * assertEquals(lexer.tokens(), tokenize("Let $y = 1$.\n\nDone."));
 * ```
 *
 * @module
 */

export { lexDocument, tokenize } from "./lexer/document_lexer.ts";
export {
  initialState,
  lexLine,
  type LexLineOptions,
  type LineResult,
  sameState,
} from "./lexer/lex_line.ts";
export { type EditResult, IncrementalLexer, type MemoryUsage } from "./lexer/incremental.ts";
export type { LexedDocument } from "./lexer/lexed_document.ts";
export { type LexerOptions, lexerOptionsForPath } from "./lexer/options.ts";
export { Mode } from "./lexer/mode.ts";
export { type CatcodeChange, INITIAL_STATE, type LexState, type TextFrame } from "./lexer/state.ts";
export { decodeState, encodeState, stateKey } from "./lexer/state_codec.ts";
export type { Token } from "./lexer/token.ts";
export {
  TOKEN_KINDS,
  TokenKind,
  tokenKindCode,
  tokenLength,
  tokenMath,
} from "./lexer/token_kind.ts";
export type { Position, Range } from "./lexer/incremental.ts";
export {
  type BudgetOptions,
  type ChangeListener,
  type ContentChange,
  EditorSession,
  type EditorSessionOptions,
  type FallbackOptions,
  type FallbackReason,
  type FallbackRecord,
  type PendingRange,
  type PerformanceReport,
  type SelfCheckOptions,
  SESSION_TUNING,
  type SessionChange,
  type SessionTuning,
} from "./lexer/editor_session.ts";
export type { LatencySummary } from "./lexer/_latency_histogram.ts";
export {
  encodedLength,
  fromUtf16Column,
  POSITION_ENCODINGS,
  type PositionEncoding,
  requireEncoding,
  splitsSurrogatePair,
  toUtf16Column,
} from "./lexer/positions.ts";
export {
  SEMANTIC_FALLBACKS,
  SEMANTIC_LEGEND,
  type SemanticLegend,
  SemanticModifier,
  SemanticType,
  STANDARD_LEGEND,
  STANDARD_TYPE_OF,
} from "./lexer/semantic_legend.ts";
export { classifyLine } from "./lexer/semantic_classify.ts";
export {
  applySemanticTokensEdits,
  type DecodedSemanticToken,
  decodeSemanticTokens,
  SemanticTokens,
  type SemanticTokensDeltaResult,
  type SemanticTokensEdit,
  type SemanticTokensOptions,
  type SemanticTokensResult,
} from "./lexer/semantic_tokens.ts";
