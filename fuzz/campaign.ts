/**
 * The fuzz campaign: the edit loop, its checks, failure handling (first failing edit, shrink,
 * save) and the report.
 *
 * One **iteration** is one edit applied to the incremental lexer under test (a generated edit,
 * or one patch of a trace), followed by the cheap consistency check (length and line count);
 * every `checkEvery` iterations, and at the end of each episode, the full equivalence check runs
 * against a batch lex of the expected text.
 *
 * Generated and corpus campaigns are split into **episodes** of `episodeEdits` iterations; each
 * episode starts a fresh document from its own random stream `deriveSeed(seed, episode)`, so an
 * episode's result does not depend on which shard runs it. A trace campaign is one stream of
 * patches; a shard of it starts from the text the earlier patches produce.
 *
 * @module
 */

import {
  checkShape,
  compareLexings,
  type Difference,
  exceptionDifference,
} from "../_tools/compare_lexings.ts";
import { generateDocument } from "./document_generator.ts";
import { EditGenerator } from "./edit_generator.ts";
import { countLineBreaks, lineBreakDelta } from "./line_breaks.ts";
import { deriveSeed, Sfc32 } from "../_tools/sfc32.ts";
import { type FuzzCase, replayCase } from "./replay.ts";
import {
  type FuzzReport,
  REPORT_SCHEMA,
  reportDifference,
  type ReportFailure,
  successRate,
} from "./report.ts";
import { type Regression, REGRESSION_FORMAT, saveRegression } from "./regression_file.ts";
import { type Shard, shardRange } from "./shard.ts";
import { type ShrinkBudget, shrinkCase } from "./shrink.ts";
import type { Edit, FuzzLexerOptions, IncrementalSubject, LexerUnderTest } from "./subject.ts";
import { TextBuffer } from "./text_buffer.ts";
import type { TraceEdit } from "../_tools/trace.ts";

/** A corpus document as the fuzzer starts from it. */
export interface CorpusDocument {
  /** The file name inside the corpus folder. */
  name: string;
  /** Its text. */
  text: string;
  /** The lexer options for its file type. */
  options: FuzzLexerOptions;
}

/** A trace as the fuzzer uses it: the start text and every patch as an edit. */
export interface Trace {
  /** The document before the first edit. */
  startContent: string;
  /** The document after the last edit, when the trace records it. */
  endContent: string | null;
  /** Every patch of every transaction, in order. */
  edits: TraceEdit[];
}

/** Where documents and edits come from. */
export type CampaignSource =
  | { kind: "generated"; targetLines: number }
  | { kind: "corpus"; dir: string; documents: readonly CorpusDocument[] }
  | { kind: "trace"; file: string; trace: Trace };

/** A campaign's settings. */
export interface CampaignConfig {
  /** The campaign seed (an unsigned 32-bit integer). */
  seed: number;
  /** Iterations in the whole campaign (all shards together). */
  iterations: number;
  /** Iterations between full equivalence checks. */
  checkEvery: number;
  /** The slice of the campaign to run. */
  shard: Shard;
  /** Stop after this many seconds, or `null`. */
  timeLimitSeconds: number | null;
  /** Where documents and edits come from. */
  source: CampaignSource;
  /** Iterations per episode (generated and corpus campaigns). */
  episodeEdits: number;
  /** Directory to save regressions to, or `null` to save none. */
  regressionsDir: string | null;
  /** Limits for shrinking each failure. */
  shrinkBudget: ShrinkBudget;
}

/** A progress snapshot, for the progress line. */
export interface Progress {
  /** Iterations done in this run. */
  done: number;
  /** Iterations this run will do. */
  total: number;
  /** Iterations per second of the edit loop so far. */
  editsPerSecond: number;
  /** Failures so far. */
  failures: number;
  /** Estimated seconds left. */
  etaSeconds: number;
}

/** What a campaign needs from its environment. */
export interface CampaignContext {
  /** The lexer under test. */
  lexer: LexerUnderTest;
  /** The module's name and version. */
  module: { name: string; version: string };
  /** The git commit, or `null`. */
  gitCommit: string | null;
  /** The command line that reruns this campaign. */
  command: string;
  /** Called about every `progressMillis` with a snapshot. */
  onProgress?: (p: Progress) => void;
  /** Called when a failure is found and handled (for a stderr line). */
  onFailure?: (f: ReportFailure) => void;
  /**
   * Milliseconds between progress calls.
   *
   * @default {1000}
   */
  progressMillis?: number;
}

/** The default iterations per episode. */
export const DEFAULT_EPISODE_EDITS = 5_000;

/** How often (in iterations, a power of two) the loop looks at the clock. */
const CLOCK_MASK = 1023;

