/**
 * Where the command-line programs of `bench/` write: results on stdout, progress and errors on
 * stderr. Tests pass their own sink to capture or silence them. The option checks are the
 * shared ones of `_tools/`, under the names the bench programs call them by.
 *
 * @module
 */

import { parseInteger, parsePositiveNumber } from "../_tools/options.ts";
import { checkOutputPath, checkReadPermission, ensureParent } from "../_tools/output_path.ts";
import { UsageError } from "../_tools/usage_error.ts";

export { ensureParent, UsageError };

/** An output sink. */
export interface CliIo {
  /** Writes a line of results (stdout). */
  out(line: string): void;
  /** Writes a line of progress or an error (stderr). */
  err(line: string): void;
}

/**
 * The console: `out` to stdout, `err` to stderr.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { CONSOLE_IO } from "./cli_io.ts";
 * assertEquals(typeof CONSOLE_IO.out, "function");
 * ```
 */
export const CONSOLE_IO: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/**
 * An integer option of at least `min` (the shared `parseInteger`).
 *
 * @param name The option's name, for the error message.
 * @param value The raw value.
 * @param min The smallest value allowed.
 * @returns The integer.
 * @throws {UsageError} When the value is not an integer of at least `min`.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { intOption, UsageError } from "./cli_io.ts";
 * assertEquals(intOption("runs", "3", 1), 3);
 * assertThrows(() => intOption("runs", "x", 1), UsageError);
 * ```
 */
export function intOption(name: string, value: unknown, min: number): number {
  return parseInteger(name, String(value), { min });
}

/**
 * A positive number option (the shared `parsePositiveNumber`).
 *
 * @param name The option's name, for the error message.
 * @param value The raw value.
 * @returns The number, greater than 0.
 * @throws {UsageError} When the value is not a positive number.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { numberOption } from "./cli_io.ts";
 * assertEquals(numberOption("gate-ratio", "1.5"), 1.5);
 * ```
 */
export function numberOption(name: string, value: unknown): number {
  return parsePositiveNumber(name, String(value));
}

/**
 * Fails early, before minutes of measuring, when the program may not read a path, or may not
 * write a file (also: the path is a folder, or the file cannot be opened for writing).
 *
 * @param kind `"read"` or `"write"`.
 * @param path The path.
 * @param option The option that named it, for the message.
 * @throws {UsageError} When the path cannot be used so.
 *
 * @example
 * ```ts
 * import { requirePermission } from "./cli_io.ts";
 * requirePermission("read", ".", "--trace");
 * ```
 */
export function requirePermission(kind: "read" | "write", path: string, option: string): void {
  if (kind === "read") checkReadPermission(path, option);
  else checkOutputPath(path, option);
}
