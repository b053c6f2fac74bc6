/**
 * `deno task perf:report`: prints the markdown trend of the recorded runs and writes SVG charts
 * (p50 latency per test over runs, for each edit kind; memory over runs) for each machine.
 *
 * Exit status: 0 on success, also when nothing is recorded yet (a fresh clone); 2 for a usage or
 * input error (a `--db` that is a folder, not SQLite, or not a performance history). It never
 * writes to the database.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "@std/cli/parse-args";
import { join } from "@std/path";
import { checkOutputDir } from "../_tools/output_path.ts";
import { describeError, errorLines, runMain } from "../_tools/run_main.ts";
import { historyCharts } from "./charts.ts";
import { type CliIo, CONSOLE_IO, intOption, requirePermission, UsageError } from "./cli_io.ts";
import { DEFAULT_HISTORY_PATH, PerfHistory } from "./history.ts";
import { formatTrend } from "./trend_report.ts";

/** The default folder for the charts (ignored by git, under `.perf/`). */
export const DEFAULT_CHART_DIR = ".perf/charts";

const HELP = `deno task perf:report [options]

Prints the trend of the runs recorded with \`deno task perf --record\` as markdown (p50, p99 and
heap per test, one column per run) and writes SVG charts for each machine.

Options:
  --db PATH        history database (default ${DEFAULT_HISTORY_PATH})
  --out DIR        folder for the SVG charts (default ${DEFAULT_CHART_DIR}); one subfolder per
                   machine when the history holds several
  --limit N        latest runs per machine in the tables and charts (default 8)
  --markdown PATH  also write the markdown to this file
  --help           this text

With nothing recorded yet (no database, or an empty file) it says so and exits 0.
Exit status: 0 success, 2 usage or input error (a --db that is a folder, not SQLite, or not a
history written by deno task perf --record).`;

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_MAGIC = "SQLite format 3\0";

/**
 * Checks that `path` holds a performance history, without writing to it.
 *
 * @param path The `--db` path.
 * @returns `"empty"` when nothing is recorded yet (no file, or an empty one), else `"history"`.
 * @throws {UsageError} When the path is a folder, not SQLite, or has no `runs` table.
 *
 * @example Nothing recorded yet
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { checkHistoryFile } from "./history_report.ts";
 * assertEquals(checkHistoryFile("/nonexistent/history.sqlite"), "empty");
 * ```
 */
export function checkHistoryFile(path: string): "empty" | "history" {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "empty";
    throw new UsageError(`--db ${path}: ${describeError(e)}`);
  }
  if (info.isDirectory) throw new UsageError(`--db ${path}: a directory, not a file`);
  if (info.size === 0) return "empty";
  const file = Deno.openSync(path, { read: true });
  const head = new Uint8Array(SQLITE_MAGIC.length);
  const n = file.readSync(head) ?? 0;
  file.close();
  if (n < head.length || new TextDecoder().decode(head) !== SQLITE_MAGIC) {
    throw new UsageError(`--db ${path}: not a SQLite database`);
  }
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const table = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'runs'",
    )
      .get();
    if (table === undefined) {
      throw new UsageError(
        `--db ${path}: a SQLite database, but not a performance history (no runs table)`,
      );
    }
  } finally {
    db.close();
  }
  return "history";
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * Runs the `perf:report` program.
 *
 * @param args The command-line arguments.
 * @param io Where to print.
 * @returns The exit status.
 *
 * @example Nothing recorded yet is not a failure
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const lines: string[] = [];
 * const io = { out: (l: string) => lines.push(l), err: () => {} };
 * const out = Deno.makeTempDirSync();
 * assertEquals(await main(["--db", "/nonexistent/history.sqlite", "--out", out], io), 0);
 * assertEquals(lines[0]!.startsWith("No performance history at /nonexistent/history.sqlite yet"), true);
 * ```
 */
export async function main(args: string[], io: CliIo = CONSOLE_IO): Promise<number> {
  let flags;
  let limit: number;
  try {
    flags = parseArgs(args, {
      boolean: ["help"],
      string: ["db", "out", "limit", "markdown"],
      unknown: (arg: string) => {
        throw new UsageError(`Unknown argument: ${arg}`);
      },
    });
    limit = flags.limit === undefined ? 8 : intOption("limit", flags.limit, 1);
    if (!flags.help) {
      requirePermission("read", String(flags.db ?? DEFAULT_HISTORY_PATH), "--db");
      checkOutputDir(String(flags.out ?? DEFAULT_CHART_DIR), "--out");
      if (flags.markdown !== undefined) {
        requirePermission("write", String(flags.markdown), "--markdown");
      }
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(errorLines("perf:report", error));
    return 2;
  }
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  const dbPath = String(flags.db ?? DEFAULT_HISTORY_PATH);
  let found: "empty" | "history";
  try {
    found = checkHistoryFile(dbPath);
  } catch (error) {
    io.err(errorLines("perf:report", error));
    return 2;
  }
  if (found === "empty") {
    io.out(
      `No performance history at ${dbPath} yet: nothing to report. Record runs with ` +
        "`deno task perf --record` (the workflow's performance job does on every run).",
    );
    return 0;
  }
  const history = new PerfHistory(dbPath);
  const runs = history.runs();
  history.close();
  const markdown = formatTrend(runs, { limit });
  io.out(markdown);
  if (flags.markdown !== undefined) {
    await Deno.writeTextFile(String(flags.markdown), markdown + "\n");
  }

  const outDir = String(flags.out ?? DEFAULT_CHART_DIR);
  const machines = [...new Set(runs.map((r) => r.machineKey))];
  for (const key of machines) {
    const dir = machines.length === 1 ? outDir : join(outDir, slug(key));
    await Deno.mkdir(dir, { recursive: true });
    const charts = await historyCharts(runs.filter((r) => r.machineKey === key).slice(-limit));
    for (const chart of charts) await Deno.writeTextFile(join(dir, chart.file), chart.svg);
    io.err(`perf:report: wrote ${charts.length} chart(s) to ${dir}`);
  }
  return 0;
}

if (import.meta.main) {
  Deno.exit(await runMain("perf:report", () => main(Deno.args)));
}
