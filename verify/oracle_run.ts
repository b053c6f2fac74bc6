/**
 * One run of the differential oracle over texts and editing traces: every text under every
 * configuration ({@linkcode ORACLE_CONFIGS}), the extracted lexer against `lexDocument`, the
 * incremental lexer (dense intra-line checkpoints) against `lexDocument`; differences are
 * shrunk, named by construct and saved as regression files.
 *
 * @module
 */

import { IncrementalLexer, lexDocument, type LexState, stateKey } from "../mod.ts";
import { withLongLines } from "../lexer/options.ts";
import { compareLexings, type Difference } from "../_tools/compare_lexings.ts";
import { deriveSeed, Sfc32 } from "../_tools/sfc32.ts";
import { readTrace, traceEdits } from "../_tools/trace.ts";
import { ensureParent } from "../_tools/output_path.ts";
import {
  checkChained,
  type CheckCounts,
  checkIncremental,
  checkLines,
  constructOf,
  DENSE_LONG_LINES,
  extractedOutcome,
  type LineOutcome,
  ORACLE_CONFIGS,
  type OracleCase,
  type OracleConfig,
  shrinkCase,
  type TextDifference,
  typescriptOutcome,
} from "./oracle_check.ts";
import type { ExtractedLexer } from "./oracle_driver.ts";
import { regressionFor } from "./oracle_regression.ts";
import { encodeState } from "../lexer/state_codec.ts";

/** A text to check. */
export interface OracleText {
  /** Where it comes from, for messages (a path, `generated #3 (seed 7)`). */
  readonly source: string;
  /** Reads it. */
  readonly read: () => Promise<string> | string;
}

/** Options of {@linkcode runOracle}. */
export interface OracleRunOptions {
  /** The extracted lexer (or a stand-in). */
  readonly coq: ExtractedLexer;
  /** The texts. */
  readonly texts: readonly OracleText[];
  /** Editing traces (paths): the final text and every hundredth intermediate text. @default [] */
  readonly traces?: readonly string[];
  /** The configurations. @default ORACLE_CONFIGS */
  readonly configs?: readonly OracleConfig[];
  /** The seed of the incremental check's edits. */
  readonly seed: number;
  /** How many differences are shrunk at most (the first ones of each construct). @default 40 */
  readonly maxShrinks?: number;
  /** Where regression files go; none are written when absent. @default undefined */
  readonly regressionsRoot?: string;
  /** Progress lines. @default none */
  readonly onProgress?: (message: string) => void;
}

/** One difference found. */
export interface OracleDifference {
  /** Where. */
  source: string;
  /** Under which configuration. */
  config: string;
  /** What differs; `incremental` is the TypeScript incremental lexer against batch. */
  kind: TextDifference["kind"] | "incremental";
  /** The 0-based line, -1 when not about one line. */
  line: number;
  /** The construct (see `constructOf`), or the kind when there is no line case. */
  construct: string;
  /** One sentence with the values. */
  detail: string;
  /** The shrunk line, when shrunk. */
  shrunk_line?: string;
  /** The shrunk start state's encoding, when shrunk. */
  shrunk_state?: number[];
  /** The regression file written for it. */
  regression?: string;
  /** The command that replays it. */
  replay?: string;
}

/** What a run found. */
export interface OracleResult {
  /** Texts read (each under every configuration). */
  texts: number;
  /** Trace texts among them. */
  traceTexts: number;
  /** (text, configuration) pairs checked. */
  checks: number;
  /** Pairs on which the extracted lexer agreed everywhere. */
  checksAgreeing: number;
  /** Lines and tokens compared, code units the extracted lexer lexed. */
  counts: CheckCounts;
  /** Processor seconds the extracted lexer's driver reported (reading, lexing, printing). */
  extractedSeconds: number;
  /** The differences (extracted against TypeScript, and incremental against batch). */
  differences: OracleDifference[];
  /** Differences per construct, most frequent first. */
  byConstruct: { construct: string; count: number }[];
}

/** How many intermediate texts of a trace are skipped between two checked ones. */
export const TRACE_STRIDE = 100;

function describeIncremental(d: Difference): string {
  return `${d.kind} at line ${d.line}: batch ${JSON.stringify(d.expected)}, ` +
    `incremental ${JSON.stringify(d.actual)}`;
}

function showTokens(o: LineOutcome): string {
  const out: string[] = [];
  for (let j = 0; j < o.tokens.length; j += 3) out.push(o.tokens.slice(j, j + 3).join(":"));
  return `[${out.join(" ")}] -> [${o.end.join(",")}]`;
}

/**
 * Runs the oracle.
 *
 * @param options What to check and how.
 * @returns What it found.
 */
