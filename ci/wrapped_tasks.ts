/**
 * The tasks whose command line runs a wrapper program (`deno task test`, `deno task bench`):
 * for the least-privilege audit, each is seen with the `deno` command its wrapper runs, so the
 * permissions of the real `deno test` and `deno bench` are audited, not only the wrapper's.
 *
 * @module
 */

import { BENCH_ARGS } from "../bench/bench_task.ts";
import { TEST_ARGS } from "./test_task.ts";

/** Each wrapper task and the `deno` arguments its program runs. */
export const WRAPPED_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  test: TEST_ARGS,
  bench: BENCH_ARGS,
};

/**
 * The tasks, with each wrapper's command followed by `&& deno ARGS` of the command it runs.
 *
 * @param tasks The tasks of `deno.json`, name to command.
 * @returns A copy, the wrapper tasks extended.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { withWrappedCommands } from "./wrapped_tasks.ts";
 * const tasks = withWrappedCommands(new Map([["test", "deno run ci/test_task.ts"]]));
 * assertStringIncludes(tasks.get("test")!, "&& deno test --doc");
 * ```
 */
export function withWrappedCommands(tasks: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(tasks);
  for (const [name, args] of Object.entries(WRAPPED_COMMANDS)) {
    const command = out.get(name);
    if (command !== undefined) out.set(name, `${command} && deno ${args.join(" ")}`);
  }
  return out;
}
