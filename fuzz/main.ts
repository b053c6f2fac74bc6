/**
 * `deno task fuzz`: the equivalence fuzzer's command line. See `fuzz/README.md` and `--help`.
 *
 * @module
 */

import { dirname } from "@std/path";
import denoJson from "../deno.json" with { type: "json" };
import { type CampaignSource, type Progress, runCampaign } from "./campaign.ts";
import {
  type CampaignArgs,
  campaignCommand,
  DEFAULTS,
  HELP,
  parseCli,
  UsageError,
} from "./cli_args.ts";
import { loadCorpus } from "./corpus.ts";
import { gitCommit } from "./git_commit.ts";
import { freshSeed } from "./prng.ts";
import { optionsForPath, realLexer } from "./real_lexer.ts";
import { parseRegression } from "./regression_file.ts";
import type { ReportFailure } from "./report.ts";
import { replayCase } from "./replay.ts";
import { loadTrace } from "./trace.ts";

const PROJECT_ROOT = new URL("../", import.meta.url);

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

function explainFsError(e: unknown, path: string): string | null {
  if (e instanceof Deno.errors.NotFound) return `${path}: no such file or directory`;
  if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) {
    return `${path}: not allowed by the task's permissions (it reads the project and ../shared, ` +
      `writes fuzz_report.json, fuzz/reports/ and fuzz/regressions/); run fuzz/main.ts with ` +
      `deno run and your own --allow-read/--allow-write for other paths`;
  }
  return null;
}

async function replay(file: string): Promise<number> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    const why = explainFsError(e, file);
    if (why === null) throw e;
    console.error(`fuzz: cannot replay ${why}`);
    return 2;
  }
  let r;
  try {
    r = parseRegression(text, file);
  } catch (e) {
    console.error(`fuzz: ${(e as Error).message}`);
    return 2;
  }
  const result = replayCase(realLexer, r, "every-edit");
  const passed = result.difference === null;
  console.log(JSON.stringify(
    {
      file,
      passed,
      edits: r.edits.length,
      start_text_length: r.startText.length,
      difference: result.difference,
      failing_edit: passed ? null : result.editsApplied,
      recorded_difference: r.difference,
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
  return passed ? 0 : 1;
}

async function source(a: CampaignArgs): Promise<CampaignSource> {
  if (a.corpus !== null) {
    return { kind: "corpus", dir: a.corpus, documents: await loadCorpus(a.corpus, optionsForPath) };
  }
  if (a.trace !== null) return { kind: "trace", file: a.trace, trace: await loadTrace(a.trace) };
  return { kind: "generated", targetLines: a.targetLines };
}

async function campaign(a: CampaignArgs): Promise<number> {
  const seed = a.seed ?? freshSeed();
  let src: CampaignSource;
  try {
    src = await source(a);
  } catch (e) {
    const path = a.corpus ?? a.trace ?? "";
    const why = explainFsError(e, path) ?? (e instanceof Error ? e.message : String(e));
    console.error(`fuzz: ${why}`);
    return 2;
  }
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
    gitCommit: await gitCommit(PROJECT_ROOT.pathname),
    command,
    progressMillis: tty ? 1_000 : 10_000,
    onProgress: (p: Progress) => {
      if (a.quiet) return;
      if (tty) Deno.stderr.writeSync(encoder.encode(`\r\x1b[K${formatProgress(p)}`));
      else console.error(formatProgress(p));
    },
    onFailure: (f: ReportFailure) => {
      if (tty && !a.quiet) Deno.stderr.writeSync(encoder.encode("\r\x1b[K"));
      console.error(
        `fuzz: FAILURE (${f.kind}) at iteration ${f.iteration}, ${f.source}: shrunk from ` +
          `${f.edits_before_shrink} edits to ${f.edits} edits on ${f.start_text_length} characters; ` +
          (f.replay_command ?? "not saved"),
      );
    },
  });
  if (tty && !a.quiet) Deno.stderr.writeSync(encoder.encode("\r\x1b[K"));
  try {
    const dir = dirname(a.report);
    if (dir !== "." && dir !== "") await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(a.report, JSON.stringify(report, null, 2) + "\n");
  } catch (e) {
    console.error(`fuzz: cannot write the report ${explainFsError(e, a.report) ?? e}`);
    console.log(JSON.stringify(report, null, 2));
    return 2;
  }
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
  return s.failures > 0 ? 1 : 0;
}

/**
 * Runs the command line.
 *
 * @param args The arguments.
 * @returns The exit code: 0 no failure, 1 failures, 2 usage error.
 */
export async function main(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`fuzz: ${e.message}\nRun deno task fuzz --help for the options.`);
    return 2;
  }
  if (parsed.kind === "help") {
    console.log(HELP);
    return 0;
  }
  if (parsed.kind === "replay") return await replay(parsed.file);
  return await campaign(parsed);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
