/**
 * `deno task bench:soak`: a million edits per scenario on catcode-churning documents, the heap
 * retained after GC sampled every 100,000 edits; exit 1 when it grows or when
 * `memoryUsage().bytes` is not within a factor of 2 of it (issue 10).
 *
 * ```sh
 * deno task bench:soak                    # 1,000,000 edits per scenario
 * deno task bench:soak --quick            # 50,000 edits, a sample every 5,000 (for .ci/run)
 * deno task bench:soak --edits 200000 --scenarios makeatletter
 * ```
 *
 * @module
 */

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
import { gitCommit } from "../_tools/git_commit.ts";
import { DEFAULT_HEAP_TOLERANCE, type HeapTolerance } from "./heap_trend.ts";
import { machineInfo } from "./machine_info.ts";
import { PROJECT_ROOT } from "../_tools/shared_dir.ts";
import { runSoak, SOAK_SCENARIOS, type SoakScenarioResult } from "./soak_suite.ts";

/** The default report path (ignored by git). */
export const DEFAULT_SOAK_REPORT = ".perf/soak.json";

const HELP = `deno task bench:soak [options]

Applies --edits edits to each scenario's document (bench/soak_suite.ts: issue 10's
\\makeatletter reproducer, and a document churning catcodes, expl3, \\makeatletter and verbatim)
and samples, every --sample-every edits, the memory retained after a forced GC (heapUsed +
external, minus the same without the lexer: the lower of the heap before it was built and after
it was dropped) and memoryUsage().bytes. Judges the samples
from the first interval on: exit 1 when the retained heap grew (observed, or fitted by least
squares over the samples) by more than --tolerance-mb plus --tolerance-relative of its first
judged value, or when memoryUsage().bytes is not within --estimate-factor of it either way.

Options:
  --edits N               edits per scenario (default 1000000)
  --sample-every N        edits between samples (default 100000)
  --scenarios LIST        only these (${SOAK_SCENARIOS.map((s) => s.name).join(", ")})
  --tolerance-mb MB       growth allowed whatever the size (default ${
  DEFAULT_HEAP_TOLERANCE.absoluteBytes / 1048576
})
  --tolerance-relative F  growth allowed as a fraction of the first judged sample (default ${DEFAULT_HEAP_TOLERANCE.relative})
  --estimate-factor F     memoryUsage().bytes / retained must be within 1/F..F (default ${DEFAULT_HEAP_TOLERANCE.estimateFactor})
  --quick                 50000 edits, a sample every 5000 (issue 10's leak adds 6 MB there)
  --report PATH           JSON report (default ${DEFAULT_SOAK_REPORT})
  --help                  this text

Needs --v8-flags=--expose-gc (the task passes it): without a forced GC the samples measure
garbage, so the program refuses to run (exit 2).`;

function formatResults(results: readonly SoakScenarioResult[]): string {
  const mb = (b: number) => (b / 1048576).toFixed(2);
  const lines = [
    "| scenario | edits | retained first MB | retained last MB | growth MB | fitted MB | allowed MB | memoryUsage/retained | edits/s | verdict |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
  ];
  for (const r of results) {
    const judged = r.samples.slice(1);
    const first = judged[0] ?? r.samples[0]!, last = r.samples[r.samples.length - 1]!;
    const v = r.verdict;
    lines.push(
      `| ${r.scenario} | ${last.edits} | ${mb(first.retained)} | ${mb(last.retained)} | ${
        mb(v.total_growth)
      } | ${mb(v.fitted_growth)} | ${mb(v.allowed_growth)} | ${v.estimate_ratio.min.toFixed(2)}-${
        v.estimate_ratio.max.toFixed(2)
      } | ${Math.round(r.edits_per_second)} | ${v.problems.length === 0 ? "ok" : "FAIL"} |`,
    );
  }
  const problems = results.flatMap((r) => r.verdict.problems.map((p) => `${r.scenario}: ${p}`));
  lines.push(
    "",
    problems.length === 0 ? "Soak passed." : `Soak FAILED:\n- ${problems.join("\n- ")}`,
  );
  return lines.join("\n");
}

