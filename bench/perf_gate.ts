/**
 * `deno task perf:gate --baseline REV`: the performance suite of this checkout gated against
 * another commit's, measured in the same session on the same machine, in several alternating perf
 * processes per side, and compared figure by figure with a noise-aware rule
 * (`gate_distribution.ts`).
 *
 * @module
 */

import { join, resolve } from "@std/path";
import {
  type CliIo,
  CONSOLE_IO,
  ensureParent,
  intOption,
  numberOption,
  parseProgram,
  UsageError,
} from "./cli_io.ts";
import {
  compareDistributions,
  DEFAULT_ALPHA,
  DEFAULT_FLOOR_MS,
  DEFAULT_HEAP_TOLERANCE,
  DEFAULT_MAX_RATIO,
  type DistributionGateOptions,
  type DistributionGateResult,
  formatDistributionGate,
} from "./gate_distribution.ts";
import {
  type Checkout,
  describeCheckout,
  findBaseline,
  type GateProcess,
  readReports,
  runRounds,
} from "./gate_runner.ts";
import { machineInfo } from "./machine_info.ts";
import { smallestPValue } from "./rank_sum.ts";
import { errorLines, runMain } from "../_tools/run_main.ts";
import { PROJECT_ROOT } from "../_tools/shared_dir.ts";

/** The `schema` field of the gate's JSON report. */
export const GATE_REPORT_SCHEMA = "latex-perfectionist/gate-report@1";

/** Rounds (processes per side) by default. */
export const DEFAULT_ROUNDS = 6;

/** What `--quick` runs: rounds and the perf options given to each process. */
export const QUICK_GATE = {
  rounds: 5,
  perfArgs: ["--sizes", "1000,5000", "--corpus", "1"],
} as const;

/** The folder of the processes' reports and logs by default. */
export const DEFAULT_GATE_DIR = ".perf/gate";

/** The `--help` text. */
export const GATE_HELP = `deno task perf:gate --baseline REV|PATH [options]

Gates this checkout's performance against a baseline measured now, on this machine: runs the
baseline checkout's own bench/perf.ts and this checkout's in alternating processes (round r runs
baseline then current when r is odd, current then baseline when even), --rounds of each, and
compares every figure the two suites share, one value per process:

  edit   each edit test's p50 (every edit kind at every document size)
  batch  each throughput row's median CPU time (tokenize, lexDocument, IncrementalLexer; the
         regex and loop references are not gated) and the memory test's new IncrementalLexer on
         its 10 MB document (wall time)
  heap   the memory test's heap after a forced GC (10 MB document)

A latency fails only when the median over the current processes is more than --ratio times the
baseline's AND a one-sided exact rank-sum (Mann-Whitney) test puts the current processes above
the baseline's at p <= --alpha: one perf process here can be 2x slower than the next on the same
code, so a ratio of two single runs cannot tell a regression from a disturbed process, while the
ranks of several alternating processes can (a row over the ratio but not significant is "noise").
Medians under --floor-ms on both sides never fail. The heap fails when its median grows by more
than --heap-tolerance: it is the same to a fraction of a percent between processes.

There is no gate without a baseline: with no --baseline, a revision no worktree has checked out,
or a baseline process that fails, the gate FAILS (exit 1).

Options:
  --baseline REV|PATH  a checkout folder holding bench/perf.ts, or a revision (commit, prefix,
                       branch) checked out in a git worktree (git worktree add --detach
                       ../wt-base REV once)
  --rounds K           processes per side (default ${DEFAULT_ROUNDS}; at least 5 with the default
                       --alpha: fewer can never reach it)
  --quick              ${QUICK_GATE.rounds} rounds of a smaller suite (${
  QUICK_GATE.perfArgs.join(" ")
}): a few minutes
  --sizes LIST, --runs N, --corpus N, --memory-size KB
                       given to every perf process (see deno task perf --help; the baseline's
                       perf.ts must know them: ec3d77f's does)
  --ratio R            median ratio a latency must exceed to fail (default ${DEFAULT_MAX_RATIO})
  --alpha P            the rank-sum test's level (default ${DEFAULT_ALPHA})
  --floor-ms MS        latencies under this on both sides never fail (default ${DEFAULT_FLOOR_MS})
  --heap-tolerance F   share the heap median may grow by (default ${DEFAULT_HEAP_TOLERANCE})
  --lock PATH          hold an exclusive flock(2) on PATH during each perf process (the lock of
                       flock(1): other benchmarks then run between processes, never during one;
                       needs read and write permission on PATH)
  --out DIR            the processes' reports and logs (default ${DEFAULT_GATE_DIR}; its old
                       reports are replaced)
  --from DIR           measure nothing: compare the processes recorded in DIR/gate_report.json
                       again (with other --ratio, --alpha, ...)
  --report PATH        the gate's JSON report (default DIR/gate_report.json; schema
                       bench/gate_report.schema.json)
  --help               this text

Examples:
  git worktree add --detach ../wt-base ec3d77f
  deno task perf:gate --baseline ec3d77f
  deno task perf:gate --baseline ../wt-base --quick

Progress goes to stderr, the table to stdout. A default run is 12 perf processes, 16 to 30 s
each here (about 7 minutes); --quick, about 3. Exit status: 0 the gate passed, 1 it failed (a figure regressed, or no baseline),
2 usage error.`;

