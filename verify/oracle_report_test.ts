import { assertEquals } from "@std/assert";
import { buildReport, validateOracleReport } from "./oracle_report.ts";
import { runOracle } from "./oracle_run.ts";
import { ORACLE_CONFIGS } from "./oracle_check.ts";
import { COMMENT_IN_MATH_IS_TEXT, fakeExtracted } from "./testdata/fake_extracted.ts";

const meta = {
  startedAt: "2026-12-01T23:00:00.000Z",
  command: "deno task oracle",
  driver: "proofs/_build/oracle",
  seed: 7,
  configs: ORACLE_CONFIGS.map((c) => c.name),
  inputs: { corpus_files: 0, trace_texts: 0, generated_documents: 0, given_files: 1 },
  files: 1,
  totalSeconds: 0.5,
};
const texts = [{ source: "t.tex", read: () => "$a % b$\n% c\n" }];

Deno.test("buildReport() gives reports that match the schema, passing and failing", async () => {
  const good = buildReport(await runOracle({ coq: fakeExtracted(), texts, seed: 7 }), meta);
  assertEquals(validateOracleReport(good), []);
  assertEquals([good.passed, good.checks, good.agreement.fraction], [true, 16, 1]);
  const bad = buildReport(
    await runOracle({ coq: fakeExtracted(COMMENT_IN_MATH_IS_TEXT), texts, seed: 7 }),
    meta,
  );
  assertEquals(validateOracleReport(bad), []);
  assertEquals([bad.passed, bad.difference_count, bad.agreement.fraction], [false, 16, 0]);
});

Deno.test("validateOracleReport() names what is wrong", async () => {
  const r = buildReport(await runOracle({ coq: fakeExtracted(), texts, seed: 7 }), meta);
  assertEquals(validateOracleReport({ ...r, passed: false }), [
    "$.passed: disagrees with the difference counts",
  ]);
  const { lines: _, ...noLines } = r;
  assertEquals(validateOracleReport({ ...noLines, linesCompared: 1 }), [
    "$.lines: missing (required)",
    "$.linesCompared: not allowed (additionalProperties is false)",
  ]);
});
