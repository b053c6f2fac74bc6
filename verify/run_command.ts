/**
 * Runs one external program through `Deno.Command`, the only way `verify` starts programs, so
 * the task's `--allow-run` list is the complete list of what it may run.
 *
 * @module
 */

/** The outcome of a program that ran. */
export interface CommandResult {
  /** The exit code. */
  code: number;
  /** Everything it wrote to stdout. */
  stdout: string;
  /** Everything it wrote to stderr. */
  stderr: string;
  /** Wall-clock time from spawn to exit, in milliseconds. */
  ms: number;
}

/** Options of {@linkcode runCommand}. */
export interface RunOptions {
  /**
   * The working directory.
   *
   * @default the current directory
   */
  cwd?: string;
}

/** The program is not installed (not found on `PATH`). */
export class ToolMissingError extends Error {
  /**
   * @param program The program that was not found.
   */
  constructor(readonly program: string) {
    super(`Cannot run ${program}: it is not installed or not on PATH`);
    this.name = "ToolMissingError";
  }
}

/** The permission allowlist does not include the program. */
export class RunNotAllowedError extends Error {
  /**
   * @param program The program that was refused.
   * @param cause The `Deno.errors.NotCapable` error Deno threw.
   */
  constructor(readonly program: string, cause: Error) {
    super(
      `Cannot run ${program}: not in the --allow-run list of this process ` +
        `(${cause.name}: ${cause.message})`,
      { cause },
    );
    this.name = "RunNotAllowedError";
  }
}

const decoder = new TextDecoder();

/**
 * Runs a program to completion and collects its output.
 *
 * @param program The program, looked up on `PATH`.
 * @param args Its arguments.
 * @param options Where to run it.
 * @returns Its exit code, output and run time.
 * @throws {ToolMissingError} When the program is not installed.
 * @throws {RunNotAllowedError} When this process may not run it.
 * @example Running an allowed program
 * ```ts ignore
 * import { runCommand } from "./run_command.ts";
 * const { code, stdout } = await runCommand("coqc", ["--version"]);
 * console.log(code, stdout);
 * ```
 */
export async function runCommand(
  program: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<CommandResult> {
  const start = performance.now();
  let output: Deno.CommandOutput;
  try {
    const command = new Deno.Command(program, {
      args: [...args],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    output = await command.output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new ToolMissingError(program);
    if (error instanceof Deno.errors.NotCapable) throw new RunNotAllowedError(program, error);
    throw error;
  }
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
    ms: performance.now() - start,
  };
}
