/**
 * The JSON report of `deno task verify`, and a checker for its schema.
 *
 * @module
 */

/** The value of {@linkcode VerifyReport.schema}; changes when the shape does. */
export const REPORT_SCHEMA = "latex-perfectionist/verify-report@1";

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
  startedAt: string;
  /** The proofs directory as given. */
  proofsDir: string;
  /** The Coq version `coqc --version` reported, e.g. `"8.16.1"`. */
  coqVersion: string;
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
  /** The steps that ran programs. */
  steps: { build: ReportStep; assumptions: ReportStep; check: ReportStep };
  /** Total wall-clock time in milliseconds. */
  totalMs: number;
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
 * assertEquals(validateReport({ schema: "x" })[0], "schema: expected \"latex-perfectionist/verify-report@1\"");
 * ```
 */
export function validateReport(value: unknown): string[] {
  const problems: string[] = [];
  const at = (path: string, what: string) => problems.push(`${path}: expected ${what}`);
  const obj = (v: unknown, path: string): Record<string, unknown> | undefined => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      return v as Record<string, unknown>;
    }
    at(path, "an object");
    return undefined;
  };
  const str = (v: unknown, path: string) => typeof v === "string" || at(path, "a string");
  const bool = (v: unknown, path: string) => typeof v === "boolean" || at(path, "a boolean");
  const nat = (v: unknown, path: string) =>
    (typeof v === "number" && Number.isFinite(v) && v >= 0) || at(path, "a number >= 0");
  const list = (v: unknown, path: string, item: (x: unknown, p: string) => unknown) => {
    if (!Array.isArray(v)) return at(path, "an array");
    v.forEach((x, i) => item(x, `${path}[${i}]`));
  };
  const strings = (v: unknown, path: string) => list(v, path, str);

  const r = obj(value, "report");
  if (r === undefined) return problems;
  if (r.schema !== REPORT_SCHEMA) at("schema", JSON.stringify(REPORT_SCHEMA));
  bool(r.passed, "passed");
  strings(r.failures, "failures");
  if (r.passed === true && Array.isArray(r.failures) && r.failures.length > 0) {
    at("failures", "an empty array when passed is true");
  }
  if (r.passed === false && Array.isArray(r.failures) && r.failures.length === 0) {
    at("failures", "at least one reason when passed is false");
  }
  if (typeof r.startedAt !== "string" || Number.isNaN(Date.parse(r.startedAt))) {
    at("startedAt", "an ISO 8601 date");
  }
  str(r.proofsDir, "proofsDir");
  str(r.coqVersion, "coqVersion");
  strings(r.sources, "sources");
  strings(r.modules, "modules");
  list(r.theorems, "theorems", (t, p) => {
    const o = obj(t, p);
    if (o === undefined) return;
    str(o.name, `${p}.name`);
    bool(o.found, `${p}.found`);
    bool(o.closed, `${p}.closed`);
    strings(o.assumptions, `${p}.assumptions`);
  });
  list(r.findings, "findings", (f, p) => {
    const o = obj(f, p);
    if (o === undefined) return;
    str(o.file, `${p}.file`);
    nat(o.line, `${p}.line`);
    nat(o.column, `${p}.column`);
    str(o.construct, `${p}.construct`);
    str(o.text, `${p}.text`);
  });
  const checker = obj(r.checker, "checker");
  if (checker !== undefined) {
    strings(checker.axioms, "checker.axioms");
    strings(checker.unsafe, "checker.unsafe");
  }
  const steps = obj(r.steps, "steps");
  if (steps !== undefined) {
    for (const name of ["build", "assumptions", "check"]) {
      const s = obj(steps[name], `steps.${name}`);
      if (s === undefined) continue;
      bool(s.ran, `steps.${name}.ran`);
      bool(s.ok, `steps.${name}.ok`);
      nat(s.ms, `steps.${name}.ms`);
    }
  }
  nat(r.totalMs, "totalMs");
  return problems;
}