interface GateSettings {
  readonly baseline: string | undefined;
  readonly rounds: number;
  readonly perfArgs: readonly string[];
  readonly gate: DistributionGateOptions & {
    maxRatio: number;
    alpha: number;
    floorMs: number;
    heapTolerance: number;
  };
  readonly lockPath: string | undefined;
  readonly outDir: string;
  readonly from: string | undefined;
  readonly reportPath: string;
}

/** The JSON report (`bench/gate_report.schema.json`). */
export interface GateReport {
  /** {@linkcode GATE_REPORT_SCHEMA}. */
  readonly schema: typeof GATE_REPORT_SCHEMA;
  /** When the gate was written (ISO 8601). */
  readonly date: string;
  /** The baseline as asked for (`--baseline`). */
  readonly baseline_spec: string;
  /** The baseline's checkout. */
  readonly baseline: Checkout;
  /** The current checkout. */
  readonly current: Checkout;
  /** The machine. */
  readonly machine: ReturnType<typeof machineInfo>;
  /** Rounds asked for. */
  readonly rounds: number;
  /** Options given to every perf process. */
  readonly perf_args: readonly string[];
  /** The processes run so far. */
  readonly processes: readonly GateProcess[];
  /** The comparison of the processes run so far. */
  readonly result: DistributionGateResult;
}

function parse(args: readonly string[], io: CliIo) {
  return parseProgram(args, io, {
    task: "perf:gate",
    help: GATE_HELP,
    boolean: ["help", "quick"],
    string: [
      "baseline",
      "rounds",
      "sizes",
      "runs",
      "corpus",
      "memory-size",
      "ratio",
      "alpha",
      "floor-ms",
      "heap-tolerance",
      "lock",
      "out",
      "from",
      "report",
    ],
    unknown: (arg) => `unknown option ${arg}`,
    usageLines: (error) => errorLines("perf:gate", error),
  }, (flags): GateSettings => {
    const quick = flags.quick === true;
    const rounds = flags.rounds !== undefined
      ? intOption("rounds", flags.rounds, 1)
      : quick
      ? QUICK_GATE.rounds
      : DEFAULT_ROUNDS;
    const perfArgs: string[] = [];
    for (const name of ["sizes", "runs", "corpus", "memory-size"]) {
      const value = flags[name];
      if (typeof value === "string") perfArgs.push(`--${name}`, value);
    }
    if (quick) {
      for (let i = 0; i < QUICK_GATE.perfArgs.length; i += 2) {
        if (!perfArgs.includes(QUICK_GATE.perfArgs[i]!)) {
          perfArgs.push(QUICK_GATE.perfArgs[i]!, QUICK_GATE.perfArgs[i + 1]!);
        }
      }
    }
    const alpha = flags.alpha === undefined ? DEFAULT_ALPHA : numberOption("alpha", flags.alpha);
    if (alpha >= 1) throw new UsageError(`--alpha: ${alpha} is not below 1`);
    if (flags.from === undefined && smallestPValue(rounds, rounds) > alpha) {
      throw new UsageError(
        `--rounds ${rounds} can never reach --alpha ${alpha} (the smallest p-value of ${rounds} against ${rounds} processes is ${
          smallestPValue(rounds, rounds).toFixed(4)
        }): use more rounds or a larger --alpha`,
      );
    }
    const outDir = resolve(String(flags.from ?? flags.out ?? DEFAULT_GATE_DIR));
    return {
      baseline: typeof flags.baseline === "string" ? flags.baseline : undefined,
      rounds,
      perfArgs,
      gate: {
        maxRatio: flags.ratio === undefined
          ? DEFAULT_MAX_RATIO
          : numberOption("ratio", flags.ratio),
        alpha,
        floorMs: flags["floor-ms"] === undefined
          ? DEFAULT_FLOOR_MS
          : numberOption("floor-ms", flags["floor-ms"]),
        heapTolerance: flags["heap-tolerance"] === undefined
          ? DEFAULT_HEAP_TOLERANCE
          : numberOption("heap-tolerance", flags["heap-tolerance"]),
      },
      lockPath: typeof flags.lock === "string" ? resolve(flags.lock) : undefined,
      outDir,
      from: typeof flags.from === "string" ? resolve(flags.from) : undefined,
      reportPath: resolve(String(flags.report ?? join(outDir, "gate_report.json"))),
    };
  });
}

