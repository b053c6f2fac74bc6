/**
 * The readable summary `deno task verify` prints after writing its JSON report.
 *
 * @module
 */

import type { VerifyReport } from "./report.ts";

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Formats a report for a terminal.
 *
 * @param report The report.
 * @param reportPath Where the JSON report was written.
 * @returns Lines of text, without colours.
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { formatSummary } from "./summary.ts";
 * const step = { ran: true, ok: true, ms: 1500 };
 * const text = formatSummary({
 *   schema: "latex-perfectionist/verify-report@3", passed: true, failures: [],
 *   started_at: "2026-01-01T00:00:00.000Z", proofs_dir: "proofs", coq_version: "8.16.1",
 *   sources: ["A.v"], modules: ["LP.A"], findings: [], checker: { axioms: [], unsafe: [] },
 *   theorems: [{ name: "LP.A.t", found: true, closed: true, assumptions: [] }],
 *   steps: { build: step, assumptions: step, check: step, extraction: step, driver: step },
 *   total_ms: 4500,
 * }, "r.json");
 * assert(text.startsWith("verify: PASS"));
 * ```
 */
export function formatSummary(report: VerifyReport, reportPath: string): string {
  const out: string[] = [];
  out.push(
    `verify: ${report.passed ? "PASS" : "FAIL"} (Coq ${report.coq_version}, ` +
      `${report.sources.length} sources, ${report.modules.length} modules)`,
  );
  for (const t of report.theorems) {
    const status = !t.found
      ? "NOT FOUND"
      : t.closed
      ? "closed under the global context"
      : `ASSUMES ${t.assumptions.join("; ")}`;
    out.push(`  ${t.closed ? "ok  " : "FAIL"} ${t.name}: ${status}`);
  }
  out.push(
    report.findings.length === 0
      ? "  ok   no Admitted, admit, Axiom, Parameter, Conjecture, give_up or unset checks"
      : `  FAIL ${report.findings.length} forbidden construct(s):`,
  );
  for (const f of report.findings) {
    out.push(`         ${f.file}:${f.line}:${f.column}: ${f.construct}: ${f.text}`);
  }
  const c = report.steps.check;
  if (c.ran) {
    const extra = [...report.checker.axioms, ...report.checker.unsafe];
    out.push(
      c.ok
        ? "  ok   coqchk: no axioms, no unsafe constructs"
        : `  FAIL coqchk${extra.length > 0 ? `: ${extra.join(", ")}` : ""}`,
    );
  } else {
    out.push("  --   coqchk did not run (the build failed)");
  }
  const s = report.steps;
  if (s.extraction.ran) {
    out.push(
      s.extraction.ok && s.driver.ok
        ? "  ok   extracted to OCaml and compiled the driver (proofs/_build/oracle)"
        : `  FAIL ${s.extraction.ok ? "the driver does not compile" : "the extraction failed"}`,
    );
  } else {
    out.push("  --   the extraction did not run (an earlier step failed)");
  }
  out.push(
    `  times: build ${seconds(s.build.ms)}, assumptions ${seconds(s.assumptions.ms)}, ` +
      `coqchk ${seconds(s.check.ms)}, extraction ${seconds(s.extraction.ms + s.driver.ms)}, ` +
      `total ${seconds(report.total_ms)}`,
  );
  const others = report.failures.filter((f) => !/^\S+:\d+:\d+: /.test(f));
  for (const f of others) out.push(`  failure: ${f.replaceAll("\n", "\n    ")}`);
  out.push(`  report: ${reportPath}`);
  return out.join("\n");
}
