/**
 * `deno task fuzz`: the equivalence fuzzer's command line. See `fuzz/README.md` and `--help`.
 *
 * @module
 */

import denoJson from "../deno.json" with { type: "json" };
import { listCorpus } from "../_tools/corpus.ts";
import { gitCommit } from "../_tools/git_commit.ts";
import { checkOutputPath, ensureParent } from "../_tools/output_path.ts";
import { describeError, runMain } from "../_tools/run_main.ts";
import { freshSeed } from "../_tools/sfc32.ts";
import { PROJECT_ROOT } from "../_tools/shared_dir.ts";
import { readTrace, traceEdits } from "../_tools/trace.ts";
import { ExitCode, UsageError } from "../_tools/usage_error.ts";
import { type CampaignSource, type Progress, runCampaign } from "./campaign.ts";
import { type CampaignArgs, campaignCommand, DEFAULTS, HELP, parseCli } from "./cli_args.ts";
import { optionsForPath, realLexer } from "./real_lexer.ts";
import { parseRegression } from "./regression_file.ts";
import { reportDifference, type ReportFailure } from "./report.ts";
import { replayCase } from "./replay.ts";

/** The terminal control sequence that returns to the start of the line and clears it. */
const CLEAR_LINE = "\r\x1b[K";

const count = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * Formats a duration for the progress line.
 *
 * @param seconds Seconds (may be `Infinity`).
 * @returns For example `"2m05s"`.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatDuration } from "./main.ts";
 * assertEquals([formatDuration(42), formatDuration(125), formatDuration(7300)], ["42s", "2m05s", "2h01m"]);
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * The progress line: done/total, edits/s, failures, ETA.
 *
 * @param p The snapshot.
 * @returns One line without a newline.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatProgress } from "./main.ts";
 * assertEquals(
 *   formatProgress({ done: 500, total: 1000, editsPerSecond: 250, failures: 0, etaSeconds: 2 }),
 *   "fuzz: 500/1,000 (50.0%), 250 edits/s, 0 failures, ETA 2s",
 * );
 * ```
 */
export function formatProgress(p: Progress): string {
  const pct = p.total > 0 ? ((100 * p.done) / p.total).toFixed(1) : "100.0";
  return `fuzz: ${count(p.done)}/${count(p.total)} (${pct}%), ${
    count(p.editsPerSecond)
  } edits/s, ` +
    `${p.failures} failure${p.failures === 1 ? "" : "s"}, ETA ${formatDuration(p.etaSeconds)}`;
}

/** Reads an input file named by an option; any file error becomes a usage error naming it. */
async function readInput<T>(option: string, path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    throw new UsageError(`${option} ${path}: ${describeError(e)}`);
  }
}

async function replay(file: string): Promise<number> {
  const r = await readInput(
    "--replay",
    file,
    async () => parseRegression(await Deno.readTextFile(file), file),
  );
  const result = replayCase(realLexer, r, "every-edit");
  const passed = result.difference === null;
  console.log(JSON.stringify(
    {
      schema: "latex-perfectionist/fuzz-replay@1",
      file,
      passed,
      edits: r.edits.length,
      start_text_length: r.startText.length,
      difference: result.difference === null ? null : reportDifference(result.difference),
      failing_edit: passed ? null : result.editsApplied,
      recorded_difference: reportDifference(r.difference),
      recorded_failing_edit: r.failingEdit,
    },
    null,
    2,
  ));
  console.error(
    passed
      ? `fuzz: ${file} passes: incremental = batch after every one of its ${r.edits.length} edits`
      : `fuzz: ${file} still fails after edit ${result.editsApplied}: ${result.difference!.kind}`,
  );
  return passed ? ExitCode.Ok : ExitCode.Problem;
}

async function source(a: CampaignArgs): Promise<CampaignSource> {
  const corpus = a.corpus;
  if (corpus !== null) {
    const documents = await readInput("--corpus", corpus, async () => {
      const files = listCorpus(corpus);
      return await Promise.all(files.map(async (f) => ({
        name: f.name,
        text: await Deno.readTextFile(f.path),
        options: optionsForPath(f.name),
      })));
    });
    if (documents.length === 0) {
      throw new UsageError(`--corpus ${corpus}: holds no .tex, .sty, .cls, .dtx or .ltx file`);
    }
    return { kind: "corpus", dir: corpus, documents };
  }
  const file = a.trace;
  if (file !== null) {
    const trace = await readInput("--trace", file, () => readTrace(file));
    return {
      kind: "trace",
      file,
      trace: {
        startContent: trace.startContent,
        endContent: trace.endContent,
        edits: traceEdits(trace),
      },
    };
  }
  return { kind: "generated", targetLines: a.targetLines };
}

async function campaign(a: CampaignArgs): Promise<number> {
  // Checked before the campaign: a run of minutes must not fail at its last step.
  checkOutputPath(a.report, "--report");
  checkOutputPath(`${a.regressionsDir}/.write-check`, "--regressions");
  const seed = a.seed ?? freshSeed();
  const src = await source(a);
  const iterations = a.iterations ??
    (src.kind === "trace" ? src.trace.edits.length : DEFAULTS.iterations);
  const command = campaignCommand({ ...a, seed, iterations });
  console.error(`fuzz: seed ${seed}; rerun this campaign with: ${command}`);
  const tty = Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  const report = await runCampaign({
    seed,
    iterations,
    checkEvery: a.checkEvery,
    shard: a.shard,
    timeLimitSeconds: a.timeLimitSeconds,
    source: src,
    episodeEdits: a.episodeEdits,
    regressionsDir: a.regressionsDir,
    shrinkBudget: {},
  }, {
    lexer: realLexer,
    module: { name: denoJson.name, version: denoJson.version },
    gitCommit: gitCommit(PROJECT_ROOT),
    command,
    progressMillis: tty ? 1_000 : 10_000,
    onProgress: (p: Progress) => {
      if (a.quiet) return;
      if (tty) Deno.stderr.writeSync(encoder.encode(`${CLEAR_LINE}${formatProgress(p)}`));
      else console.error(formatProgress(p));
    },
    onFailure: (f: ReportFailure) => {
      if (tty && !a.quiet) Deno.stderr.writeSync(encoder.encode(CLEAR_LINE));
      console.error(
        `fuzz: FAILURE (${f.kind}) at iteration ${f.iteration}, ${f.source}: shrunk from ` +
          `${f.edits_before_shrink} edits to ${f.edits} edits on ${f.start_text_length} characters; ` +
          (f.replay_command ?? "not saved"),
      );
    },
  });
  if (tty && !a.quiet) Deno.stderr.writeSync(encoder.encode(CLEAR_LINE));
  await ensureParent(a.report);
  await Deno.writeTextFile(a.report, JSON.stringify(report, null, 2) + "\n");
  const s = report.summary;
  console.error(
    `fuzz: ${count(s.total_iterations)} edits, ${
      count(s.equivalence_checks)
    } equivalence checks, ` +
      `${s.failures} failure${s.failures === 1 ? "" : "s"} in ${
        s.elapsed_time_seconds.toFixed(1)
      } s ` +
      `(${count(s.edits_per_second)} edits/s)${
        s.stopped_early ? ", stopped at the time limit" : ""
      }; ` +
      `report: ${a.report}`,
  );
  return s.failures > 0 ? ExitCode.Problem : ExitCode.Ok;
}

/**
 * Runs the command line.
 *
 * @param args The arguments.
 * @returns The exit code: 0 no failure, 1 failures, 2 usage or input error.
 */
export function main(args: readonly string[]): Promise<number> {
  return runMain("fuzz", async () => {
    const parsed = parseCli(args);
    if (parsed.kind === "help") {
      console.log(HELP);
      return ExitCode.Ok;
    }
    if (parsed.kind === "replay") return await replay(parsed.file);
    return await campaign(parsed);
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
