/**
 * Where the command-line programs of `bench/` write: results on stdout, progress and errors on
 * stderr. Tests pass their own sink to capture or silence them. The option checks are the
 * shared ones of `_tools/`, under the names the bench programs call them by, and
 * {@linkcode parseProgram} is the option parsing, `--help` and usage-error handling the programs
 * share.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
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

/** The options of a bench program, as {@linkcode parseProgram} reads them. */
export interface ProgramSpec {
  /** The program's name, the prefix of its error lines (`complexity`). */
  readonly task: string;
  /** What `--help` prints. */
  readonly help: string;
  /** The flags without a value (`help` among them). */
  readonly boolean: readonly string[];
  /** The options that take a value. */
  readonly string: readonly string[];
  /**
   * The message of the usage error for an unknown option.
   *
   * @default {(arg) => `unknown option ${arg}`}
   */
  readonly unknown?: (arg: string) => string;
  /**
   * What is printed for a usage error.
   *
   * @default {(e) => `${task}: ${e.message}\nRun with --help for the options.`}
   */
  readonly usageLines?: (error: UsageError) => string;
}

/** A parsed command line: a flag is `true` when given, an option its value or `undefined`. */
export type ProgramFlags = Readonly<Record<string, string | boolean | undefined>>;

/** The settings a command line gave, or the exit status the program returns at once. */
export type ParsedProgram<T> = { readonly settings: T } | { readonly status: 0 | 2 };

/**
 * Parses a bench program's command line and turns it into its settings: `--help` prints the
 * help text (status 0); an unknown option, or a {@linkcode UsageError} that `settings` throws,
 * prints the usage error (status 2). Other errors propagate.
 *
 * @param args The command-line arguments.
 * @param io Where the help text and the errors go.
 * @param spec The program's options and messages.
 * @param settings Builds the settings from the flags; throws a `UsageError` for a bad value.
 * @returns The settings, or the status to exit with.
 *
 * @example `--help`, a bad value, and settings
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { intOption, parseProgram } from "./cli_io.ts";
 * const err: string[] = [];
 * const io = { out: () => {}, err: (l: string) => err.push(l) };
 * const spec = { task: "t", help: "t [--runs N]", boolean: ["help"], string: ["runs"] };
 * const runs = (f: Record<string, unknown>) => intOption("runs", f.runs ?? "1", 1);
 * assertEquals(parseProgram(["--help"], io, spec, runs), { status: 0 });
 * assertEquals(parseProgram(["--runs", "0"], io, spec, runs), { status: 2 });
 * assertEquals(err, ['t: --runs: "0" is not an integer of at least 1\nRun with --help for the options.']);
 * assertEquals(parseProgram(["--runs=4"], io, spec, runs), { settings: 4 });
 * ```
 */
export function parseProgram<T>(
  args: readonly string[],
  io: CliIo,
  spec: ProgramSpec,
  settings: (flags: ProgramFlags) => T,
): ParsedProgram<T> {
  try {
    const parsed = parseArgs([...args], {
      boolean: [...spec.boolean],
      string: [...spec.string],
      unknown: (arg: string) => {
        throw new UsageError(spec.unknown?.(arg) ?? `unknown option ${arg}`);
      },
    }) as Record<string, unknown>;
    const flags: Record<string, string | boolean | undefined> = {};
    for (const name of spec.boolean) flags[name] = parsed[name] === true;
    for (const name of spec.string) {
      const value = parsed[name];
      flags[name] = value === undefined ? undefined : String(value);
    }
    if (flags.help) {
      io.out(spec.help);
      return { status: 0 };
    }
    return { settings: settings(flags) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(
      spec.usageLines?.(error) ??
        `${spec.task}: ${error.message}\nRun with --help for the options.`,
    );
    return { status: 2 };
  }
}
