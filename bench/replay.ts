/**
 * `deno task replay`: replays real editing sessions through the incremental lexer.
 *
 * ```sh
 * deno task replay                                   # automerge-paper, 259,778 keystrokes
 * deno task replay --all --check-every 1000          # the four traces of ../shared/traces
 * deno task replay --trace my.json.gz --report out.json
 * ```
 *
 * Exit status: 0 when the lexer agreed with batch at every check (and the final text equals the
 * trace's `endContent`), 1 on a mismatch, 2 for a usage error or an unreadable trace.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { basename } from "@std/path";
import { lexerOptionsForPath } from "../mod.ts";
import {
  type CliIo,
  CONSOLE_IO,
  ensureParent,
  intOption,
  requirePermission,
  UsageError,
} from "./cli_io.ts";
import { gitCommit } from "../_tools/git_commit.ts";
import { machineInfo } from "./machine_info.ts";
import { type ReplayResult, replayTrace } from "./replay_session.ts";
import { describeError, errorLines, runMain } from "../_tools/run_main.ts";
import { PROJECT_ROOT, SHARED_HINT, sharedPath } from "../_tools/shared_dir.ts";
import { readTrace } from "../_tools/trace.ts";

/** The report's `schema` field (`bench/replay_report.schema.json`). */
export const REPLAY_REPORT_SCHEMA = "latex-perfectionist/replay-report@1";

/** The trace replayed by default, inside `../shared`. */
export const DEFAULT_TRACE = "traces/automerge-paper.json.gz";

const HELP = `deno task replay [options]

Replays an editing trace (gzip JSON {startContent, endContent, txns: [{patches}]}) through the
incremental lexer: per-edit latency (p50, p99, p99.9, max), edits/s, lines re-lexed per edit, and
an equality check against a batch lex (tokens and line states) every N edits and at the end.

Options:
  --trace FILE       a trace file (repeatable; default ../shared/${DEFAULT_TRACE})
  --all              every *.json.gz trace in ../shared/traces
  --check-every N    compare with batch every N edits; 0: only at the end (default 10000)
  --limit N          replay only the first N edits of each trace
  --report PATH      also write the results as JSON
  --help             this text`;

/** A replay's results with the trace's name, as printed and written to JSON. */
export interface ReplayEntry extends ReplayResult {
  /** The trace file's name. */
  readonly trace: string;
  /** Wall-clock time of the replay including checks (ms). */
  readonly wall_ms: number;
}

function format(entry: ReplayEntry): string {
  const e = entry.per_edit_ms;
  const ms = (v: number) => v.toFixed(4);
  return [
    `${entry.trace}: ${entry.edits} edits in ${entry.txns} txns, document up to ${entry.max_length} chars`,
    `  edit time ${entry.total_edit_ms.toFixed(0)} ms (${
      entry.edits_per_sec.toFixed(0)
    } edits/s); wall ${(entry.wall_ms / 1000).toFixed(1)} s with ${entry.checks} batch check(s)`,
    `  per edit: mean ${ms(e.mean)} ms, p50 ${ms(e.p50)}, p99 ${ms(e.p99)}, p99.9 ${
      ms(e.p999)
    }, max ${ms(e.max)}`,
    `  lines re-lexed per edit: mean ${
      entry.relexed_lines.mean.toFixed(2)
    }, max ${entry.relexed_lines.max}`,
    entry.mismatch === null
      ? `  batch checks: all ${entry.checks} agree${
        entry.end_content_matches === null
          ? ""
          : entry.end_content_matches
          ? "; final text equals endContent"
          : "; FINAL TEXT DIFFERS FROM endContent"
      }`
      : `  MISMATCH after ${entry.mismatch.after_edits} edits, line ${entry.mismatch.line}: ${entry.mismatch.message}`,
  ].join("\n");
}

function allTraces(): string[] {
  const dir = sharedPath("traces");
  if (dir === undefined) return [];
  return [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && e.name.endsWith(".json.gz"))
    .map((e) => `${dir}/${e.name}`)
    .sort();
}

/**
 * Runs the `replay` program.
 *
 * @param args The command-line arguments.
 * @param io Where to print.
 * @returns The exit status.
 *
 * @example A usage error
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const quiet = { out: () => {}, err: () => {} };
 * assertEquals(await main(["--check-every", "-1"], quiet), 2);
 * ```
 */
export async function main(args: string[], io: CliIo = CONSOLE_IO): Promise<number> {
  let flags;
  let checkEvery: number;
  let limit: number;
  let traces: string[];
  try {
    flags = parseArgs(args, {
      boolean: ["help", "all"],
      string: ["trace", "check-every", "limit", "report"],
      collect: ["trace"],
      unknown: (arg: string) => {
        throw new UsageError(`Unknown argument: ${arg}`);
      },
    });
    if (flags.help) {
      io.out(HELP);
      return 0;
    }
    checkEvery = flags["check-every"] === undefined
      ? 10000
      : intOption("check-every", flags["check-every"], 0);
    limit = flags.limit === undefined ? Infinity : intOption("limit", flags.limit, 1);
    traces = (flags.trace as string[]).map(String);
    if (flags.all) traces.push(...allTraces());
    if (traces.length === 0 && !flags.all) {
      const path = sharedPath(DEFAULT_TRACE);
      if (path === undefined) {
        io.err(`replay: skipped: ${SHARED_HINT} (or pass --trace FILE)`);
        return 0;
      }
      traces.push(path);
    }
    if (traces.length === 0) {
      io.err(`replay: nothing to replay: ${SHARED_HINT} (or pass --trace FILE)`);
      return 0;
    }
    for (const path of traces) requirePermission("read", path, "--trace");
    if (flags.report !== undefined) requirePermission("write", String(flags.report), "--report");
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(errorLines("replay", error));
    return 2;
  }

  const entries: ReplayEntry[] = [];
  for (const path of traces) {
    let trace;
    try {
      trace = await readTrace(path);
    } catch (error) {
      io.err(errorLines("replay", new UsageError(`--trace ${path}: ${describeError(error)}`)));
      return 2;
    }
    const name = basename(path);
    io.err(`replay: ${name}: ${trace.txns.length} txns, check every ${checkEvery || "(end only)"}`);
    const start = performance.now();
    const result = replayTrace(trace, {
      checkEvery,
      limit,
      lexerOptions: lexerOptionsForPath(name.replace(/\.json(\.gz)?$/, ".tex")),
      onProgress: (message) => io.err(`replay: ${name}: ${message}`),
    });
    const entry = { trace: name, wall_ms: performance.now() - start, ...result };
    entries.push(entry);
    io.out(format(entry));
    if (result.mismatch !== null) break;
  }
  if (flags.report !== undefined) {
    const path = String(flags.report);
    await ensureParent(path);
    await Deno.writeTextFile(
      path,
      JSON.stringify(
        {
          schema: REPLAY_REPORT_SCHEMA,
          date: new Date().toISOString(),
          commit: gitCommit(PROJECT_ROOT),
          machine: machineInfo(),
          check_every: checkEvery,
          traces: entries,
        },
        null,
        2,
      ) + "\n",
    );
    io.err(`replay: wrote ${path}`);
  }
  const ok = entries.every((e) => e.mismatch === null && e.end_content_matches !== false);
  return ok ? 0 : 1;
}

if (import.meta.main) {
  Deno.exit(await runMain("replay", () => main(Deno.args)));
}
