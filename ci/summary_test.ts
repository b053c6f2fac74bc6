import { assertEquals } from "@std/assert";
import type { PhaseResult } from "./run_phases.ts";
import { countStatuses, formatSummary } from "./summary.ts";

const result = (id: string, status: PhaseResult["status"], note?: string): PhaseResult => ({
  id,
  title: id,
  status,
  ...(note === undefined ? {} : { note }),
  seconds: 1.5,
  steps: [],
});

Deno.test("formatSummary() ends with FAILED when a phase failed, OK otherwise", () => {
  const failed = formatSummary([result("a", "passed"), result("b", "failed", "tests")], 3);
  assertEquals(failed.split("\n").at(-1), "1 passed, 1 failed, 0 skipped in 3.0 s: FAILED");
  assertEquals(failed.includes("b      failed (tests)  1.5 s"), true, failed);
  const ok = formatSummary([result("a", "skipped", "task missing: x")], 0);
  assertEquals(ok.split("\n").at(-1), "0 passed, 0 failed, 1 skipped in 0.0 s: OK");
});

Deno.test("formatSummary() aligns the columns to the widest cell", () => {
  const lines = formatSummary([result("lint-types", "passed"), result("fuzz", "passed")], 3)
    .split("\n");
  assertEquals(lines.slice(0, 4), [
    "phase       status  time",
    "----------  ------  -----",
    "lint-types  passed  1.5 s",
    "fuzz        passed  1.5 s",
  ]);
});

Deno.test("countStatuses() counts an empty run as all zero", () => {
  assertEquals(countStatuses([]), { passed: 0, failed: 0, skipped: 0 });
});
