/**
 * `deno task fuzz:merge`: merges the reports of a sharded campaign into one report.
 *
 * @module
 */

import { parseOptions } from "../_tools/options.ts";
import { checkOutputPath, ensureParent } from "../_tools/output_path.ts";
import { describeError, runMain } from "../_tools/run_main.ts";
import { UsageError } from "../_tools/usage_error.ts";
import { type FuzzReport, mergeReports, validateReport } from "./report.ts";

/** The `--help` text. */
export const MERGE_HELP = `deno task fuzz:merge: merge the shard reports of one fuzz campaign

Usage:
  deno task fuzz:merge [--out PATH] REPORT...

Each REPORT is a JSON report written by deno task fuzz --shard I/N --report REPORT. The reports
must come from the same campaign (seed, options, shard count, module version, git commit) and
cover distinct shards. Counts add up; elapsed_time_seconds is the longest shard's (shards run
in parallel), total_runtime_hours the sum, edits_per_second the per-core rate. A merge of some
but not all shards is allowed: shard.indexes lists what it covers, and a warning is printed.

Options:
  --out PATH   where to write the merged report (default fuzz_report.json)
  --help       this text

Exit codes: 0 merged, 1 the merged campaign has failures, 2 usage or input error.
`;

/**
 * Runs the merge command line.
 *
 * @param args The arguments.
 * @returns The exit code.
 */
export function mergeMain(args: readonly string[]): Promise<number> {
  return runMain("fuzz:merge", () => merge(args));
}

async function merge(args: readonly string[]): Promise<number> {
  const a = parseOptions(args, { string: ["out"], boolean: ["help"], maxPositional: Infinity });
  if (a.flags.help) {
    console.log(MERGE_HELP);
    return 0;
  }
  const files = a.positional;
  if (files.length === 0) throw new UsageError("no report given");
  const out = a.strings.out ?? "fuzz_report.json";
  checkOutputPath(out, "--out");
  const reports: FuzzReport[] = [];
  for (const file of files) {
    let data: unknown;
    try {
      data = JSON.parse(await Deno.readTextFile(file));
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${describeError(e)}`);
    }
    const problems = validateReport(data);
    if (problems.length > 0) {
      throw new UsageError(`${file} is not a valid fuzz report:\n  ${problems.join("\n  ")}`);
    }
    reports.push(data as FuzzReport);
  }
  let merged: FuzzReport;
  try {
    merged = mergeReports(reports);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  await ensureParent(out);
  await Deno.writeTextFile(out, JSON.stringify(merged, null, 2) + "\n");
  const { count, indexes } = merged.shard;
  if (indexes.length < count) {
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) =>
      !indexes.includes(i)
    );
    console.error(`fuzz:merge: warning: shards ${missing.join(", ")} of ${count} are missing`);
  }
  const s = merged.summary;
  console.error(
    `fuzz:merge: ${reports.length} reports, shards ${indexes.join(",")}/${count}: ` +
      `${s.total_iterations} edits, ${s.equivalence_checks} checks, ${s.failures} failures; wrote ${out}`,
  );
  return s.failures > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await mergeMain(Deno.args));
