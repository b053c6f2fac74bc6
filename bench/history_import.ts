/**
 * `deno task perf:import REPORT --commit HASH`: stores a `deno task perf` JSON report, made
 * elsewhere (a worktree of an older commit), in this checkout's history, so the gate can compare
 * with it (`deno task perf --gate --baseline HASH`).
 *
 * A worktree's `.git` is a file pointing into the main repository, which its perf task may not
 * read, so its report says `"commit": "unknown"`; `--commit` names it. A report that names its
 * commit keeps it, and `--commit` must then agree.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { type CliIo, CONSOLE_IO, requirePermission, UsageError } from "./cli_io.ts";
import { DEFAULT_HISTORY_PATH, PerfHistory } from "./history.ts";
import { machineKey } from "./machine_info.ts";
import type { PerfReport } from "./perf_report.ts";

const HELP = `deno task perf:import REPORT [--commit HASH] [--db PATH]

Stores a perf report (bench_results.json of a run elsewhere, e.g. in a worktree of the baseline
commit) in the history database, so that perf --gate --baseline HASH finds it.

  --commit HASH  the commit the report was measured on (needed when the report says "unknown";
                 must agree with the report otherwise)
  --db PATH      history database (default ${DEFAULT_HISTORY_PATH})
  --help         this text`;

/**
 * Checks a report and gives it its commit.
 *
 * @param report The parsed report.
 * @param commit The commit from the command line, if any.
 * @returns The report with its commit.
 * @throws {UsageError} When it is not a perf report, or the commits are missing or disagree.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const report = { commit: "unknown", machine: {}, config: { runs: 3, operations: {} }, detailed_results: [] };
 * assertEquals(withCommit(report, "ec3d77f").commit, "ec3d77f");
 * ```
 */
export function withCommit(report: unknown, commit: string | undefined): PerfReport {
  const r = report as Partial<PerfReport> | null;
  if (
    r === null || typeof r !== "object" || !Array.isArray(r.detailed_results) ||
    typeof r.machine !== "object" || typeof r.config !== "object"
  ) {
    throw new UsageError("not a perf report (expected machine, config and detailed_results)");
  }
  const recorded = typeof r.commit === "string" ? r.commit : "unknown";
  if (recorded === "unknown") {
    if (commit === undefined) {
      throw new UsageError('the report\'s commit is "unknown": name it with --commit HASH');
    }
    return { ...(r as PerfReport), commit };
  }
  if (commit !== undefined && !recorded.startsWith(commit) && !commit.startsWith(recorded)) {
    throw new UsageError(`--commit ${commit} disagrees with the report's commit ${recorded}`);
  }
  return r as PerfReport;
}

/**
 * Runs the `perf:import` program.
 *
 * @param args The command-line arguments.
 * @param io Where to print.
 * @returns The exit status: 0 when stored, 2 for a usage error.
 *
 * @example A usage error
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const quiet = { out: () => {}, err: () => {} };
 * assertEquals(await main([], quiet), 2);
 * ```
 */
export async function main(args: string[], io: CliIo = CONSOLE_IO): Promise<number> {
  try {
    const flags = parseArgs(args, {
      boolean: ["help"],
      string: ["commit", "db"],
      unknown: (arg: string) => {
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
        return true;
      },
    });
    if (flags.help) {
      io.out(HELP);
      return 0;
    }
    if (flags._.length !== 1) throw new UsageError("expected one REPORT path");
    const path = String(flags._[0]);
    const db = String(flags.db ?? DEFAULT_HISTORY_PATH);
    requirePermission("read", path, "REPORT");
    requirePermission("write", db, "--db");
    let parsed: unknown;
    try {
      parsed = JSON.parse(await Deno.readTextFile(path));
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
    }
    const report = withCommit(parsed, flags.commit);
    const history = new PerfHistory(db);
    try {
      const id = history.record(report);
      io.out(
        `perf:import: stored ${path} as run #${id} of ${report.commit} (machine "${
          machineKey(report.machine)
        }") in ${db}`,
      );
    } finally {
      history.close();
    }
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`perf:import: ${error.message}\nRun with --help for the options.`);
    return 2;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
