/**
 * The JSON report of `deno task oracle` (`oracle_report.json`) and a checker for its schema
 * (`verify/oracle_report.schema.json`).
 *
 * @module
 */

import { type JsonSchema, validateJson } from "../_tools/json_schema.ts";
import reportSchema from "./oracle_report.schema.json" with { type: "json" };
import type { OracleDifference, OracleResult } from "./oracle_run.ts";

/** The JSON Schema of the report. */
export const ORACLE_REPORT_JSON_SCHEMA: JsonSchema = reportSchema;

/** The value of {@linkcode OracleReport.schema}; changes when the shape does. */
export const ORACLE_REPORT_SCHEMA = "latex-perfectionist/oracle-report@1";

/** The most differences listed in a report (all are counted). */
export const MAX_LISTED_DIFFERENCES = 500;

/** The report. */
export interface OracleReport {
  /** {@linkcode ORACLE_REPORT_SCHEMA}. */
  schema: typeof ORACLE_REPORT_SCHEMA;
  /** No difference of either kind. */
  passed: boolean;
  /** When the run started, ISO 8601. */
  started_at: string;
  /** The command line. */
  command: string;
  /** The extracted lexer's driver. */
  driver: string;
  /** The seed of the generated documents and of the incremental check's edits. */
  seed: number;
  /** The configurations' names. */
  configs: string[];
  /** How many texts of each source. */
  inputs: {
    corpus_files: number;
    trace_texts: number;
    generated_documents: number;
    given_files: number;
  };
  /** Files read (corpus, given, traces). */
  files: number;
  /** Texts checked (each under every configuration). */
  texts: number;
  /** (text, configuration) pairs. */
  checks: number;
  /** Lines compared. */
  lines: number;
  /** Tokens compared. */
  tokens: number;
  /** Pairs with no difference between the extracted and the TypeScript lexer. */
  agreement: { checks_agreeing: number; fraction: number };
  /** Differences between the extracted and the TypeScript lexer (first per pair). */
  difference_count: number;
  /** Differences between the incremental and the batch TypeScript lexer. */
  incremental_difference_count: number;
  /** Differences per construct. */
  by_construct: { construct: string; count: number }[];
  /** The differences (at most {@linkcode MAX_LISTED_DIFFERENCES}). */
  differences: OracleDifference[];
  /** Wall-clock seconds, and the extracted lexer's share and speed. */
  timing: {
    total_s: number;
    extracted_s: number;
    extracted_units: number;
    extracted_mb_per_s: number;
  };
}

/** What the report needs besides the result. */
export interface ReportMeta {
  /** When the run started. */
  startedAt: string;
  /** The command line. */
  command: string;
  /** The driver. */
  driver: string;
  /** The seed. */
  seed: number;
  /** The configurations. */
  configs: string[];
  /** Inputs by source. */
  inputs: OracleReport["inputs"];
  /** Files read. */
  files: number;
  /** Seconds for the whole run. */
  totalSeconds: number;
}

/**
 * Builds the report.
 *
 * @param r The run's result.
 * @param meta The rest.
 * @returns The report.
 */
export function buildReport(r: OracleResult, meta: ReportMeta): OracleReport {
  const incremental = r.differences.filter((d) => d.kind === "incremental").length;
  const extracted = r.differences.length - incremental;
  return {
    schema: ORACLE_REPORT_SCHEMA,
    passed: r.differences.length === 0,
    started_at: meta.startedAt,
    command: meta.command,
    driver: meta.driver,
    seed: meta.seed,
    configs: meta.configs,
    inputs: meta.inputs,
    files: meta.files,
    texts: r.texts,
    checks: r.checks,
    lines: r.counts.lines,
    tokens: r.counts.tokens,
    agreement: {
      checks_agreeing: r.checksAgreeing,
      fraction: r.checks === 0 ? 1 : r.checksAgreeing / r.checks,
    },
    difference_count: extracted,
    incremental_difference_count: incremental,
    by_construct: r.byConstruct,
    differences: r.differences.slice(0, MAX_LISTED_DIFFERENCES),
    timing: {
      total_s: meta.totalSeconds,
      extracted_s: r.extractedSeconds,
      extracted_units: r.counts.units,
      // UTF-16 code units count as bytes here: the corpus is nearly all ASCII.
      extracted_mb_per_s: r.extractedSeconds === 0 ? 0 : r.counts.units / 1e6 / r.extractedSeconds,
    },
  };
}

/**
 * Checks that a value has the shape of an {@linkcode OracleReport}.
 *
 * @param value A parsed report.
 * @returns The problems, each naming a path; empty when it matches.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { validateOracleReport } from "./oracle_report.ts";
 * assertEquals(validateOracleReport({ schema: "x" })[0], "$.passed: missing (required)");
 * ```
 */
export function validateOracleReport(value: unknown): string[] {
  const problems = validateJson(ORACLE_REPORT_JSON_SCHEMA, value);
  if (problems.length > 0) return problems;
  const r = value as OracleReport;
  const total = r.difference_count + r.incremental_difference_count;
  if (r.passed !== (total === 0)) problems.push("$.passed: disagrees with the difference counts");
  return problems;
}
