/**
 * The comparisons of the differential oracle: the extracted Coq lexer against the TypeScript
 * lexer (batch `lexDocument`), and the incremental lexer with dense intra-line checkpoints
 * against batch, under one configuration of the options; and the shrinking of a difference to
 * one line and a start state.
 *
 * @module
 */

import { IncrementalLexer, lexDocument, type LexedDocument } from "../mod.ts";
import { type LexerOptions, withLongLines } from "../lexer/options.ts";
import { initialState, lexLine } from "../lexer/lex_line.ts";
import { splitLines } from "../lexer/lines.ts";
import type { LexState } from "../lexer/state.ts";
import { decodeState, encodeState, stateKey } from "../lexer/state_codec.ts";
import { STATE_FIELDS } from "../lexer/_state_record.ts";
import { TOKEN_KINDS } from "../lexer/token_kind.ts";
import { compareLexings, type Difference } from "../_tools/compare_lexings.ts";
import type { Sfc32 } from "../_tools/sfc32.ts";
import type { CoqOptions, ExtractedLexer, LineLexing } from "./oracle_driver.ts";

/** One configuration of the options, for both lexers. */
export interface OracleConfig {
  /** A short name, e.g. `"at-letter+expl+envs"`, or `"default"`. */
  readonly name: string;
  /** The TypeScript lexer's options. */
  readonly options: LexerOptions;
  /** The same options for the extracted lexer. */
  readonly coq: CoqOptions;
}

/** The extra environments of the configurations that have them (the fuzzer's names). */
export const EXTRA_ENVIRONMENTS = { verbatim: "code", math: "dmath" } as const;

/**
 * Every combination of atLetter, explSyntax and docTeX, without and with one extra verbatim
 * and one extra math environment: 16 configurations.
 */
export const ORACLE_CONFIGS: readonly OracleConfig[] = (() => {
  const out: OracleConfig[] = [];
  for (let bits = 0; bits < 16; bits++) {
    const atLetter = (bits & 1) !== 0;
    const explSyntax = (bits & 2) !== 0;
    const docTeX = (bits & 4) !== 0;
    const envs = (bits & 8) !== 0;
    const names = [
      ...(atLetter ? ["at-letter"] : []),
      ...(explSyntax ? ["expl"] : []),
      ...(docTeX ? ["doctex"] : []),
      ...(envs ? ["envs"] : []),
    ];
    const verbatim = envs ? [EXTRA_ENVIRONMENTS.verbatim] : [];
    const math = envs ? [EXTRA_ENVIRONMENTS.math] : [];
    out.push(Object.freeze({
      name: names.length === 0 ? "default" : names.join("+"),
      options: Object.freeze({
        atLetter,
        explSyntax,
        docTeX,
        verbatimEnvironments: verbatim,
        mathEnvironments: math,
      }),
      coq: Object.freeze({
        at_letter: atLetter,
        expl_syntax: explSyntax,
        doctex: docTeX,
        verbatim_envs: verbatim,
        math_envs: math,
      }),
    }));
  }
  return Object.freeze(out);
})();

/**
 * The intra-line checkpoints of the incremental lexer under test: every 5 code units on lines
 * of 24 or more (the fuzzer's dense setting), so that ordinary lines take the long-line path.
 */
export const DENSE_LONG_LINES = { min: 24, spacing: 5 } as const;

/** The outcome of one line on one side: flat tokens (kind, length, math) and the end state. */
export interface LineOutcome {
  /** Kind code, length, math flag (0 or 1), for each token in order. */
  readonly tokens: readonly number[];
  /** The end state's encoding. */
  readonly end: readonly number[];
}

/** A line and its start state under a configuration: what a difference shrinks to. */
export interface OracleCase {
  /** The configuration. */
  readonly config: OracleConfig;
  /** The start state. */
  readonly state: LexState;
  /** The line, without its ending. */
  readonly line: string;
}

/** What the check of one text under one configuration found first. */
export interface TextDifference {
  /** What differs. */
  readonly kind: "initial_state" | "line_count" | "tokens" | "end_state";
  /** The 0-based line (0 for the initial state). */
  readonly line: number;
  /** The line and its start state (TypeScript's, which the extracted lexer shared up to it). */
  readonly case: OracleCase;
}

/** The counts of one check. */
export interface CheckCounts {
  /** Lines compared. */
  lines: number;
  /** Tokens compared (TypeScript's count on the compared lines). */
  tokens: number;
  /** UTF-16 code units the extracted lexer lexed. */
  units: number;
}