/**
 * How many work units the whole campaign has: episodes, or trace patches.
 *
 * @param config The campaign.
 * @returns The unit count.
 *
 * @example Episodes round up
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { campaignUnits } from "./campaign.ts";
 * const source = { kind: "generated" as const, targetLines: 200 };
 * const config = { iterations: 12_000, episodeEdits: 5_000, source };
 * assertEquals(campaignUnits({ ...config, seed: 1, checkEvery: 1000, shard: { index: 1, count: 1 },
 *   timeLimitSeconds: null, regressionsDir: null, shrinkBudget: {} }), 3);
 * ```
 */
export function campaignUnits(config: CampaignConfig): number {
  if (config.source.kind === "trace") {
    return Math.min(config.iterations, config.source.trace.edits.length);
  }
  return Math.ceil(config.iterations / config.episodeEdits);
}

/** Mutable counters of a run. */
interface Tally {
  iterations: number;
  edits: number;
  checks: number;
  checkMillis: number;
  shrinkMillis: number;
  failures: ReportFailure[];
  stopped: boolean;
}

/** One lexer session: a start text and the edits applied since, with the last checked point. */
class Session {
  subject: IncrementalSubject | null = null;
  startText: string;
  /** The fuzzer's own copy of the current text. */
  text: TextBuffer;
  lineCount: number;
  log: Edit[] = [];
  checkedText: string;
  checkedAt = 0;
  sinceCheck = 0;
  openError: Difference | null = null;

  constructor(
    readonly lexer: LexerUnderTest,
    text: string,
    readonly options: FuzzLexerOptions,
  ) {
    this.startText = text;
    this.text = new TextBuffer(text);
    this.checkedText = text;
    this.lineCount = countLineBreaks(text) + 1;
    try {
      this.subject = lexer.open(text, options);
    } catch (e) {
      this.openError = exceptionDifference(e);
    }
  }

  /** Applies one edit with the cheap check; returns a difference or null. */
  apply(edit: Edit): Difference | null {
    const [from, to, insert] = edit;
    this.log.push(edit);
    this.sinceCheck++;
    // The line count changes only within one character of the edit: count in that window.
    const lo = from > 0 ? from - 1 : 0;
    const window = this.text.slice(lo, to + 1);
    this.lineCount += lineBreakDelta(window, { from: from - lo, to: to - lo, insert });
    this.text.replace(from, to, insert);
    try {
      this.subject!.edit(from, to, insert);
      return checkShape(this.subject!, { length: this.text.length, lineCount: this.lineCount });
    } catch (e) {
      return exceptionDifference(e);
    }
  }

  /** The full equivalence check. */
  check(): Difference | null {
    this.sinceCheck = 0;
    let d: Difference | null;
    const text = this.text.toString();
    try {
      d = compareLexings(this.subject!, this.lexer.batch(text, this.options), this.lexer.stateKey);
    } catch (e) {
      d = exceptionDifference(e);
    }
    if (d === null) {
      this.checkedText = text;
      this.checkedAt = this.log.length;
    }
    return d;
  }
}

function describe(d: Difference): string {
  const where = d.line >= 0 ? ` at line ${d.line}` : "";
  const tok = d.tokenIndex >= 0 ? `, token ${d.tokenIndex} (${d.lineTokenIndex} in its line)` : "";
  return `incremental != batch: ${d.kind}${where}${tok}: expected ${JSON.stringify(d.expected)}, ` +
    `got ${JSON.stringify(d.actual)}`;
}

/**
 * Finds a replayable case for a failure seen in a session: first from the last passed check
 * (a fresh lexer on the checked text, then the edits since), else from the session start.
 * Truncates the case after the first edit that shows a difference.
 */
function reproduce(
  lexer: LexerUnderTest,
  s: Session,
): { c: FuzzCase; difference: Difference | null } {
  const candidates: FuzzCase[] = [
    { options: s.options, startText: s.checkedText, edits: s.log.slice(s.checkedAt) },
  ];
  if (s.checkedAt > 0) {
    candidates.push({ options: s.options, startText: s.startText, edits: s.log });
  }
  for (const c of candidates) {
    // A check after every edit finds the first failing edit; too slow for very long sessions.
    const r = replayCase(lexer, c, c.edits.length <= 5_000 ? "every-edit" : "end");
    if (r.difference !== null) {
      return { c: { ...c, edits: c.edits.slice(0, r.editsApplied) }, difference: r.difference };
    }
  }
  return { c: candidates[candidates.length - 1]!, difference: null };
}

