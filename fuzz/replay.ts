/**
 * Replaying a fuzz case (start text, options, edits) against a lexer and checking it.
 *
 * @module
 */

import {
  checkShape,
  compareLexings,
  type Difference,
  exceptionDifference,
} from "../_tools/compare_lexings.ts";
import { countLineBreaks, lineBreakDelta } from "./line_breaks.ts";
import type { Edit, FuzzLexerOptions, LexerUnderTest } from "./subject.ts";

/** A replayable case: open a lexer on `startText` with `options`, then apply `edits` in order. */
export interface FuzzCase {
  /** Lexer options. */
  options: FuzzLexerOptions;
  /** The document before the edits. */
  startText: string;
  /** The edits, each against the text the previous ones produced. */
  edits: Edit[];
}

/** When {@linkcode replayCase} runs the full equivalence check. */
export type CheckMode =
  /** After opening and after every edit: finds the first edit after which a difference shows. */
  | "every-edit"
  /** Only after the last edit (the cheap length/line-count check still runs after every edit). */
  | "end";

/** The outcome of a replay. */
export interface ReplayResult {
  /** The first difference found, or `null`. */
  difference: Difference | null;
  /**
   * How many edits had been applied when the difference showed (0: right after opening), or
   * the number of edits when there was none.
   */
  editsApplied: number;
}

/**
 * Checks that every edit of a case is in range for the text it applies to.
 *
 * @param c The case.
 * @returns The first bad edit's index, or -1 when all are valid.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { invalidEditIndex } from "./replay.ts";
 * assertEquals(invalidEditIndex({ options: {}, startText: "ab", edits: [[0, 2, "x"], [1, 2, ""]] }), 1);
 * ```
 */
export function invalidEditIndex(c: FuzzCase): number {
  let len = c.startText.length;
  for (let i = 0; i < c.edits.length; i++) {
    const [from, to, insert] = c.edits[i]!;
    if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= len)) {
      return i;
    }
    len += insert.length - (to - from);
  }
  return -1;
}

/**
 * Replays a case: opens the lexer, applies the edits with the cheap check after each, and runs
 * the full equivalence check against a batch lex where `mode` says.
 *
 * @param lexer The lexer under test.
 * @param c The case; its edits must be valid (see {@linkcode invalidEditIndex}).
 * @param mode When to run the full check.
 * @returns The first difference and when it showed.
 * @throws {RangeError} When an edit of the case is out of range.
 * @example A correct lexer passes
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { replayCase } from "./replay.ts";
 * import { fakeLexer } from "./_fake_lexer.ts";
 * const c = { options: {}, startText: "a $b$", edits: [[1, 1, "\n"]] as const };
 * assertEquals(replayCase(fakeLexer(), { ...c, edits: [...c.edits] }, "every-edit").difference, null);
 * ```
 */
export function replayCase(lexer: LexerUnderTest, c: FuzzCase, mode: CheckMode): ReplayResult {
  const bad = invalidEditIndex(c);
  if (bad >= 0) {
    throw new RangeError(`Cannot replay case: edit ${bad} is out of range for its text`);
  }
  let text = c.startText;
  let lineCount = countLineBreaks(text) + 1;
  let subject;
  try {
    subject = lexer.open(text, c.options);
  } catch (e) {
    return { difference: exceptionDifference(e), editsApplied: 0 };
  }
  const full = (applied: number): ReplayResult | null => {
    try {
      const d = compareLexings(subject, lexer.batch(text, c.options), lexer.stateKey);
      return d === null ? null : { difference: d, editsApplied: applied };
    } catch (e) {
      return { difference: exceptionDifference(e), editsApplied: applied };
    }
  };
  if (mode === "every-edit") {
    const r = full(0);
    if (r !== null) return r;
  }
  for (let i = 0; i < c.edits.length; i++) {
    const [from, to, insert] = c.edits[i]!;
    try {
      subject.edit(from, to, insert);
      lineCount += lineBreakDelta(text, { from, to, insert });
      text = text.slice(0, from) + insert + text.slice(to);
      const d = checkShape(subject, { length: text.length, lineCount });
      if (d !== null) return { difference: d, editsApplied: i + 1 };
    } catch (e) {
      return { difference: exceptionDifference(e), editsApplied: i + 1 };
    }
    if (mode === "every-edit") {
      const r = full(i + 1);
      if (r !== null) return r;
    }
  }
  if (mode === "end") {
    const r = full(c.edits.length);
    if (r !== null) return r;
  }
  return { difference: null, editsApplied: c.edits.length };
}
