/**
 * The end of a `deno task ci` run: the summary table people read and the JSON machines read.
 *
 * @module
 */

import { formatSeconds, type PhaseResult } from "./run_phases.ts";

/** The `schema` field of the JSON summary (`ci/ci_report.schema.json`). */
export const CI_REPORT_SCHEMA = "latex-perfectionist/ci-report@1";

/** One step in the JSON summary. */
export interface CiStepReport {
  label: string;
  command: string | null;
  status: PhaseResult["status"];
  note: string | null;
  exit_code: number | null;
  seconds: number;
}

/** The JSON summary written by `deno task ci --json PATH` (snake_case, every field present). */
export interface CiSummary {
  /** {@linkcode CI_REPORT_SCHEMA}. */
  schema: string;
  /** `true` when no phase failed. */
  ok: boolean;
  mode: "quick" | "full";
  /** ISO-8601 start time of the run. */
  started_at: string;
  total_seconds: number;
  deno: string;
  counts: { passed: number; failed: number; skipped: number };
  phases: {
    id: string;
    title: string;
    status: PhaseResult["status"];
    note: string | null;
    seconds: number;
    steps: CiStepReport[];
  }[];
}

/**
 * The JSON summary of a run.
 *
 * @param results The phases' results.
 * @param run The mode, start time and total time.
 * @returns The summary.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ciSummary } from "./summary.ts";
 * const s = ciSummary([], { mode: "quick", startedAt: new Date(0), totalSeconds: 1 });
 * assertEquals([s.ok, s.started_at, s.counts.passed], [true, "1970-01-01T00:00:00.000Z", 0]);
 * ```
 */
export function ciSummary(
  results: readonly PhaseResult[],
  run: { mode: "quick" | "full"; startedAt: Date; totalSeconds: number },
): CiSummary {
  const counts = countStatuses(results);
  return {
    schema: CI_REPORT_SCHEMA,
    ok: counts.failed === 0,
    mode: run.mode,
    started_at: run.startedAt.toISOString(),
    total_seconds: run.totalSeconds,
    deno: Deno.version.deno,
    counts,
    phases: results.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      note: p.note ?? null,
      seconds: p.seconds,
      steps: p.steps.map((s) => ({
        label: s.label,
        command: s.command ?? null,
        status: s.status,
        note: s.note ?? null,
        exit_code: s.exitCode ?? null,
        seconds: s.seconds,
      })),
    })),
  };
}

/**
 * Counts the phases by status.
 *
 * @param results The phase results.
 * @returns How many passed, failed and were skipped.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { countStatuses } from "./summary.ts";
 *
 * const r = (status: "passed" | "failed" | "skipped") =>
 *   ({ id: "x", title: "x", status, seconds: 0, steps: [] });
 * assertEquals(countStatuses([r("passed"), r("failed"), r("passed")]), {
 *   passed: 2,
 *   failed: 1,
 *   skipped: 0,
 * });
 * ```
 */
export function countStatuses(
  results: readonly PhaseResult[],
): { passed: number; failed: number; skipped: number } {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/**
 * Formats the summary table: one row per phase with its status, note and time, then a total line.
 *
 * @param results The phase results, in run order.
 * @param totalSeconds The wall time of the whole run.
 * @returns The table, lines joined by `\n`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatSummary } from "./summary.ts";
 *
 * const table = formatSummary([
 *   { id: "proofs", title: "Proofs", status: "passed", seconds: 3, steps: [] },
 *   { id: "fuzz", title: "Fuzz", status: "skipped", note: "task missing: fuzz", seconds: 0, steps: [] },
 * ], 3.2);
 * assertEquals(table.split("\n"), [
 *   "phase   status                        time",
 *   "------  ----------------------------  -----",
 *   "proofs  passed                        3.0 s",
 *   "fuzz    skipped (task missing: fuzz)  0.0 s",
 *   "",
 *   "1 passed, 0 failed, 1 skipped in 3.2 s: OK",
 * ]);
 * ```
 */
export function formatSummary(results: readonly PhaseResult[], totalSeconds: number): string {
  const rows = results.map((r) => [
    r.id,
    r.note === undefined ? r.status : `${r.status} (${r.note})`,
    formatSeconds(r.seconds),
  ]);
  const header = ["phase", "status", "time"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => i === cells.length - 1 ? c : c.padEnd(widths[i]!)).join("  ");
  const counts = countStatuses(results);
  const verdict = counts.failed === 0 ? "OK" : "FAILED";
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ` +
    `${formatSeconds(totalSeconds)}: ${verdict}`,
  ].join("\n");
}