function titleOf(report: GateReport): string {
  const side = (c: Checkout) =>
    `${c.commit.slice(0, 12)}${c.dirty ? " (with uncommitted changes)" : ""}`;
  return `Gate: ${side(report.current)} against baseline ${
    side(report.baseline)
  } (${report.baseline_spec}), ${report.result.current_processes} + ${report.result.baseline_processes} alternating perf processes${
    report.perf_args.length === 0 ? "" : ` with ${report.perf_args.join(" ")}`
  }`;
}

async function writeReport(path: string, report: GateReport): Promise<void> {
  await ensureParent(path);
  await Deno.writeTextFile(path, JSON.stringify(report, null, 2) + "\n");
}

async function removeOldReports(dir: string): Promise<void> {
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (/^(baseline|current)-\d+(_action)?\.(json|log)$|^gate_report\.json$/.test(entry.name)) {
        await Deno.remove(join(dir, entry.name));
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

async function compare(
  processes: readonly GateProcess[],
  options: DistributionGateOptions,
): Promise<DistributionGateResult> {
  return compareDistributions(
    await readReports(processes, "baseline"),
    await readReports(processes, "current"),
    options,
  );
}

/**
 * Runs the task.
 *
 * @param args The caller's arguments.
 * @param io Where to print.
 * @returns The exit code.
 *
 * @example No baseline: the gate fails
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const quiet = { out: () => {}, err: () => {} };
 * assertEquals(await main([], quiet), 1);
 * assertEquals(await main(["--rounds", "x"], quiet), 2);
 * ```
 */
export async function main(args: readonly string[], io: CliIo = CONSOLE_IO): Promise<number> {
  const parsed = parse(args, io);
  if (!("settings" in parsed)) return parsed.status;
  const settings = parsed.settings;

  if (settings.from !== undefined) {
    const saved = JSON.parse(
      await Deno.readTextFile(join(settings.from, "gate_report.json")),
    ) as GateReport;
    const result = await compare(saved.processes, settings.gate);
    const report: GateReport = { ...saved, date: new Date().toISOString(), result };
    io.out(formatDistributionGate(result, titleOf(report)));
    if (settings.reportPath !== resolve(settings.from, "gate_report.json")) {
      await writeReport(settings.reportPath, report);
    }
    return result.passed ? 0 : 1;
  }

  if (settings.baseline === undefined) {
    io.out(
      "Gate FAILED: no baseline. Name one with --baseline REV (a commit checked out in a git worktree) or --baseline PATH (a checkout).",
    );
    return 1;
  }
  const found = await findBaseline(settings.baseline, PROJECT_ROOT);
  if ("missing" in found) {
    io.out(`Gate FAILED: no baseline: ${found.missing}.`);
    return 1;
  }
  const current = await describeCheckout(resolve(PROJECT_ROOT));
  for (const [name, c] of [["baseline", found], ["current", current]] as const) {
    if (c.dirty) {
      io.err(`perf:gate: warning: the ${name} checkout ${c.path} has uncommitted changes`);
    }
  }
  io.err(
    `perf:gate: ${settings.rounds} round(s): baseline ${
      found.commit.slice(0, 12)
    } (${found.path}) and current ${
      current.commit.slice(0, 12)
    } (${current.path}); reports in ${settings.outDir}`,
  );
  await removeOldReports(settings.outDir);
  const machine = machineInfo();
  const reportOf = async (processes: readonly GateProcess[]): Promise<GateReport> => ({
    schema: GATE_REPORT_SCHEMA,
    date: new Date().toISOString(),
    baseline_spec: settings.baseline!,
    baseline: found,
    current,
    machine,
    rounds: settings.rounds,
    perf_args: settings.perfArgs,
    processes,
    result: await compare(processes, settings.gate),
  });
  let processes: GateProcess[];
  try {
    processes = await runRounds({
      baseline: found,
      current,
      rounds: settings.rounds,
      perfArgs: settings.perfArgs,
      outDir: settings.outDir,
      ...(settings.lockPath === undefined ? {} : { lockPath: settings.lockPath }),
      onProgress: (line) => io.err(`perf:gate: ${line}`),
      onProcess: async (done) => await writeReport(settings.reportPath, await reportOf(done)),
    });
  } catch (error) {
    io.out(`Gate FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const report = await reportOf(processes);
  await writeReport(settings.reportPath, report);
  io.out(formatDistributionGate(report.result, titleOf(report)));
  io.err(`perf:gate: wrote ${settings.reportPath}`);
  return report.result.passed ? 0 : 1;
}

if (import.meta.main) Deno.exit(await runMain("perf:gate", () => main(Deno.args)));
