/**
 * `deno task perf:gate`: the performance suite gated against the recorded baseline of this
 * machine (`deno task perf --gate`), with `--help` of its own.
 *
 * @module
 */

import { runMain } from "../_tools/run_main.ts";
import { DEFAULT_GATE_FLOOR_MS, DEFAULT_GATE_RATIO } from "./gate.ts";
import { DEFAULT_HISTORY_PATH } from "./history.ts";
import { main as perf } from "./perf.ts";

/** The `--help` text. */
export const GATE_HELP = `deno task perf:gate [perf options]

Runs the performance suite (deno task perf) and compares it with the latest run recorded with
--record in ${DEFAULT_HISTORY_PATH} on this machine with the same operation counts: a test whose
p50 grew by more than --gate-ratio (default ${DEFAULT_GATE_RATIO}) fails the gate, unless both medians
are under --gate-floor-ms (default ${DEFAULT_GATE_FLOOR_MS}). With no baseline recorded it says so
and gates nothing.

It is deno task perf --gate: every option of deno task perf --help applies (--record, --db,
--baseline COMMIT, --gate-ratio, --gate-floor-ms, --quick, ...).

Example, as the workflow gates a pull request against its base:
  git stash; deno task perf --record; git stash pop; deno task perf:gate

Exit status: 0 the targets are met and the gate passed, 1 a target was missed or the gate
failed, 2 usage or input error.`;

/**
 * Runs the task.
 *
 * @param args The caller's arguments.
 * @returns The exit code.
 */
export async function main(args: readonly string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(GATE_HELP);
    return 0;
  }
  return await perf(["--gate", ...args.filter((a) => a !== "--gate")]);
}

if (import.meta.main) Deno.exit(await runMain("perf:gate", () => main(Deno.args)));