/**
 * Runs a campaign (or one shard of it) and builds its report. Failures are shrunk and saved
 * as they are found; the run then goes on with a fresh document.
 *
 * @param config The campaign.
 * @param ctx The lexer and environment.
 * @returns The report.
 *
 * @example A small campaign against the test double
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { runCampaign } from "./campaign.ts";
 * import { fakeLexer } from "./_fake_lexer.ts";
 * const report = await runCampaign({
 *   seed: 1, iterations: 200, checkEvery: 50, shard: { index: 1, count: 1 }, timeLimitSeconds: null,
 *   source: { kind: "generated", targetLines: 20 }, episodeEdits: 100, regressionsDir: null,
 *   shrinkBudget: {},
 * }, { lexer: fakeLexer(), module: { name: "m", version: "0" }, gitCommit: null, command: "c" });
 * assertEquals([report.summary.total_iterations, report.summary.failures], [200, 0]);
 * ```
 */
export async function runCampaign(
  config: CampaignConfig,
  ctx: CampaignContext,
): Promise<FuzzReport> {
  const started = performance.now();
  const lexer = ctx.lexer;
  const tally: Tally = {
    iterations: 0,
    edits: 0,
    checks: 0,
    checkMillis: 0,
    shrinkMillis: 0,
    failures: [],
    stopped: false,
  };
  const units = campaignUnits(config);
  const [first, end] = shardRange(units, config.shard);
  const isTrace = config.source.kind === "trace";
  const total = isTrace ? end - first : episodeIterations(config, first, end);
  const deadline = config.timeLimitSeconds === null
    ? Infinity
    : started + config.timeLimitSeconds * 1000;
  const progressMillis = ctx.progressMillis ?? 1000;
  let nextProgress = started + progressMillis;

  const clock = (): boolean => {
    const now = performance.now();
    if (now >= nextProgress && ctx.onProgress) {
      nextProgress = now + progressMillis;
      const loopSeconds = (now - started - tally.shrinkMillis) / 1000;
      const rate = loopSeconds > 0 ? tally.iterations / loopSeconds : 0;
      ctx.onProgress({
        done: tally.iterations,
        total,
        editsPerSecond: rate,
        failures: tally.failures.length,
        etaSeconds: rate > 0 ? (total - tally.iterations) / rate : Infinity,
      });
    }
    if (now >= deadline) tally.stopped = true;
    return tally.stopped;
  };

  const fail = async (
    s: Session,
    d: Difference,
    at: { episode: number; iteration: number; source: string },
  ) => {
    const { episode, iteration, source } = at;
    const t0 = performance.now();
    const { c, difference: replayed } = reproduce(lexer, s);
    const reproduced = replayed !== null;
    const kind = replayed?.kind ?? d.kind;
    const originalEdits = c.edits.length, originalTextLength = c.startText.length;
    const stillFails = (x: FuzzCase) => replayCase(lexer, x, "end").difference?.kind === kind;
    const shrunk = reproduced
      ? shrinkCase(c, stillFails, config.shrinkBudget)
      : { case: c, attempts: 0, complete: false };
    const final = replayCase(lexer, shrunk.case, "every-edit");
    const difference = final.difference ?? d;
    const regression: Regression = {
      format: REGRESSION_FORMAT,
      description: reproduced ? describe(difference) : `not reproduced on replay: ${describe(d)}`,
      options: shrunk.case.options,
      startText: shrunk.case.startText,
      edits: shrunk.case.edits,
      difference,
      failingEdit: final.editsApplied,
      found: {
        seed: config.seed,
        episode,
        iteration,
        source,
        moduleVersion: ctx.module.version,
        gitCommit: ctx.gitCommit,
      },
      shrink: {
        originalEdits,
        originalTextLength,
        attempts: shrunk.attempts,
        complete: shrunk.complete,
      },
    };
    let file: string | null = null;
    if (config.regressionsDir !== null) {
      file = (await saveRegression(config.regressionsDir, regression)).path;
    }
    const failure: ReportFailure = {
      file,
      kind: difference.kind,
      description: regression.description,
      episode,
      iteration: regression.found.iteration,
      source,
      edits_before_shrink: originalEdits,
      start_text_length_before_shrink: originalTextLength,
      edits: regression.edits.length,
      start_text_length: regression.startText.length,
      shrink_complete: shrunk.complete,
      difference: reportDifference(difference),
      replay_command: file === null ? null : `deno task fuzz --replay ${file}`,
    };
    tally.failures.push(failure);
    tally.checks++;
    ctx.onFailure?.(failure);
    tally.shrinkMillis += performance.now() - t0;
  };

  /**
   * Runs `count` iterations in sessions: `fresh` opens a session (given the one a failure
   * ended, if any), `next` gives each edit. `base` is the campaign iteration of the first.
   */
  const run = async (
    count: number,
    at: { episode: number; base: number },
    fresh: (previous: Session | null) => { session: Session; source: string },
    next: (s: Session) => Edit,
  ) => {
    let { session: s, source } = fresh(null);
    let i = 0;
    for (; i < count; i++) {
      if ((tally.iterations & CLOCK_MASK) === 0 && clock()) break;
      let d: Difference | null = s.openError;
      if (d === null) {
        d = s.apply(next(s));
        tally.iterations++;
        tally.edits++;
        if (d === null && (s.sinceCheck >= config.checkEvery || i === count - 1)) d = timedCheck(s);
      }
      if (d !== null) {
        await fail(s, d, { episode: at.episode, iteration: at.base + i, source });
        if (i < count - 1) ({ session: s, source } = fresh(s));
        if (s.openError !== null) return;
      }
    }
    // Stopped by the time limit: check what was done since the last check.
    if (tally.stopped && s.openError === null && s.sinceCheck > 0) {
      const d = timedCheck(s);
      if (d !== null) await fail(s, d, { episode: at.episode, iteration: at.base + i - 1, source });
    }
  };

  const timedCheck = (s: Session): Difference | null => {
    const c0 = performance.now();
    const d = s.check();
    tally.checkMillis += performance.now() - c0;
    if (d === null) tally.checks++;
    return d;
  };

  const src = config.source;
  if (src.kind === "trace") {
    let text = src.trace.startContent;
    for (let k = 0; k < first; k++) {
      const [f, t, ins] = src.trace.edits[k]!;
      text = text.slice(0, f) + ins + text.slice(t);
    }
    const name = src.file.split(/[\\/]/).pop() ?? src.file;
    let k = first;
    await run(end - first, { episode: first, base: first }, (previous) => ({
      // After a failure, a fresh lexer goes on from the current text.
      session: new Session(lexer, previous?.text.toString() ?? text, {}),
      source: `trace:${name}`,
    }), () => src.trace.edits[k++]!);
  } else {
    for (let episode = first; episode < end && !tally.stopped; episode++) {
      const rng = new Sfc32(deriveSeed(config.seed, episode));
      let gen: EditGenerator | null = null;
      const base = episode * config.episodeEdits;
      await run(episodeLength(config, episode), { episode, base }, () => {
        let text: string, options: FuzzLexerOptions, source: string;
        if (src.kind === "generated") {
          ({ text, options } = generateDocument(rng, { targetLines: src.targetLines }));
          source = "generated";
        } else {
          const doc = rng.pick(src.documents);
          ({ text, options } = doc);
          source = `corpus:${doc.name}`;
        }
        gen = new EditGenerator(rng, { targetLength: Math.max(text.length, 256) });
        return { session: new Session(lexer, text, options), source };
      }, (s) => gen!.next(s.text));
    }
  }

  const elapsed = (performance.now() - started) / 1000;
  const loopSeconds = Math.max(elapsed - tally.shrinkMillis / 1000, 0);
  return {
    schema: REPORT_SCHEMA,
    seed: config.seed,
    options: {
      iterations: config.iterations,
      check_every: config.checkEvery,
      corpus: src.kind === "corpus" ? src.dir : null,
      trace: src.kind === "trace" ? src.file : null,
      time_limit_seconds: config.timeLimitSeconds,
      episode_edits: config.episodeEdits,
      target_lines: src.kind === "generated" ? src.targetLines : 0,
    },
    shard: { count: config.shard.count, indexes: [config.shard.index] },
    module: ctx.module,
    deno_version: Deno.version.deno,
    git_commit: ctx.gitCommit,
    lexer: lexer.name,
    command: ctx.command,
    summary: {
      total_iterations: tally.iterations,
      total_edits: tally.edits,
      equivalence_checks: tally.checks,
      failures: tally.failures.length,
      success_rate: successRate(tally.checks, tally.failures.length),
      elapsed_time_seconds: elapsed,
      edits_per_second: loopSeconds > 0 ? tally.iterations / loopSeconds : 0,
      stopped_early: tally.stopped,
    },
    failure_cases: tally.failures,
    performance: {
      avg_edit_time_ms: tally.iterations > 0 ? (loopSeconds * 1000) / tally.iterations : 0,
      total_runtime_hours: elapsed / 3600,
      edit_loop_seconds: loopSeconds,
      check_seconds: tally.checkMillis / 1000,
      shrink_seconds: tally.shrinkMillis / 1000,
    },
  };
}

function episodeLength(config: CampaignConfig, episode: number): number {
  return Math.min(config.episodeEdits, config.iterations - episode * config.episodeEdits);
}

function episodeIterations(config: CampaignConfig, first: number, end: number): number {
  let n = 0;
  for (let e = first; e < end; e++) n += episodeLength(config, e);
  return n;
}
