/**
 * Options and tunables of the `EditorSession`.
 *
 * @module
 */

import type { LexerOptions } from "./options.ts";
import type { PositionEncoding } from "./positions.ts";

/** Tunables of the session. */
export interface SessionTuning {
  /** The crossover fraction of the document's lines. */
  readonly crossover: number;
  /** Documents with fewer lines never take the crossover fallback. */
  readonly crossoverMinLines: number;
  /** Lines past an edit's end that budget mode keeps lexed. */
  readonly budgetMargin: number;
  /** Lines one step of `work` appends. */
  readonly workSlice: number;
  /** Fallback records kept in the report. */
  readonly fallbackHistory: number;
  /** Lines the self-check samples. */
  readonly selfCheckLines: number;
  /** Lexing speed assumed before any is measured. */
  readonly initialUnitsPerMs: number;
}

/**
 * Tunables of the session, each with why.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { SESSION_TUNING } from "@latex-perfectionist/lexer";
 * assert(SESSION_TUNING.crossover > 0);
 * ```
 */
export const SESSION_TUNING: SessionTuning = Object.freeze({
  /**
   * An edit whose new lines are at least this fraction of the document's lines is done as a
   * batch lex of the new text. Measured by `bench/session_fallback.ts` (README, "Editor
   * session"): the first fraction where the batch path was faster was 0.4 on the generated
   * 1 MB document and 0.75 on the 1.8 MB `algebra.tex`, with the two paths within 30% of each
   * other in between; 0.6 is the middle of that flat stretch.
   */
  crossover: 0.6,
  /** Documents with fewer lines never take the crossover fallback: both paths cost microseconds. */
  crossoverMinLines: 64,
  /** Lines past an edit's end that budget mode keeps lexed (besides the visible range). */
  budgetMargin: 64,
  /** Lines one step of `EditorSession.work` appends before it looks at the clock. */
  workSlice: 256,
  /** Fallback records kept in the report (the count covers all). */
  fallbackHistory: 32,
  /** Lines the self-check compares, besides the changed ones (at most 16 of those). */
  selfCheckLines: 8,
  /** Code units lexed per ms before the session has measured its own batch lexes. */
  initialUnitsPerMs: 20_000,
});

/** The self-check: after each edit, sampled lines are compared with a batch lex. */
export interface SelfCheckOptions {
  /**
   * Compare after every `every`-th edit.
   *
   * @default {1}
   */
  every?: number;
  /**
   * How many lines to sample besides the changed ones.
   *
   * @default {8}
   */
  lines?: number;
  /**
   * The seed of the sampling.
   *
   * @default {1}
   */
  seed?: number;
}

/** The fallback to a batch lex for edits that re-lex most of the document. */
export interface FallbackOptions {
  /**
   * The fraction of the document's lines an edit's new lines must reach for a batch lex;
   * `Infinity` disables it.
   *
   * @default {0.6}
   */
  crossover?: number;
}

/** Budget mode: an edit lexes its lines and the visible range, and leaves the rest pending. */
export interface BudgetOptions {
  /**
   * The time an edit may spend lexing, in milliseconds: past it, the lines after the edit's
   * window are left pending.
   *
   * @default {4}
   */
  editMs?: number;
}

/** Options of an `EditorSession`: the lexer's, and the session's own. */
export interface EditorSessionOptions extends LexerOptions {
  /**
   * The encoding of the columns of positions the session takes and gives.
   *
   * @default {"utf-16"}
   */
  positionEncoding?: PositionEncoding;
  /**
   * The crossover fallback.
   *
   * @default {{ crossover: 0.6 }}
   */
  fallback?: FallbackOptions;
  /**
   * Compare sampled lines with a batch lex after edits (a debugging aid: it lexes the whole
   * text each time); `true` means the defaults.
   *
   * @default {false}
   */
  selfCheck?: boolean | SelfCheckOptions;
  /**
   * Budget mode; `true` means the defaults.
   *
   * @default {false}
   */
  budget?: boolean | BudgetOptions;
  /**
   * Whether each change carries its tokens (Token objects of the changed lines).
   *
   * @default {true}
   */
  reportTokens?: boolean;
}
