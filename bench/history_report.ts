/**
 * `deno task perf:report`: prints the markdown trend of the recorded runs and writes SVG charts
 * (p50 latency per test over runs, for each edit kind; memory over runs) for each machine.
 *
 * Exit status: 0 on success, 1 when there is no history yet, 2 for a usage error.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { join } from "@std/path";
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
  --help           this text`;

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
 * @example No history yet
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const quiet = { out: () => {}, err: () => {} };
 * const out = Deno.makeTempDirSync();
 * assertEquals(await main(["--db", "/nonexistent/history.sqlite", "--out", out], quiet), 1);
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
      requirePermission("write", String(flags.out ?? DEFAULT_CHART_DIR), "--out");
      if (flags.markdown !== undefined) {
        requirePermission("write", String(flags.markdown), "--markdown");
      }
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`perf:report: ${error.message}\nRun with --help for the options.`);
    return 2;
  }
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  const dbPath = String(flags.db ?? DEFAULT_HISTORY_PATH);
  try {
    Deno.statSync(dbPath);
  } catch {
    io.err(`perf:report: no history at ${dbPath}: record runs with \`deno task perf --record\``);
    return 1;
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
  Deno.exit(await main(Deno.args));
}