/** Flat tokens of a packed line (`lineWords`). */
export function flatWords(words: Uint32Array): number[] {
  const out: number[] = [];
  for (const w of words) out.push(w & 0b11111, w >>> 6, (w >>> 5) & 1);
  return out;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether two outcomes of a line are the same.
 *
 * @param a One outcome.
 * @param b The other.
 * @returns `true` when tokens and end state are equal.
 */
export function sameOutcome(a: LineOutcome, b: LineOutcome): boolean {
  return sameNumbers(a.tokens, b.tokens) && sameNumbers(a.end, b.end);
}

/** The lines of a text, as `lexer/lines.ts` splits them. */
export function textLines(text: string): string[] {
  const lines: string[] = [];
  splitLines(text, (line) => lines.push(line));
  return lines;
}

/** Every line-start state's encoding of a batch lexing, and the final state's last. */
function lineEncodings(doc: LexedDocument): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < doc.lineCount; i++) out.push(encodeState(doc.lineState(i)));
  out.push(encodeState(doc.finalState));
  return out;
}

/**
 * Compares the extracted lexer on a whole text (`lex_line` chained from `initial_state`) with
 * `lexDocument`: the initial state, then each line's tokens and end state; stops at the first
 * difference (the lines after it start from different states).
 *
 * @param coq The extracted lexer.
 * @param text The text.
 * @param config The configuration.
 * @param counts Counts to add to.
 * @param alongside Work to do while the extracted lexer runs (it runs in its own process).
 * @returns The first difference, or `null`.
 */
export async function checkChained(
  coq: ExtractedLexer,
  text: string,
  config: OracleConfig,
  counts: CheckCounts,
  alongside: () => void = () => {},
): Promise<TextDifference | null> {
  const answer = await coq.sendText(config.coq, text);
  const doc = lexDocument(text, config.options);
  const lines = textLines(text);
  const states = lineEncodings(doc);
  alongside();
  const got = await answer();
  counts.units += text.length;
  const stateAt = (i: number) => doc.lineState(Math.min(i, doc.lineCount - 1));
  if (!sameNumbers(got.states[0] ?? [], states[0]!)) {
    return { kind: "initial_state", line: 0, case: { config, state: stateAt(0), line: "" } };
  }
  if (got.states.length !== doc.lineCount || got.tokens.length !== doc.lineCount) {
    return { kind: "line_count", line: -1, case: { config, state: stateAt(0), line: "" } };
  }
  for (let i = 0; i < doc.lineCount; i++) {
    const words = doc.lineWords(i);
    counts.lines++;
    counts.tokens += words.length;
    const end = i + 1 < doc.lineCount ? got.states[i + 1]! : got.final;
    const tokensOk = sameNumbers(got.tokens[i]!, flatWords(words));
    if (!tokensOk || !sameNumbers(end, states[i + 1]!)) {
      return {
        kind: tokensOk ? "end_state" : "tokens",
        line: i,
        case: { config, state: doc.lineState(i), line: lines[i]! },
      };
    }
  }
  return null;
}

/**
 * Compares the extracted lexer with a batch lexing line by line, each line from the start state
 * the TypeScript lexer gives it. Equal initial states and equal (tokens, end state) on every
 * line imply equal chained lexings (by induction on the lines). A line whose state and text
 * were checked before under this configuration (`seen`) is not sent again.
 *
 * @param coq The extracted lexer.
 * @param doc The batch lexing.
 * @param text Its text.
 * @param config The configuration.
 * @param seen Keys of (start state, line) pairs already checked under `config`.
 * @param counts Counts to add to.
 * @returns The first difference, or `null`.
 */
