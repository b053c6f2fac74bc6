/**
 * Replays an editing trace through the incremental lexer, timing every edit and checking the
 * result against a batch lex every N edits and at the end.
 *
 * @module
 */

import { IncrementalLexer, type LexerOptions } from "../mod.ts";
import { compareWithBatch, type Mismatch } from "./batch_check.ts";
import { summarize } from "./stats.ts";
import type { EditingTrace } from "../_tools/trace.ts";

/** Options of {@linkcode replayTrace}. */
export interface ReplayOptions {
  /**
   * Check against batch after every this many edits (and always at the end); 0 checks only at
   * the end.
   * @default {10000}
   */
  readonly checkEvery?: number;
  /**
   * Replay only the first this many edits (patches); the end-of-trace text check is skipped then.
   * @default {Infinity}
   */
  readonly limit?: number;
  /**
   * The lexer's options.
   * @default {{}}
   */
  readonly lexerOptions?: LexerOptions;
  /** Called with progress messages. */
  readonly onProgress?: (message: string) => void;
}

/** What a replay measured. */
export interface ReplayResult {
  /** Transactions replayed (whole or in part). */
  readonly txns: number;
  /** Edits (patches) replayed. */
  readonly edits: number;
  /** Time spent inside `edit` calls, summed (ms). */
  readonly total_edit_ms: number;
  /** Edits per second of edit time. */
  readonly edits_per_sec: number;
  /** Per-edit latency (ms). */
  readonly per_edit_ms: {
    readonly mean: number;
    readonly p50: number;
    readonly p99: number;
    readonly p999: number;
    readonly max: number;
  };
  /** `EditResult.relexedLines` per edit. */
  readonly relexed_lines: { readonly mean: number; readonly max: number };
  /** The longest the document got (UTF-16 units). */
  readonly max_length: number;
  /** Batch comparisons made, all passing unless `mismatch` is set. */
  readonly checks: number;
  /** Edit count at which the first mismatch was found, and where. */
  readonly mismatch: (Mismatch & { readonly after_edits: number }) | null;
  /** Whether the final text equals the trace's `endContent` (`null`: not checked). */
  readonly end_content_matches: boolean | null;
}

/**
 * Replays a trace. Stops at the first mismatch with batch.
 *
 * @param trace The trace.
 * @param options Checking and limits.
 * @returns The measurements; `mismatch` is non-null when the lexer disagreed with batch.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const trace = { startContent: "", endContent: "a$b$\n", txns: [
 *   { patches: [[0, 0, "ab\n"]] }, { patches: [[2, 0, "$"], [1, 0, "$"]] },
 * ] } as const;
 * const result = replayTrace(trace, { checkEvery: 1 });
 * assertEquals([result.edits, result.mismatch, result.end_content_matches], [3, null, true]);
 * ```
 */
export function replayTrace(trace: EditingTrace, options: ReplayOptions = {}): ReplayResult {
  const checkEvery = options.checkEvery ?? 10000;
  const limit = options.limit ?? Infinity;
  const lexerOptions = options.lexerOptions ?? {};
  const progress = options.onProgress ?? (() => {});
  const lexer = new IncrementalLexer(trace.startContent, lexerOptions);
  const samples: number[] = [];
  let relexedSum = 0;
  let relexedMax = 0;
  let maxLength = lexer.length;
  let checks = 0;
  let txns = 0;
  let mismatch: ReplayResult["mismatch"] = null;
  const check = (): boolean => {
    checks++;
    const found = compareWithBatch(lexer, lexer.text, lexerOptions);
    if (found !== undefined) mismatch = { ...found, after_edits: samples.length };
    return found === undefined;
  };
  outer: for (const txn of trace.txns) {
    if (samples.length >= limit) break;
    txns++;
    for (const [pos, del, ins] of txn.patches) {
      if (samples.length >= limit) break outer;
      const start = performance.now();
      const result = lexer.edit(pos, pos + del, ins);
      samples.push(performance.now() - start);
      relexedSum += result.relexedLines;
      if (result.relexedLines > relexedMax) relexedMax = result.relexedLines;
      if (lexer.length > maxLength) maxLength = lexer.length;
      if (checkEvery > 0 && samples.length % checkEvery === 0) {
        progress(`${samples.length} edits replayed, checked against batch`);
        if (!check()) break outer;
      }
    }
  }
  if (mismatch === null && (checkEvery === 0 || samples.length % checkEvery !== 0)) check();
  let endMatches: boolean | null = null;
  if (limit === Infinity && trace.endContent !== null && mismatch === null) {
    endMatches = lexer.text === trace.endContent;
  }
  const stats = samples.length > 0 ? summarize(samples) : summarize([0]);
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    txns,
    edits: samples.length,
    total_edit_ms: total,
    edits_per_sec: total > 0 ? samples.length / (total / 1000) : 0,
    per_edit_ms: {
      mean: stats.mean,
      p50: stats.p50,
      p99: stats.p99,
      p999: stats.p999,
      max: stats.max,
    },
    relexed_lines: {
      mean: samples.length > 0 ? relexedSum / samples.length : 0,
      max: relexedMax,
    },
    max_length: maxLength,
    checks,
    mismatch,
    end_content_matches: endMatches,
  };
}
