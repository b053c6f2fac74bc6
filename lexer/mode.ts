/**
 * The lexer's modes: what a `$`, a `}` or a line means depends on which one is in force.
 *
 * @module
 */

/** The mode the lexer is in at a point of the text. */
export const Mode = {
  /** Ordinary text (TeX's horizontal or vertical mode). */
  Text: 0,
  /** Inline math opened by `$`. */
  InlineMath: 1,
  /** Display math opened by `$$`. */
  DisplayMath: 2,
  /** Inline math opened by `\(`. */
  ParenMath: 3,
  /** Display math opened by `\[`. */
  BracketMath: 4,
  /** A math environment such as `align`; the state's `env` names it. */
  EnvMath: 5,
  /** The body of a verbatim-like environment; the state's `env` names it. */
  Verbatim: 6,
} as const;

/** One of the values of {@linkcode Mode}. */
export type Mode = typeof Mode[keyof typeof Mode];

/** The number of modes; modes are the integers `0 .. MODE_COUNT - 1`. */
export const MODE_COUNT = 7;

/**
 * Whether tokens lexed in this mode are in math.
 *
 * @param mode The mode.
 * @returns `true` for the five math modes.
 * @example Math modes
 * ```ts
 * import { assert } from "@std/assert";
 * import { isMathMode, Mode } from "./mode.ts";
 * assert(isMathMode(Mode.InlineMath));
 * assert(!isMathMode(Mode.Verbatim));
 * ```
 */
export function isMathMode(mode: Mode): boolean {
  return mode >= Mode.InlineMath && mode <= Mode.EnvMath;
}
