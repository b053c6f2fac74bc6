/**
 * `deno task perf`: the performance suite, printed as a table and written as JSON; optionally
 * recorded in the history and gated against the recorded baseline of the same machine.
 *
 * ```sh
 * deno task perf                       # the full suite, 3 runs per test
 * deno task perf --quick               # tiny documents, for a smoke test
 * deno task perf --record --gate       # compare with the baseline, then record this run
 * ```
 *
 * Exit status: 0 when every strategy target is met (and the gate, if asked, passed), 1 when a
 * target is missed or the gate failed, 2 for a usage or input error. `--quick` is a smoke test:
 * it reports the targets but does not hold them (its figures are noise), so it exits 0 or 2.
 *
 * @module
 */

import { toActionEntries } from "./action_json.ts";
import {
  type CliIo,
  CONSOLE_IO,
  ensureParent,
  intOption,
  numberOption,
  parseProgram,
  requirePermission,
  UsageError,
} from "./cli_io.ts";
import type { EditKind } from "./edit_workload.ts";
import {
  compareRuns,
  DEFAULT_GATE_FLOOR_MS,
  DEFAULT_GATE_RATIO,
  DEFAULT_HEAP_FLOOR_MB,
  DEFAULT_HEAP_RATIO,
  formatGate,
  type GateOptions,
  type GateResult,
  noBaselineMessage,
} from "./gate.ts";
import { gitCommit } from "../_tools/git_commit.ts";
import { errorLines, runMain } from "../_tools/run_main.ts";
import { DEFAULT_HISTORY_PATH, PerfHistory, type RecordedRun } from "./history.ts";
import { machineInfo, machineKey } from "./machine_info.ts";
import { formatPerfTable } from "./perf_table.ts";
import {
  FULL_MEMORY_SIZE_KB,
  FULL_OPERATIONS,
  FULL_SIZES_KB,
  type PerfOptions,
  runPerf,
} from "./perf_suite.ts";
import { PROJECT_ROOT } from "../_tools/shared_dir.ts";

/** The operation counts of `--quick`. */
export const QUICK_OPERATIONS: Readonly<Record<EditKind, number>> = {
  single_char: 50,
  line: 20,
  paragraph: 5,
  section: 3,
  large: 2,
};

const HELP = `deno task perf [options]

Runs the performance suite: single-character (1000 ops), line (500), paragraph (100), section (50)
and large (20) edits on generated documents of 100, 500, 1000, 3000 and 5000 KB, memory for a
10 MB document, and batch throughput on the generated documents and the largest corpus files.
Prints a table, writes a JSON report, and exits 1 when a target of the test strategy is missed.

Options:
  --sizes LIST        document sizes in KB, comma-separated (default 100,500,1000,3000,5000)
  --runs N            repetitions of each test; figures are medians over them (default 3)
  --memory-size KB    size of the memory test's document, 0 to skip (default 10240)
  --corpus N          largest ../shared/corpus files for throughput, 0 to skip (default 3)
  --quick             tiny run: sizes 8,16 KB, memory 64 KB, 1 run, few ops, no corpus, no
                      JIT warm-up (a smoke test: its figures mean little)
  --report PATH       JSON report (default bench_results.json)
  --action-json PATH  github-action-benchmark customSmallerIsBetter JSON (default bench_action.json)
  --record            store this run in the history database
  --db PATH           history database (default ${DEFAULT_HISTORY_PATH})
  --gate              compare with the latest recorded run of this machine with the same
                      operation counts: each edit test's p50, each batch row's CPU time and
                      each test's heap; exit 1 when one grew by more than its ratio, and at
                      once, before measuring, when there is no baseline
  --gate-ratio R      largest allowed ratio of edit p50s and batch CPU times (default ${DEFAULT_GATE_RATIO})
  --gate-floor-ms MS  latencies under this in both runs never fail the gate (default ${DEFAULT_GATE_FLOOR_MS})
  --gate-heap-ratio R largest allowed heap ratio (default ${DEFAULT_HEAP_RATIO})
  --gate-heap-floor-mb MB  heaps under this in both runs never fail (default ${DEFAULT_HEAP_FLOOR_MB})
  --baseline COMMIT   gate against the latest run of this commit (prefix) instead; record it
                      from a worktree of that commit (bench/README.md, "Gating against a commit")
  --machine LABEL     name this machine in the report and history (the CPU model is read from
                      /proc/cpuinfo only with --allow-all, so it is usually "unknown")
  --help              this text

Run with --v8-flags=--expose-gc (the task does) so memory is measured after a forced GC.`;

function parseSizes(value: unknown): number[] {
  const sizes = String(value).split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (sizes.length === 0) throw new UsageError(`--sizes needs at least one size in KB`);
  return sizes.map((s) => intOption("sizes", s, 1));
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await ensureParent(path);
  await Deno.writeTextFile(path, JSON.stringify(value, null, 2) + "\n");
}

/**
 * Runs the `perf` program.
 *
 * @param args The command-line arguments.
 * @param io Where to print.
 * @returns The exit status.
 *
 * @example A usage error
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const quiet = { out: () => {}, err: () => {} };
 * assertEquals(await main(["--runs", "zero"], quiet), 2);
 * ```
 */
