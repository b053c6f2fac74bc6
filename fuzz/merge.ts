/**
 * `deno task fuzz:merge`: merges the reports of a sharded campaign into one report.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { dirname } from "@std/path";
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
export async function mergeMain(args: readonly string[]): Promise<number> {
  const unknown: string[] = [];
  const a = parseArgs([...args], {
    string: ["out"],
    boolean: ["help"],
    unknown: (arg: string) => {
      if (arg.startsWith("-")) unknown.push(arg);
      return true;
    },
  });
  if (a.help) {
    console.log(MERGE_HELP);
    return 0;
  }
  const files = a._.map(String);
  if (unknown.length > 0 || files.length === 0 || a.out === "") {
    console.error(
      `fuzz:merge: ${
        unknown.length > 0
          ? `unknown option ${unknown[0]}`
          : a.out === ""
          ? "--out needs a value"
          : "no report given"
      }\n` +
        "Run deno task fuzz:merge --help for the usage.",
    );
    return 2;
  }
  const reports: FuzzReport[] = [];
  for (const file of files) {
    let data: unknown;
    try {
      data = JSON.parse(await Deno.readTextFile(file));
    } catch (e) {
      console.error(`fuzz:merge: cannot read ${file}: ${e instanceof Error ? e.message : e}`);
      return 2;
    }
    const problems = validateReport(data);
    if (problems.length > 0) {
      console.error(`fuzz:merge: ${file} is not a valid fuzz report:\n  ${problems.join("\n  ")}`);
      return 2;
    }
    reports.push(data as FuzzReport);
  }
  let merged: FuzzReport;
  try {
    merged = mergeReports(reports);
  } catch (e) {
    console.error(`fuzz:merge: ${(e as Error).message}`);
    return 2;
  }
  const out = a.out ?? "fuzz_report.json";
  const dir = dirname(out);
  try {
    if (dir !== "." && dir !== "") await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(out, JSON.stringify(merged, null, 2) + "\n");
  } catch (e) {
    console.error(`fuzz:merge: cannot write ${out}: ${e instanceof Error ? e.message : e}`);
    return 2;
  }
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
