/**
 * The comparison of two lexings of the same text (an incremental lexer's result against the
 * batch reference), line by line (start state, then tokens), then the final state. The fuzzer,
 * the trace replay and the benchmarks all use it; it needs only the public shape of the
 * lexer's results (`IncrementalLexer` and `lexDocument()` both have it).
 *
 * @module
 */

/** A token as compared: the public `Token` shape. */
export interface LexedToken {
  /** The token kind. */
  readonly kind: string;
  /** 0-based line. */
  readonly line: number;
  /** 0-based column in UTF-16 code units. */
  readonly column: number;
  /** Length in UTF-16 code units. */
  readonly length: number;
  /** The token's source text. */
  readonly text: string;
  /** Whether the token is in math. */
  readonly math: boolean;
}

/** A lexed document: per-line tokens and start states of type `S`. */
export interface LexedLines<S = unknown> {
  /** Number of line endings + 1. */
  readonly lineCount: number;
  /**
   * The tokens of one line.
   *
   * @param line 0-based line.
   * @returns The tokens.
   */
  lineTokens(line: number): readonly LexedToken[];
  /**
   * The state at the start of one line.
   *
   * @param line 0-based line.
   * @returns An opaque state, compared through a state key function.
   */
  lineState(line: number): S;
  /** The state after the last line. */
  readonly finalState: S;
}

type FuzzToken = LexedToken;

/** What kind of difference a check found. */
export const DifferenceKind = {
  /** The incremental and batch line counts differ. */
  LineCount: "line_count",
  /** A line's start state differs. */
  State: "state",
  /** A line's tokens differ. */
  Tokens: "tokens",
  /** The state after the last line differs. */
  FinalState: "final_state",
  /** The cheap per-edit check: the incremental length is not the expected text's length. */
  Length: "length",
  /** The cheap per-edit check: the incremental line count is not the expected one. */
  EditLineCount: "edit_line_count",
  /** The lexer threw on a valid edit or while being read. */
  Exception: "exception",
} as const;

/** One of the values of {@linkcode DifferenceKind}. */
export type DifferenceKind = typeof DifferenceKind[keyof typeof DifferenceKind];

/** The first difference between the incremental result and the reference. */
export interface Difference {
  /** What differs. */
  kind: DifferenceKind;
  /** The 0-based line, or -1 when the difference is not about one line. */
  line: number;
  /** Index of the first differing token in the whole document (tokens kind), else -1. */
  tokenIndex: number;
  /** Index of the first differing token within its line (tokens kind), else -1. */
  lineTokenIndex: number;
  /** The reference value: a token, a state key, a count, or `null` where there is none. */
  expected: FuzzToken | string | number | null;
  /** The incremental lexer's value, in the same form. */
  actual: FuzzToken | string | number | null;
}

function sameToken(a: FuzzToken, b: FuzzToken): boolean {
  return a.kind === b.kind && a.line === b.line && a.column === b.column &&
    a.length === b.length && a.text === b.text && a.math === b.math;
}

function plainToken(t: FuzzToken | undefined): FuzzToken | null {
  if (t === undefined) return null;
  return {
    kind: t.kind,
    line: t.line,
    column: t.column,
    length: t.length,
    text: t.text,
    math: t.math,
  };
}

function difference(
  kind: DifferenceKind,
  line: number,
  expected: Difference["expected"],
  actual: Difference["actual"],
): Difference {
  return { kind, line, tokenIndex: -1, lineTokenIndex: -1, expected, actual };
}

function lineDifference<S>(
  actual: LexedLines<S>,
  expected: LexedLines<S>,
  stateKey: (state: S) => string,
  line: number,
): Difference | null {
  const es = stateKey(expected.lineState(line));
  const as = stateKey(actual.lineState(line));
  if (es !== as) return difference(DifferenceKind.State, line, es, as);
  const et = expected.lineTokens(line);
  const at = actual.lineTokens(line);
  const n = Math.max(et.length, at.length);
  for (let i = 0; i < n; i++) {
    const e = et[i], a = at[i];
    if (e === undefined || a === undefined || !sameToken(e, a)) {
      return {
        kind: DifferenceKind.Tokens,
        line,
        tokenIndex: -1,
        lineTokenIndex: i,
        expected: plainToken(e),
        actual: plainToken(a),
      };
    }
  }
  return null;
}

/**
 * Compares every line's start state and tokens, and the final state, of `actual` against
 * `expected`.
 *
 * The lines are read from the last to the first, not in order: an editor reads the lines near
 * an edit first, and a lexer that caches where it last read (as the line store does) must be
 * right for a first read anywhere; reading from line 0 on would refresh such a cache before any
 * line near the edit is read. The difference reported is still the first line's.
 *
 * @param actual The incremental lexer's result.
 * @param expected The batch reference.
 * @param stateKey The lexer's state key function.
 * @returns The difference at the lowest line, or `null` when they agree.
 * @example Two equal results
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compareLexings } from "./compare_lexings.ts";
 * const doc = { lineCount: 1, lineTokens: () => [], lineState: () => 0, finalState: 0 };
 * assertEquals(compareLexings(doc, doc, String), null);
 * ```
 */
export function compareLexings<S>(
  actual: LexedLines<S>,
  expected: LexedLines<S>,
  stateKey: (state: S) => string,
): Difference | null {
  if (actual.lineCount !== expected.lineCount) {
    return difference(DifferenceKind.LineCount, -1, expected.lineCount, actual.lineCount);
  }
  let found: Difference | null = null;
  for (let line = expected.lineCount - 1; line >= 0; line--) {
    found = lineDifference(actual, expected, stateKey, line) ?? found;
  }
  if (found !== null) {
    if (found.kind !== DifferenceKind.Tokens) return found;
    let before = 0;
    for (let line = 0; line < found.line; line++) before += expected.lineTokens(line).length;
    return { ...found, tokenIndex: before + found.lineTokenIndex };
  }
  const ef = stateKey(expected.finalState);
  const af = stateKey(actual.finalState);
  if (ef !== af) return difference(DifferenceKind.FinalState, -1, ef, af);
  return null;
}

/**
 * The per-edit consistency check: length and line count against the fuzzer's own bookkeeping.
 *
 * @param actual The incremental lexer.
 * @param expected The expected length and line count.
 * @returns The difference, or `null`.
 * @example A length mismatch
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { checkShape } from "./compare_lexings.ts";
 * assertEquals(checkShape({ length: 3, lineCount: 1 }, { length: 4, lineCount: 1 })?.kind, "length");
 * ```
 */
export function checkShape(
  actual: { readonly length: number; readonly lineCount: number },
  expected: { length: number; lineCount: number },
): Difference | null {
  if (actual.length !== expected.length) {
    return difference(DifferenceKind.Length, -1, expected.length, actual.length);
  }
  if (actual.lineCount !== expected.lineCount) {
    return difference(DifferenceKind.EditLineCount, -1, expected.lineCount, actual.lineCount);
  }
  return null;
}

/**
 * Describes a thrown value as a difference.
 *
 * @param error What was thrown.
 * @returns An exception difference (expected `null`, actual the error message).
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { exceptionDifference } from "./compare_lexings.ts";
 * assertEquals(exceptionDifference(new TypeError("bad")).actual, "TypeError: bad");
 * ```
 */
export function exceptionDifference(error: unknown): Difference {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return difference(DifferenceKind.Exception, -1, null, message);
}
