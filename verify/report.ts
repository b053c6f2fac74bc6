/**
 * The JSON report of `deno task verify`, and a checker for its schema
 * (`verify/verify_report.schema.json`).
 *
 * @module
 */

import { type JsonSchema, validateJson } from "../_tools/json_schema.ts";
import reportSchema from "./verify_report.schema.json" with { type: "json" };

/** The JSON Schema of the report. */
export const REPORT_JSON_SCHEMA: JsonSchema = reportSchema;

/** The value of {@linkcode VerifyReport.schema}; changes when the shape does. */
export const REPORT_SCHEMA = "latex-perfectionist/verify-report@3";

/** A forbidden construct found in a source file. */
export interface ReportFinding {
  /** The file, relative to the proofs directory. */
  file: string;
  /** The line, from 1. */
  line: number;
  /** The column, from 1. */
  column: number;
  /** The construct, e.g. `"Admitted"`. */
  construct: string;
  /** The source line, trimmed. */
  text: string;
}

/** What is known about one required theorem. */
export interface ReportTheorem {
  /** The qualified name. */
  name: string;
  /** Whether `Print Assumptions` printed a block for it. */
  found: boolean;
  /** Whether that block was exactly `Closed under the global context`. */
  closed: boolean;
  /** The assumptions printed otherwise. */
  assumptions: string[];
}

/** One step that ran a program. */
export interface ReportStep {
  /** Whether the step ran. */
  ran: boolean;
  /** Whether it succeeded (`false` when it did not run). */
  ok: boolean;
  /** Its wall-clock time in milliseconds (0 when it did not run). */
  ms: number;
}

/** The whole report. */
export interface VerifyReport {
  /** {@linkcode REPORT_SCHEMA}. */
  schema: typeof REPORT_SCHEMA;
  /** Whether every check passed. */
  passed: boolean;
  /** Why it did not pass, one sentence each; empty when it passed. */
  failures: string[];
  /** When the run started, ISO 8601. */
  started_at: string;
  /** The proofs directory as given. */
  proofs_dir: string;
  /** The Coq version `coqc --version` reported, e.g. `"8.16.1"`. */
  coq_version: string;
  /** The source files scanned, relative to the proofs directory. */
  sources: string[];
  /** The logical module names built and checked. */
  modules: string[];
  /** The required theorems. */
  theorems: ReportTheorem[];
  /** Forbidden constructs found in the sources. */
  findings: ReportFinding[];
  /** What `coqchk -o` found. */
  checker: { axioms: string[]; unsafe: string[] };
  /**
   * The steps that ran programs: the build, `Print Assumptions`, coqchk, the extraction to OCaml
   * (`coqc Extraction.v`) and the driver's compilation (`ocamlopt`).
   */
  steps: {
    build: ReportStep;
    assumptions: ReportStep;
    check: ReportStep;
    extraction: ReportStep;
    driver: ReportStep;
  };
  /** Total wall-clock time in milliseconds. */
  total_ms: number;
}

/**
 * Checks that a value has the shape of a {@linkcode VerifyReport}.
 *
 * @param value A parsed report.
 * @returns The problems found, each naming a path in the value; empty when it matches.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { validateReport } from "./report.ts";
 * assertEquals(validateReport({ schema: "x" })[0], "$.passed: missing (required)");
 * ```
 */
export function validateReport(value: unknown): string[] {
  const problems = validateJson(REPORT_JSON_SCHEMA, value);
  if (problems.length > 0) return problems;
  const r = value as VerifyReport;
  if (r.passed && r.failures.length > 0) problems.push("$.failures: not empty although passed");
  if (!r.passed && r.failures.length === 0) problems.push("$.failures: empty although not passed");
  return problems;
}
