import { assertEquals, assertThrows } from "@std/assert";
import { invalidEditIndex, replayCase } from "./replay.ts";
import { fakeLexer } from "./_fake_lexer.ts";

const start = "\\section{A}\nx $y$ z\n% c\n";

Deno.test("replayCase() passes a correct lexer in both check modes", () => {
  const c = {
    options: {},
    startText: start,
    edits: [[0, 0, "$"], [3, 9, "\r\n"], [0, 1, ""]] as const,
  };
  for (const mode of ["every-edit", "end"] as const) {
    assertEquals(replayCase(fakeLexer(), { ...c, edits: [...c.edits] }, mode), {
      difference: null,
      editsApplied: 3,
    });
  }
});

Deno.test("replayCase() reports the edit after which a dropped token shows", () => {
  const lexer = fakeLexer({ dropTokenAfterInsertOf: "}" });
  const c = {
    options: {},
    startText: start,
    edits: [[0, 0, "a"], [14, 14, "}"], [0, 1, ""]] as const,
  };
  const each = replayCase(lexer, { ...c, edits: [...c.edits] }, "every-edit");
  assertEquals(each.editsApplied, 2);
  assertEquals(each.difference?.kind, "tokens");
  assertEquals(each.difference?.line, 1);
  const end = replayCase(lexer, { ...c, edits: [...c.edits] }, "end");
  assertEquals(end.editsApplied, 3);
  assertEquals(end.difference?.kind, "tokens");
});

Deno.test("replayCase() turns throws and bad lengths into differences", () => {
  const thrown = replayCase(fakeLexer({ throwOnInsertOf: "!" }), {
    options: {},
    startText: "ab",
    edits: [[1, 1, "!"]],
  }, "end");
  assertEquals(thrown.difference?.kind, "exception");
  assertEquals(thrown.editsApplied, 1);
  const miscount = replayCase(fakeLexer({ miscountLengthAfterInsertOf: "x" }), {
    options: {},
    startText: "ab",
    edits: [[0, 0, "c"], [1, 1, "x"]],
  }, "end");
  assertEquals(miscount.difference?.kind, "length");
  assertEquals(miscount.editsApplied, 2);
});

Deno.test("replayCase() rejects cases whose edits are out of range", () => {
  assertEquals(
    invalidEditIndex({ options: {}, startText: "ab", edits: [[0, 0, "xyz"], [5, 5, ""]] }),
    -1,
  );
  assertEquals(invalidEditIndex({ options: {}, startText: "ab", edits: [[2, 1, ""]] }), 0);
  assertThrows(
    () => replayCase(fakeLexer(), { options: {}, startText: "ab", edits: [[0, 3, ""]] }, "end"),
    RangeError,
  );
});
