/**
 * The campaign report: its JSON schema, a validator, and merging shard reports.
 *
 * Fields that measure time differ between two runs with the same seed and options:
 * {@linkcode TIMING_FIELDS} lists them; everything else is the same.
 *
 * @module
 */

import type { Difference } from "../_tools/compare_lexings.ts";
import { type JsonSchema, validateJson } from "../_tools/json_schema.ts";
import reportSchema from "./fuzz_report.schema.json" with { type: "json" };

/** The `schema` tag of a report. */
export const REPORT_SCHEMA = "latex-perfectionist/fuzz-report@2";

/** The fields (as `section.field`) that depend on machine speed, not on seed and options. */
export const TIMING_FIELDS: readonly string[] = Object.freeze([
  "summary.elapsed_time_seconds",
  "summary.edits_per_second",
  "performance.avg_edit_time_ms",
  "performance.total_runtime_hours",
  "performance.edit_loop_seconds",
  "performance.check_seconds",
  "performance.shrink_seconds",
]);

/** The campaign's options as recorded in the report. */
export interface ReportOptions {
  /** Iterations (edits) in the whole campaign (all shards). */
  iterations: number;
  /** Edits between full equivalence checks. */
  check_every: number;
  /** `--corpus` directory, or `null` for generated documents. */
  corpus: string | null;
  /** `--trace` file, or `null`. */
  trace: string | null;
  /** `--time-limit` in seconds, or `null`. */
  time_limit_seconds: number | null;
  /** Edits per episode (fresh document) in generated and corpus campaigns. */
  episode_edits: number;
  /** Lines of a generated document. */
  target_lines: number;
}

/** One failure, as listed in the report. */
export interface ReportFailure {
  /** The saved regression file, or `null` when it could not be saved. */
  file: string | null;
  /** The kind of difference. */
  kind: string;
  /** One line. */
  description: string;
  /** The episode (work unit). */
  episode: number;
  /** The campaign iteration at which the check failed. */
  iteration: number;
  /** `generated`, `corpus:<file>` or `trace:<file>`. */
  source: string;
  /** Edits in the case before shrinking. */
  edits_before_shrink: number;
  /** Start text length before shrinking. */
  start_text_length_before_shrink: number;
  /** Edits in the saved case. */
  edits: number;
  /** Start text length of the saved case. */
  start_text_length: number;
  /** Whether shrinking reached a minimal case. */
  shrink_complete: boolean;
  /** The first difference of the saved case. */
  difference: ReportDifference;
  /** The command that replays it. */
  replay_command: string | null;
}

/** The report. */
export interface FuzzReport {
  /** {@linkcode REPORT_SCHEMA}. */
  schema: string;
  /** The campaign seed. */
  seed: number;
  /** The campaign options. */
  options: ReportOptions;
  /** Which shards of how many this report covers. */
  shard: { count: number; indexes: number[] };
  /** The module under test. */
  module: { name: string; version: string };
  /** `Deno.version.deno`. */
  deno_version: string;
  /** The git commit of the checkout, or `null`. */
  git_commit: string | null;
  /** The lexer's name. */
  lexer: string;
  /** The command that reruns this campaign (one shard of it, for a shard report). */
  command: string;
  /** Counts and rates. */
  summary: {
    total_iterations: number;
    total_edits: number;
    equivalence_checks: number;
    failures: number;
    success_rate: number;
    elapsed_time_seconds: number;
    edits_per_second: number;
    stopped_early: boolean;
  };
  /** Failures in the order found. */
  failure_cases: ReportFailure[];
  /** Timing detail. */
  performance: {
    avg_edit_time_ms: number;
    total_runtime_hours: number;
    edit_loop_seconds: number;
    check_seconds: number;
    shrink_seconds: number;
  };
}

/** The JSON Schema of the report (`fuzz/fuzz_report.schema.json`). */
export const REPORT_JSON_SCHEMA: JsonSchema = reportSchema;

/** A difference as the report writes it (snake_case field names). */
export interface ReportDifference {
  /** What differs. */
  kind: Difference["kind"];
  /** The 0-based line, or -1. */
  line: number;
  /** Index of the first differing token in the document, or -1. */
  token_index: number;
  /** Index of the first differing token within its line, or -1. */
  line_token_index: number;
  /** The reference value. */
  expected: Difference["expected"];
  /** The incremental lexer's value. */
  actual: Difference["actual"];
}

/**
 * A difference in the report's spelling.
 *
 * @param d The difference the comparison found.
 * @returns The same fields, snake_case.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { reportDifference } from "./report.ts";
 * const d = { kind: "state" as const, line: 2, tokenIndex: -1, lineTokenIndex: -1, expected: "a", actual: "b" };
 * assertEquals(reportDifference(d).token_index, -1);
 * ```
 */
export function reportDifference(d: Difference): ReportDifference {
  return {
    kind: d.kind,
    line: d.line,
    token_index: d.tokenIndex,
    line_token_index: d.lineTokenIndex,
    expected: d.expected,
    actual: d.actual,
  };
}