/**
 * Runs the `bench:soak` program.
 *
 * @param args The command-line arguments.
 * @param io Where to print.
 * @returns The exit status.
 *
 * @example A usage error
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const quiet = { out: () => {}, err: () => {} };
 * assertEquals(await main(["--edits", "none"], quiet), 2);
 * ```
 */
export async function main(args: string[], io: CliIo = CONSOLE_IO): Promise<number> {
  const parsed = parseProgram(args, io, {
    task: "soak",
    help: HELP,
    boolean: ["help", "quick"],
    string: [
      "edits",
      "sample-every",
      "scenarios",
      "tolerance-mb",
      "tolerance-relative",
      "estimate-factor",
      "report",
    ],
  }, (flags) => {
    const edits = flags.edits !== undefined
      ? intOption("edits", flags.edits, 2)
      : flags.quick
      ? 50_000
      : 1_000_000;
    const sampleEvery = flags["sample-every"] !== undefined
      ? intOption("sample-every", flags["sample-every"], 1)
      : flags.quick
      ? 5_000
      : 100_000;
    if (edits < 2 * sampleEvery) {
      throw new UsageError("--edits must be at least twice --sample-every (two judged samples)");
    }
    let scenarios = SOAK_SCENARIOS;
    if (flags.scenarios !== undefined) {
      const names = String(flags.scenarios).split(",").map((s) => s.trim());
      for (const n of names) {
        if (!SOAK_SCENARIOS.some((s) => s.name === n)) {
          throw new UsageError(`--scenarios: unknown scenario "${n}"`);
        }
      }
      scenarios = SOAK_SCENARIOS.filter((s) => names.includes(s.name));
    }
    const tolerance: HeapTolerance = {
      absoluteBytes: flags["tolerance-mb"] !== undefined
        ? numberOption("tolerance-mb", flags["tolerance-mb"]) * 1048576
        : DEFAULT_HEAP_TOLERANCE.absoluteBytes,
      relative: flags["tolerance-relative"] !== undefined
        ? numberOption("tolerance-relative", flags["tolerance-relative"])
        : DEFAULT_HEAP_TOLERANCE.relative,
      estimateFactor: flags["estimate-factor"] !== undefined
        ? numberOption("estimate-factor", flags["estimate-factor"])
        : DEFAULT_HEAP_TOLERANCE.estimateFactor,
    };
    const reportPath = String(flags.report ?? DEFAULT_SOAK_REPORT);
    requirePermission("write", reportPath, "--report");
    if ((globalThis as { gc?: () => void }).gc === undefined) {
      throw new UsageError("globalThis.gc is missing: run with --v8-flags=--expose-gc");
    }
    return { edits, sampleEvery, scenarios, tolerance, reportPath };
  });
  if (!("settings" in parsed)) return parsed.status;
  const { edits, sampleEvery, scenarios, tolerance, reportPath } = parsed.settings;
  const commit = gitCommit(PROJECT_ROOT) ?? "unknown";
  io.err(`soak: commit ${commit}, ${edits} edits per scenario, a sample every ${sampleEvery}`);
  const started = performance.now();
  const results = runSoak({
    edits,
    sampleEvery,
    scenarios,
    tolerance,
    onProgress: (m) => io.err(`soak: ${m}`),
  });
  const seconds = (performance.now() - started) / 1000;
  io.out(formatResults(results));
  const passed = results.every((r) => r.verdict.problems.length === 0);
  const report = {
    schema_version: 1,
    date: new Date().toISOString(),
    commit,
    machine: machineInfo(),
    config: { edits, sample_every: sampleEvery, tolerance },
    seconds,
    passed,
    results,
  };
  await ensureParent(reportPath);
  await Deno.writeTextFile(reportPath, JSON.stringify(report, null, 2) + "\n");
  io.err(`soak: ${seconds.toFixed(1)} s; wrote ${reportPath}`);
  return passed ? 0 : 1;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