export async function checkLines(
  coq: ExtractedLexer,
  doc: LexedDocument,
  text: string,
  config: OracleConfig,
  seen: Set<string>,
  counts: CheckCounts,
): Promise<TextDifference | null> {
  const lines = textLines(text);
  const items: { i: number; state: number[]; line: string }[] = [];
  for (let i = 0; i < doc.lineCount; i++) {
    const key = `${stateKey(doc.lineState(i))}\n${lines[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({ i, state: encodeState(doc.lineState(i)), line: lines[i]! });
  }
  if (items.length === 0) return null;
  const ends = items.map(({ i }) =>
    encodeState(i + 1 < doc.lineCount ? doc.lineState(i + 1) : doc.finalState)
  );
  const got = await coq.lexLines(config.coq, items);
  for (let k = 0; k < items.length; k++) {
    const { i, line } = items[k]!;
    const words = doc.lineWords(i);
    counts.lines++;
    counts.tokens += words.length;
    counts.units += line.length;
    const r = got[k]!;
    const tokensOk = sameNumbers(r.tokens, flatWords(words));
    if (!tokensOk || !sameNumbers(r.end, ends[k]!)) {
      return {
        kind: tokensOk ? "end_state" : "tokens",
        line: i,
        case: { config, state: doc.lineState(i), line },
      };
    }
  }
  return null;
}

/**
 * Checks the incremental lexer with dense intra-line checkpoints against batch on a text: it
 * opens on the text with a short piece removed, then puts it back, and replaces a second piece
 * by `x` and restores it, so that re-lexing resumes inside lines; then every line's state and
 * tokens, and the final state, must equal `lexDocument`'s.
 *
 * @param text The text.
 * @param config The configuration.
 * @param rng Where the edits are (advanced).
 * @returns The first difference, or `null`.
 */
export function checkIncremental(
  text: string,
  config: OracleConfig,
  rng: Sfc32,
): Difference | null {
  const batch = lexDocument(text, config.options);
  const options = withLongLines(config.options, DENSE_LONG_LINES);
  const a = rng.int(text.length + 1);
  const aEnd = Math.min(text.length, a + rng.range(1, 40));
  const inc = new IncrementalLexer(text.slice(0, a) + text.slice(aEnd), options);
  inc.edit(a, a, text.slice(a, aEnd));
  const b = rng.int(text.length + 1);
  const bEnd = Math.min(text.length, b + rng.range(0, 12));
  inc.edit(b, bEnd, "x");
  inc.edit(b, b + 1, text.slice(b, bEnd));
  return compareLexings(inc, batch, (s) => stateKey(s as LexState));
}

/**
 * The TypeScript lexer's outcome of a case.
 *
 * @param c The case.
 * @returns The outcome, or `undefined` when the lexer refuses the start state.
 */
export function typescriptOutcome(c: OracleCase): LineOutcome | undefined {
  try {
    const r = lexLine(c.line, c.state, c.config.options);
    return { tokens: flatWords(r.words), end: encodeState(r.endState) };
  } catch {
    return undefined;
  }
}

/**
 * The extracted lexer's outcome of a case.
 *
 * @param coq The extracted lexer.
 * @param c The case.
 * @returns The outcome.
 */
export async function extractedOutcome(coq: ExtractedLexer, c: OracleCase): Promise<LineLexing> {
  const [r] = await coq.lexLines(c.config.coq, [{ state: encodeState(c.state), line: c.line }]);
  return r!;
}

/** Whether the two lexers differ on a case (`false` when TypeScript refuses the state). */
async function differs(coq: ExtractedLexer, c: OracleCase): Promise<boolean> {
  const ts = typescriptOutcome(c);
  if (ts === undefined) return false;
  return !sameOutcome(ts, await extractedOutcome(coq, c));
}

/**
 * Shrinks a differing case: removes pieces of the line (halves, quarters, ... single code
 * units) and resets fields of the start state to the configuration's initial values, as long
 * as the lexers still differ.
 *
 * @param coq The extracted lexer.
 * @param c A case on which they differ.
 * @param budget The most comparisons to spend.
 * @returns A case on which they still differ, no larger.
 */
export async function shrinkCase(
  coq: ExtractedLexer,
  c: OracleCase,
  budget = 600,
): Promise<OracleCase> {
  let best = c;
  let spent = 0;
  const tryCase = async (candidate: OracleCase) => {
    if (spent >= budget) return false;
    spent++;
    if (await differs(coq, candidate)) {
      best = candidate;
      return true;
    }
    return false;
  };
  const shrinkLine = async () => {
    for (let size = Math.max(1, best.line.length >> 1); size >= 1; size >>= 1) {
      for (let at = 0; at + size <= best.line.length && spent < budget;) {
        const line = best.line.slice(0, at) + best.line.slice(at + size);
        if (!(await tryCase({ ...best, line }))) at += size;
      }
      if (size === 1) break;
    }
  };
  const shrinkState = async () => {
    const initial = initialState(best.config.options) as unknown as Record<string, unknown>;
    for (const { name } of STATE_FIELDS) {
      const now = best.state as unknown as Record<string, unknown>;
      if (JSON.stringify(now[name]) === JSON.stringify(initial[name])) continue;
      await tryCase({ ...best, state: { ...best.state, [name]: initial[name] } as LexState });
    }
  };
  await shrinkLine();
  await shrinkState();
  await shrinkLine();
  return best;
}

function kindName(code: number | undefined): string {
  return code === undefined ? "nothing" : TOKEN_KINDS[code] ?? `kind ${code}`;
}

/**
 * Names the construct a differing case is about: the first token that differs (its kind on
 * each side), or the first state field that differs.
 *
 * @param ts The TypeScript outcome.
 * @param coq The extracted lexer's outcome.
 * @returns E.g. `"tokens: comment (extracted: text)"`, `"state: mode"`.
 */
export function constructOf(ts: LineOutcome, coq: LineOutcome): string {
  const n = Math.max(ts.tokens.length, coq.tokens.length);
  for (let j = 0; j < n; j += 3) {
    const a = ts.tokens.slice(j, j + 3), b = coq.tokens.slice(j, j + 3);
    if (sameNumbers(a, b)) continue;
    const what = a[0] !== b[0]
      ? `${kindName(a[0])} (extracted: ${kindName(b[0])})`
      : a[1] !== b[1]
      ? `${kindName(a[0])} of another length`
      : `${kindName(a[0])} with another math flag`;
    return `tokens: ${what}`;
  }
  const s = decodeState(ts.end), t = decodeState(coq.end);
  if (s === undefined || t === undefined) return "state: not decodable";
  for (const { name } of STATE_FIELDS) {
    if (JSON.stringify(s[name]) !== JSON.stringify(t[name])) return `state: ${name}`;
  }
  return "state";
}