/**
 * Checks a parsed report against the schema: every field present with the right type, no
 * unknown fields, counts consistent.
 *
 * @param data The parsed JSON.
 * @returns The problems found; empty when the report is valid.
 * @example An empty object is not a report
 * ```ts
 * import { assert } from "@std/assert";
 * import { validateReport } from "./report.ts";
 * assert(validateReport({}).length > 0);
 * ```
 */
export function validateReport(data: unknown): string[] {
  const problems = validateJson(REPORT_JSON_SCHEMA, data);
  if (problems.length > 0) return problems;
  const rep = data as FuzzReport;
  const s = rep.summary;
  if (s.failures !== rep.failure_cases.length) {
    problems.push(`summary.failures: ${s.failures} but ${rep.failure_cases.length} failure_cases`);
  }
  if (s.failures > s.equivalence_checks) {
    problems.push("summary.failures: more than equivalence_checks");
  }
  if (s.success_rate < 0 || s.success_rate > 1) {
    problems.push("summary.success_rate: not in [0, 1]");
  }
  if (s.total_edits < s.total_iterations) {
    problems.push("summary.total_edits: fewer than total_iterations");
  }
  const { count, indexes } = rep.shard;
  if (
    count < 1 || indexes.length === 0 ||
    !indexes.every((i, n) =>
      Number.isInteger(i) && i >= 1 && i <= count && (n === 0 || i > indexes[n - 1]!)
    )
  ) problems.push("shard: indexes must be increasing integers in 1..count");
  return problems;
}

/**
 * The success rate: the share of equivalence checks that passed (1 when there were none).
 *
 * @param checks Checks run.
 * @param failures Checks that failed.
 * @returns A number in `[0, 1]`.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { successRate } from "./report.ts";
 * assertEquals([successRate(0, 0), successRate(4, 1)], [1, 0.75]);
 * ```
 */
export function successRate(checks: number, failures: number): number {
  return checks === 0 ? 1 : (checks - failures) / checks;
}

/**
 * Merges shard reports of one campaign into one report. Counts add up; `elapsed_time_seconds`
 * is the longest shard's (the shards run in parallel), `total_runtime_hours` the sum (machine
 * time), `edits_per_second` the iterations over the summed edit-loop time (per-core speed).
 *
 * @param reports Valid reports of the same campaign (seed, options, module, commit, shard count)
 * with no shard twice.
 * @returns The merged report.
 * @throws {Error} When the reports do not belong together, saying why.
 */
export function mergeReports(reports: readonly FuzzReport[]): FuzzReport {
  const first = reports[0];
  if (first === undefined) throw new Error("Cannot merge reports: none given");
  const key = (r: FuzzReport) =>
    JSON.stringify([r.seed, r.options, r.shard.count, r.module, r.git_commit, r.lexer]);
  const seen = new Set<number>();
  for (const r of reports) {
    if (key(r) !== key(first)) {
      throw new Error(
        "Cannot merge reports: they are from different campaigns (seed, options, shard count, " +
          "module version, git commit or lexer differ)",
      );
    }
    for (const i of r.shard.indexes) {
      if (seen.has(i)) {
        throw new Error(`Cannot merge reports: shard ${i}/${first.shard.count} appears twice`);
      }
      seen.add(i);
    }
  }
  const sum = (f: (r: FuzzReport) => number) => reports.reduce((a, r) => a + f(r), 0);
  const totalIterations = sum((r) => r.summary.total_iterations);
  const checks = sum((r) => r.summary.equivalence_checks);
  const failures = sum((r) => r.summary.failures);
  const loop = sum((r) => r.performance.edit_loop_seconds);
  const ordered = [...reports].sort((a, b) => a.shard.indexes[0]! - b.shard.indexes[0]!);
  return {
    ...first,
    command: ordered.map((r) => r.command).join(" ; "),
    shard: { count: first.shard.count, indexes: [...seen].sort((a, b) => a - b) },
    summary: {
      total_iterations: totalIterations,
      total_edits: sum((r) => r.summary.total_edits),
      equivalence_checks: checks,
      failures,
      success_rate: successRate(checks, failures),
      elapsed_time_seconds: Math.max(...reports.map((r) => r.summary.elapsed_time_seconds)),
      edits_per_second: loop > 0 ? totalIterations / loop : 0,
      stopped_early: reports.some((r) => r.summary.stopped_early),
    },
    failure_cases: ordered.flatMap((r) => r.failure_cases),
    performance: {
      avg_edit_time_ms: totalIterations > 0 ? (loop * 1000) / totalIterations : 0,
      total_runtime_hours: sum((r) => r.performance.total_runtime_hours),
      edit_loop_seconds: loop,
      check_seconds: sum((r) => r.performance.check_seconds),
      shrink_seconds: sum((r) => r.performance.shrink_seconds),
    },
  };
}

/**
 * A copy of a report without its timing fields: what two runs with the same seed and options
 * must agree on.
 *
 * @param report The report.
 * @returns The report with every field of {@linkcode TIMING_FIELDS} removed.
 */
export function withoutTiming(report: FuzzReport): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(report)) as Record<string, Record<string, unknown>>;
  for (const f of TIMING_FIELDS) {
    const [section, field] = f.split(".") as [string, string];
    delete copy[section]![field];
  }
  return copy;
}
