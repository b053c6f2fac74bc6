/**
 * Runs a `deno` subcommand for a task that wraps one (`deno task test`, `deno task bench`):
 * answers `--help` with the task's own help (what it runs, with which permissions, how to pass
 * arguments through) instead of Deno's, and otherwise runs Deno with the task's fixed flags
 * followed by the caller's arguments, returning its exit code.
 *
 * @module
 */

/** What {@linkcode runDeno} runs. */
export interface WrappedCommand {
  /** The task's help text, printed for `--help` or `-h`. */
  readonly help: string;
  /** The fixed arguments, e.g. `["test", "--doc", "--allow-read"]`; the caller's come after. */
  readonly args: readonly string[];
  /** Environment variables to set for Deno. @default {} */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Whether the caller asked for help: `--help` or `-h` before any `--`.
 *
 * @param args The caller's arguments.
 * @returns Whether to print the help.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { wantsHelp } from "./deno_wrapper.ts";
 * assertEquals([wantsHelp(["-h"]), wantsHelp(["x_test.ts"]), wantsHelp(["--", "--help"])], [true, false, false]);
 * ```
 */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/**
 * Prints the help, or runs `deno` with the fixed and the caller's arguments (stdin, stdout and
 * stderr inherited).
 *
 * @param command What to run.
 * @param args The caller's arguments.
 * @returns Deno's exit code, or 0 after printing the help.
 *
 * @example Help is answered without running Deno
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { runDeno } from "./deno_wrapper.ts";
 * assertEquals(await runDeno({ help: "usage", args: ["test"] }, ["--help"]), 0);
 * ```
 */
export async function runDeno(command: WrappedCommand, args: readonly string[]): Promise<number> {
  if (wantsHelp(args)) {
    console.log(command.help);
    return 0;
  }
  const child = new Deno.Command("deno", {
    args: [...command.args, ...args],
    env: { ...(command.env ?? {}) },
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  return (await child.status).code;
}
