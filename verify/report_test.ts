import { assertEquals } from "@std/assert";
import { REPORT_SCHEMA, validateReport, type VerifyReport } from "./report.ts";

function sample(): VerifyReport {
  const step = { ran: true, ok: true, ms: 12.5 };
  return {
    schema: REPORT_SCHEMA,
    passed: true,
    failures: [],
    started_at: "2026-11-27T04:00:00.000Z",
    proofs_dir: "proofs",
    coq_version: "8.16.1",
    sources: ["Codec.v"],
    modules: ["LaTeXPerfectionist.Codec"],
    theorems: [{
      name: "LaTeXPerfectionist.Codec.codec_roundtrip",
      found: true,
      closed: true,
      assumptions: [],
    }],
    findings: [],
    checker: { axioms: [], unsafe: [] },
    steps: { build: step, assumptions: step, check: step, extraction: step, driver: step },
    total_ms: 40,
  };
}

Deno.test("validateReport() accepts a well-formed report, passing or failing", () => {
  assertEquals(validateReport(sample()), []);
  const failing = {
    ...sample(),
    passed: false,
    failures: ["Codec.v:3:1: Axiom is not allowed: Axiom x : False."],
    findings: [{
      file: "Codec.v",
      line: 3,
      column: 1,
      construct: "Axiom",
      text: "Axiom x : False.",
    }],
  };
  assertEquals(validateReport(failing), []);
});

Deno.test("validateReport() names each field that is missing or of the wrong type", () => {
  const r: Record<string, unknown> = { ...sample() };
  delete r.coq_version;
  r.total_ms = -1;
  r.theorems = [{ name: "t", found: "yes", closed: true, assumptions: [] }];
  r.steps = { build: { ran: true, ok: true, ms: 1 }, assumptions: { ran: true, ok: true, ms: 1 } };
  r.totalMs = 40;
  assertEquals(validateReport(r), [
    "$.coq_version: missing (required)",
    "$.theorems[0].found: expected boolean, got string",
    "$.steps.check: missing (required)",
    "$.steps.extraction: missing (required)",
    "$.steps.driver: missing (required)",
    "$.total_ms: -1 is below the minimum 0",
    "$.totalMs: not allowed (additionalProperties is false)",
  ]);
});

Deno.test("validateReport() requires failures to agree with passed", () => {
  assertEquals(validateReport({ ...sample(), failures: ["x"] }), [
    "$.failures: not empty although passed",
  ]);
  assertEquals(validateReport({ ...sample(), passed: false }), [
    "$.failures: empty although not passed",
  ]);
  assertEquals(validateReport([]), ["$: expected object, got array"]);
});