export async function main(args: string[], io: CliIo = CONSOLE_IO): Promise<number> {
  const parsed = parseProgram(args, io, {
    task: "perf",
    help: HELP,
    boolean: ["help", "quick", "record", "gate"],
    string: [
      "sizes",
      "runs",
      "memory-size",
      "corpus",
      "report",
      "action-json",
      "db",
      "gate-ratio",
      "gate-floor-ms",
      "gate-heap-ratio",
      "gate-heap-floor-mb",
      "baseline",
      "machine",
    ],
    unknown: (arg) => `Unknown argument: ${arg}`,
    usageLines: (error) => errorLines("perf", error),
  }, (flags) => {
    const quick = flags.quick === true;
    const options: PerfOptions = {
      sizesKb: flags.sizes !== undefined
        ? parseSizes(flags.sizes)
        : quick
        ? [8, 16]
        : FULL_SIZES_KB,
      memorySizeKb: flags["memory-size"] !== undefined
        ? intOption("memory-size", flags["memory-size"], 0)
        : quick
        ? 64
        : FULL_MEMORY_SIZE_KB,
      runs: flags.runs !== undefined ? intOption("runs", flags.runs, 1) : quick ? 1 : 3,
      corpusFiles: flags.corpus !== undefined
        ? intOption("corpus", flags.corpus, 0)
        : quick
        ? 0
        : 3,
      operations: quick ? QUICK_OPERATIONS : FULL_OPERATIONS,
      warmup: !quick,
      commit: gitCommit(PROJECT_ROOT) ?? "unknown",
      onProgress: (message) => io.err(`perf: ${message}`),
    };
    const gateOptions: GateOptions = {
      maxRatio: flags["gate-ratio"] === undefined
        ? DEFAULT_GATE_RATIO
        : numberOption("gate-ratio", flags["gate-ratio"]),
      floorMs: flags["gate-floor-ms"] === undefined
        ? DEFAULT_GATE_FLOOR_MS
        : numberOption("gate-floor-ms", flags["gate-floor-ms"]),
      maxHeapRatio: flags["gate-heap-ratio"] === undefined
        ? DEFAULT_HEAP_RATIO
        : numberOption("gate-heap-ratio", flags["gate-heap-ratio"]),
      heapFloorMb: flags["gate-heap-floor-mb"] === undefined
        ? DEFAULT_HEAP_FLOOR_MB
        : numberOption("gate-heap-floor-mb", flags["gate-heap-floor-mb"]),
    };
    if (flags.baseline !== undefined && !flags.gate) {
      throw new UsageError(
        "--baseline needs --gate (deno task perf:gate --baseline REV measures the baseline itself)",
      );
    }
    requirePermission("write", String(flags.report ?? "bench_results.json"), "--report");
    requirePermission(
      "write",
      String(flags["action-json"] ?? "bench_action.json"),
      "--action-json",
    );
    if (flags.record || flags.gate) {
      const db = String(flags.db ?? DEFAULT_HISTORY_PATH);
      requirePermission("read", db, "--db");
      requirePermission("write", db, "--db");
    }
    return { flags, options, gateOptions };
  });
  if (!("settings" in parsed)) return parsed.status;
  const { flags, options, gateOptions } = parsed.settings;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    io.err(
      "perf: warning: globalThis.gc is missing (run with --v8-flags=--expose-gc); memory figures include garbage",
    );
  }
  io.err(`perf: commit ${options.commit}, ${options.runs} run(s) per test`);
  const machine = { ...machineInfo(), label: String(flags.machine ?? "") };
  // The gate's baseline is found before measuring: without one the gate fails at once.
  let baseline: RecordedRun | undefined;
  if (flags.gate) {
    const key = machineKey(machine);
    const commit = flags.baseline === undefined ? undefined : String(flags.baseline);
    const history = new PerfHistory(String(flags.db ?? DEFAULT_HISTORY_PATH));
    try {
      baseline = history.gateBaseline({ machineKey: key, operations: options.operations, commit });
    } finally {
      history.close();
    }
    if (baseline === undefined) {
      io.out(noBaselineMessage(key, commit));
      return 1;
    }
    io.err(`perf: gate baseline: run #${baseline.id} of ${baseline.commit} (${baseline.date})`);
  }
  const report = runPerf(options, machine);
  io.out(formatPerfTable(report));

  const reportPath = String(flags.report ?? "bench_results.json");
  const actionPath = String(flags["action-json"] ?? "bench_action.json");
  await writeJson(reportPath, report);
  await writeJson(actionPath, toActionEntries(report));
  io.err(`perf: wrote ${reportPath} and ${actionPath}`);

  let gate: GateResult | undefined;
  if (flags.gate || flags.record) {
    const history = new PerfHistory(String(flags.db ?? DEFAULT_HISTORY_PATH));
    try {
      if (baseline !== undefined) {
        gate = compareRuns(baseline.report, report, gateOptions);
        io.out("\n" + formatGate(gate));
      }
      if (flags.record) {
        const id = history.record(report);
        io.err(`perf: recorded run #${id} in ${flags.db ?? DEFAULT_HISTORY_PATH}`);
      }
    } finally {
      history.close();
    }
  }
  // --quick takes no warm-up and few samples: a p99 over a target there is noise, not a finding.
  const quick = options.warmup === false;
  if (quick && report.failures.length > 0) {
    io.err(
      `perf: --quick does not hold the targets (${report.failures.length} missed, see the table)`,
    );
  }
  const targetsMet = report.failures.length === 0 || quick;
  return targetsMet && (gate === undefined || gate.passed) ? 0 : 1;
}

if (import.meta.main) {
  Deno.exit(await runMain("perf", () => main(Deno.args)));
}
