import { assert, assertEquals } from "@std/assert";
import { replayTrace } from "./replay_session.ts";
import type { EditingTrace } from "../_tools/trace.ts";

const TRACE: EditingTrace = {
  startContent: "",
  endContent: "\\section{A}\n$x$ and $y$\n",
  txns: [
    { patches: [[0, 0, "\\section{A}\n"]] },
    { patches: [[12, 0, "x and y\n"]] },
    { patches: [[19, 0, "$"], [18, 0, "$"]] },
    { patches: [[13, 0, "$"], [12, 0, "$"]] },
  ],
};

Deno.test("replayTrace() replays every patch, checks, and compares with endContent", () => {
  const result = replayTrace(TRACE, { checkEvery: 2 });
  assertEquals(result.txns, 4);
  assertEquals(result.edits, 6);
  assertEquals(result.checks, 3);
  assertEquals(result.mismatch, null);
  assertEquals(result.end_content_matches, true);
  assertEquals(result.max_length, TRACE.endContent!.length);
  assert(result.relexed_lines.mean >= 1 && result.relexed_lines.max >= 1);
  assert(result.per_edit_ms.p50 <= result.per_edit_ms.p99);
  assert(result.per_edit_ms.p99 <= result.per_edit_ms.max);
});

Deno.test("replayTrace() reports a final text that differs from endContent", () => {
  const result = replayTrace({ ...TRACE, endContent: "something else" }, { checkEvery: 0 });
  assertEquals(result.checks, 1);
  assertEquals(result.end_content_matches, false);
});

Deno.test("replayTrace() with a limit stops early and skips the endContent check", () => {
  const result = replayTrace(TRACE, { limit: 3, checkEvery: 0 });
  assertEquals(result.edits, 3);
  assertEquals(result.end_content_matches, null);
});
