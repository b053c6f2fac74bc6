/**
 * The one way every task reports an error: `TASK: error: MESSAGE` on stderr, a hint to `--help`
 * for usage errors, and exit code 2; never an uncaught stack trace.
 *
 * @module
 */

import { ExitCode, UsageError } from "./usage_error.ts";

/**
 * Describes an error for people, in one line: a {@linkcode UsageError}'s message as is, a file
 * system error by what it means.
 *
 * @param error What was thrown.
 * @returns The sentence.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeError } from "./run_main.ts";
 * assertEquals(describeError(new Deno.errors.NotFound("x")), "no such file or directory (x)");
 * ```
 */
export function describeError(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (!(error instanceof Error)) return String(error);
  const detail = error.message;
  if (error instanceof Deno.errors.NotFound) return `no such file or directory (${detail})`;
  if (error instanceof Deno.errors.IsADirectory) return `a directory, not a file (${detail})`;
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    return `not allowed by the task's permissions (${detail})`;
  }
  return `${error.name}: ${detail}`;
}

/**
 * Formats the error line of a task.
 *
 * @param task The task's name, e.g. `"fuzz"` or `"perf:report"`.
 * @param error What was thrown.
 * @returns `TASK: error: MESSAGE`, plus a line pointing to `--help` for usage errors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { errorLines } from "./run_main.ts";
 * import { UsageError } from "./usage_error.ts";
 * assertEquals(
 *   errorLines("fuzz", new UsageError("unknown option --nope")),
 *   "fuzz: error: unknown option --nope\nfuzz: run deno task fuzz --help for the options",
 * );
 * ```
 */
export function errorLines(task: string, error: unknown): string {
  const line = `${task}: error: ${describeError(error)}`;
  return error instanceof UsageError
    ? `${line}\n${task}: run deno task ${task} --help for the options`
    : line;
}

/**
 * Runs a task's `main` and turns anything it throws into the error line and exit code 2.
 *
 * @param task The task's name, for the error prefix.
 * @param main The task: resolves with its exit code.
 * @param print Where the error line goes.
 * @returns The exit code.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { runMain } from "./run_main.ts";
 * const lines: string[] = [];
 * const code = await runMain("demo", () => Promise.reject(new Error("boom")), (l) => lines.push(l));
 * assertEquals([code, lines], [2, ["demo: error: Error: boom"]]);
 * ```
 */
export async function runMain(
  task: string,
  main: () => Promise<number>,
  print: (line: string) => void = (line) => console.error(line),
): Promise<number> {
  try {
    return await main();
  } catch (error) {
    print(errorLines(task, error));
    return ExitCode.Usage;
  }
}
