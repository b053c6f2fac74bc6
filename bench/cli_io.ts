/**
 * Where the command-line programs of `bench/` write: results on stdout, progress and errors on
 * stderr. Tests pass their own sink to capture or silence them.
 *
 * @module
 */

import { dirname } from "@std/path";

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
 * assertEquals(typeof CONSOLE_IO.out, "function");
 * ```
 */
export const CONSOLE_IO: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/**
 * Creates a file's folder when it is missing; an existing folder is left alone, so write
 * permission on the file alone suffices.
 *
 * @param path The file about to be written.
 * @returns When the folder exists.
 *
 * @example
 * ```ts
 * await ensureParent(Deno.makeTempDirSync() + "/a/b.json");
 * ```
 */
export async function ensureParent(path: string): Promise<void> {
  const dir = dirname(path);
  try {
    await Deno.stat(dir);
  } catch {
    await Deno.mkdir(dir, { recursive: true });
  }
}

/** A usage error: the program prints it with a hint and exits with status 2. */
export class UsageError extends Error {
  /**
   * Makes a usage error.
   *
   * @param message What was wrong with the command line.
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Parses a positive integer option.
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
 * assertEquals(intOption("runs", "3", 1), 3);
 * assertThrows(() => intOption("runs", "x", 1), UsageError);
 * ```
 */
export function intOption(name: string, value: unknown, min: number): number {
  const n = typeof value === "number" ? value : Number(String(value));
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer of at least ${min}, got "${String(value)}"`);
  }
  return n;
}

/**
 * Parses a positive number option.
 *
 * @param name The option's name, for the error message.
 * @param value The raw value.
 * @returns The number, greater than 0.
 * @throws {UsageError} When the value is not a positive number.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(numberOption("gate-ratio", "1.5"), 1.5);
 * ```
 */
export function numberOption(name: string, value: unknown): number {
  const n = typeof value === "number" ? value : Number(String(value));
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--${name} must be a positive number, got "${String(value)}"`);
  }
  return n;
}

/**
 * Fails early, before minutes of measuring, when the program may not read or write a path it was
 * given (the tasks grant narrow permissions).
 *
 * @param kind `"read"` or `"write"`.
 * @param path The path.
 * @param option The option that named it, for the message.
 * @throws {UsageError} When the permission is not granted.
 *
 * @example
 * ```ts
 * requirePermission("read", ".", "--trace");
 * ```
 */
export function requirePermission(kind: "read" | "write", path: string, option: string): void {
  const { state } = Deno.permissions.querySync({ name: kind, path });
  if (state !== "granted") {
    throw new UsageError(
      `${option}: no permission to ${kind} ${path}; use a path the task allows or run the program with deno run and --allow-${kind}=${path}`,
    );
  }
}
