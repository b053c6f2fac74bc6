/**
 * The error every task throws for a mistake of its caller (a bad flag, an unreadable or wrong
 * input file, an output path it may not write), and the exit codes all tasks share.
 *
 * @module
 */

/**
 * The exit codes of every task: 0 success, 1 the check found a problem (failures, missed
 * targets, divergences), 2 a usage or input error.
 */
export const ExitCode = {
  /** Everything checked out. */
  Ok: 0,
  /** The check ran and found a problem. */
  Problem: 1,
  /** The command line or an input was wrong; nothing was checked. */
  Usage: 2,
} as const;

/** One of the values of {@linkcode ExitCode}. */
export type ExitCode = typeof ExitCode[keyof typeof ExitCode];

/**
 * A mistake of the caller: the task prints its message (no stack trace) and exits with
 * {@linkcode ExitCode.Usage}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { UsageError } from "./usage_error.ts";
 * const e = new UsageError("--runs: \"x\" is not an integer of at least 1");
 * assertEquals([e.name, e instanceof Error], ["UsageError", true]);
 * ```
 */
export class UsageError extends Error {
  /**
   * Makes a usage error.
   *
   * @param message What was wrong and what was expected.
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