export async function runOracle(options: OracleRunOptions): Promise<OracleResult> {
  const configs = options.configs ?? ORACLE_CONFIGS;
  const progress = options.onProgress ?? (() => {});
  const maxShrinks = options.maxShrinks ?? 40;
  const counts: CheckCounts = { lines: 0, tokens: 0, units: 0 };
  const result: OracleResult = {
    texts: 0,
    traceTexts: 0,
    checks: 0,
    checksAgreeing: 0,
    counts,
    extractedSeconds: 0,
    differences: [],
    byConstruct: [],
  };
  const constructs = new Map<string, number>();
  let shrinks = 0;
  let lastProgress = performance.now();
  const tick = (where: string) => {
    const now = performance.now();
    if (now - lastProgress < 5000) return;
    lastProgress = now;
    progress(
      `${where}: ${result.checks} checks, ${counts.lines.toLocaleString("en-US")} lines, ` +
        `${result.differences.length} differences`,
    );
  };
  const coq = options.coq;
  const cpuAtStart = coq.cpuSeconds;

  const record = async (source: string, d: TextDifference) => {
    const base = { source, config: d.case.config.name, kind: d.kind, line: d.line };
    if (d.kind === "initial_state" || d.kind === "line_count") {
      constructs.set(d.kind, (constructs.get(d.kind) ?? 0) + 1);
      result.differences.push({
        ...base,
        construct: d.kind,
        detail: d.kind === "initial_state"
          ? `initial_state differs from the TypeScript initial state ${
            JSON.stringify(encodeState(d.case.state))
          }`
          : "the extracted lexer returned another number of lines",
      });
      return;
    }
    const ts = typescriptOutcome(d.case)!;
    const ex = await coq.lexLines(d.case.config.coq, [{
      state: encodeState(d.case.state),
      line: d.case.line,
    }]).then((r) => r[0]!);
    const construct = constructOf(ts, ex);
    const seen = constructs.get(construct) ?? 0;
    constructs.set(construct, seen + 1);
    const diff: OracleDifference = {
      ...base,
      construct,
      detail: `line ${JSON.stringify(d.case.line.slice(0, 200))}: TypeScript ${
        showTokens(ts)
      }, extracted ${showTokens(ex)}`,
    };
    if (seen < 3 && shrinks < maxShrinks) {
      shrinks++;
      const small: OracleCase = await shrinkCase(coq, d.case);
      const smallTs = typescriptOutcome(small)!;
      const smallEx = await extractedOutcome(coq, small);
      diff.shrunk_line = small.line;
      diff.shrunk_state = encodeState(small.state);
      diff.detail += `; shrunk: line ${JSON.stringify(small.line)} from ${
        JSON.stringify(diff.shrunk_state)
      }: TypeScript ${showTokens(smallTs)}, extracted ${showTokens(smallEx)}`;
      const where = `${source}, config ${d.case.config.name}, line ${d.line + 1}`;
      const { path, regression } = regressionFor(
        small,
        { typescript: smallTs, extracted: smallEx },
        constructOf(smallTs, smallEx),
        where,
      );
      diff.replay = regression.replay;
      if (options.regressionsRoot !== undefined) {
        const file = `${options.regressionsRoot}/${path}`;
        await ensureParent(file);
        await Deno.writeTextFile(file, JSON.stringify(regression, null, 2) + "\n");
        diff.regression = path;
      }
    }
    result.differences.push(diff);
  };

  for (const [t, input] of options.texts.entries()) {
    const text = await input.read();
    result.texts++;
    for (const [c, config] of configs.entries()) {
      result.checks++;
      let inc: Difference | null = null;
      // The incremental check runs while the extracted lexer lexes the same text.
      const d = await checkChained(coq, text, config, counts, () => {
        inc = checkIncremental(text, config, new Sfc32(deriveSeed(options.seed, t, c)));
      });
      if (d === null) result.checksAgreeing++;
      else await record(input.source, d);
      if (inc !== null) {
        const found: Difference = inc;
        constructs.set("incremental", (constructs.get("incremental") ?? 0) + 1);
        result.differences.push({
          source: input.source,
          config: config.name,
          kind: "incremental",
          line: found.line,
          construct: "incremental",
          detail: describeIncremental(found),
        });
      }
      tick(`${input.source} (${t + 1}/${options.texts.length})`);
    }
  }

  for (const path of options.traces ?? []) {
    const trace = await readTrace(path);
    const edits = traceEdits(trace);
    const name = path.split("/").pop()!;
    for (const config of configs) {
      const seen = new Set<string>();
      const inc = new IncrementalLexer(
        trace.startContent,
        withLongLines(config.options, DENSE_LONG_LINES),
      );
      for (let k = 0; k < edits.length; k++) {
        const [from, to, insert] = edits[k]!;
        inc.edit(from, to, insert);
        if ((k + 1) % TRACE_STRIDE !== 0 && k !== edits.length - 1) continue;
        const text = inc.text;
        if (config === configs[0]) result.traceTexts++, result.texts++;
        result.checks++;
        const batch = lexDocument(text, config.options);
        const source = `${name} after edit ${k + 1}`;
        const incDiff = compareLexings(inc, batch, (s) => stateKey(s as LexState));
        if (incDiff !== null) {
          constructs.set("incremental", (constructs.get("incremental") ?? 0) + 1);
          result.differences.push({
            source,
            config: config.name,
            kind: "incremental",
            line: incDiff.line,
            construct: "incremental",
            detail: describeIncremental(incDiff),
          });
        }
        const d = await checkLines(coq, batch, text, config, seen, counts);
        if (d === null) result.checksAgreeing++;
        else await record(source, d);
        tick(`${name} edit ${k + 1}/${edits.length}, config ${config.name}`);
      }
      // The initial state, which the line-by-line check takes from TypeScript.
      const d = await checkChained(coq, "", config, counts);
      if (d !== null) await record(`${name} (initial state)`, d);
    }
  }

  result.extractedSeconds = coq.cpuSeconds - cpuAtStart;
  result.byConstruct = [...constructs].map(([construct, count]) => ({ construct, count }))
    .sort((a, b) => b.count - a.count || (a.construct < b.construct ? -1 : 1));
  return result;
}
