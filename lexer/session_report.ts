/**
 * The performance report of an `EditorSession`, and its snake_case JSON form.
 *
 * @module
 */

import type { MemoryUsage } from "./incremental.ts";
import type { LatencySummary } from "./_latency_histogram.ts";
import type { FallbackRecord } from "./session_change.ts";

/** What a session has cost. */
export interface PerformanceReport {
  /** Changes applied (documents set included). */
  totalEdits: number;
  /** Per-change latency in ms, to within 2% (a log histogram). */
  latency: LatencySummary;
  /** Lines lexed per change. */
  linesRelexed: { mean: number; max: number };
  /** Bytes held: the lexer's parts, the session's line index and its statistics. */
  memory: { bytes: number; lexer: MemoryUsage; lineIndex: number; statistics: number };
  /** Whether the last change was done by a batch lex. */
  fallbackMode: boolean;
  /** How many fallbacks there were. */
  fallbackCount: number;
  /** The most recent fallbacks (at most 32). */
  fallbacks: FallbackRecord[];
  /** Lines pending in budget mode. */
  staleLines: number;
}

/**
 * The report with the strategy's snake_case names, ready for `JSON.stringify`.
 *
 * @param r The report.
 * @returns The same figures: `total_edits`, `latency_ms`, `lines_relexed`, `memory`,
 *   `fallback_mode`, `fallback_count`, `fallbacks` (`reason`, `detail`, `cost_ms`, `lines`,
 *   `edit`) and `stale_lines`.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { EditorSession, reportToJson } from "../mod.ts";
 * const json = reportToJson(new EditorSession("x").performanceReport());
 * assertEquals([json.total_edits, json.fallback_mode], [0, false]);
 * ```
 */
export function reportToJson(r: PerformanceReport): Record<string, unknown> {
  return {
    total_edits: r.totalEdits,
    latency_ms: r.latency,
    lines_relexed: r.linesRelexed,
    memory: {
      bytes: r.memory.bytes,
      lexer: r.memory.lexer,
      line_index: r.memory.lineIndex,
      statistics: r.memory.statistics,
    },
    fallback_mode: r.fallbackMode,
    fallback_count: r.fallbackCount,
    fallbacks: r.fallbacks.map((f) => ({
      reason: f.reason,
      detail: f.detail,
      cost_ms: f.costMs,
      lines: f.lines,
      edit: f.edit,
    })),
    stale_lines: r.staleLines,
  };
}
