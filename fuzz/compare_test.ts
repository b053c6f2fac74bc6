import { assertEquals } from "@std/assert";
import { checkShape, compareLexed, exceptionDifference } from "./compare.ts";
import { fakeLexer } from "./_fake_lexer.ts";

const lexer = fakeLexer();

Deno.test("compareLexed() finds no difference between equal lexes", () => {
  const text = "a $x$\n\\foo % c\r\nb$\rc";
  assertEquals(compareLexed(lexer.batch(text, {}), lexer.batch(text, {}), lexer.stateKey), null);
});

Deno.test("compareLexed() reports a changed start state at its line, before its tokens", () => {
  const doc = lexer.batch("a\n$b", {});
  const skewed = {
    lineCount: doc.lineCount,
    lineTokens: (line: number) => doc.lineTokens(line).slice(1),
    lineState: (line: number) => line === 1 ? true : doc.lineState(line),
    finalState: doc.finalState,
  };
  const d = compareLexed(skewed, doc, lexer.stateKey);
  assertEquals(d?.kind, "tokens");
  assertEquals(d?.line, 0);
  const onlyState = { ...skewed, lineTokens: (line: number) => doc.lineTokens(line) };
  const s = compareLexed(onlyState, doc, lexer.stateKey);
  assertEquals(s?.kind, "state");
  assertEquals(s?.line, 1);
  assertEquals([s?.expected, s?.actual], ["text", "math"]);
});

Deno.test("compareLexed() reports the first differing token with document and line indexes", () => {
  const d = compareLexed(lexer.batch("a b\nc d", {}), lexer.batch("a b\nc e", {}), lexer.stateKey);
  assertEquals(d?.kind, "tokens");
  assertEquals(d?.line, 1);
  assertEquals(d?.tokenIndex, 5);
  assertEquals(d?.lineTokenIndex, 2);
  assertEquals((d?.expected as { text: string }).text, "e");
  assertEquals((d?.actual as { text: string }).text, "d");
  const missing = compareLexed(lexer.batch("a", {}), lexer.batch("a b", {}), lexer.stateKey);
  assertEquals(missing?.actual, null);
  assertEquals(missing?.tokenIndex, 1);
});

Deno.test("compareLexed() reports line count and final state differences", () => {
  assertEquals(
    compareLexed(lexer.batch("a", {}), lexer.batch("a\n", {}), lexer.stateKey)?.kind,
    "line_count",
  );
  assertEquals(
    compareLexed(lexer.batch("a", {}), lexer.batch("$", {}), lexer.stateKey)?.kind,
    "tokens",
  );
  const doc = lexer.batch("a", {});
  const other = {
    ...doc,
    lineCount: 1,
    lineTokens: doc.lineTokens.bind(doc),
    lineState: doc.lineState.bind(doc),
    finalState: true,
  };
  assertEquals(compareLexed(other, doc, lexer.stateKey)?.kind, "final_state");
});

Deno.test("checkShape() checks length, then line count", () => {
  assertEquals(checkShape({ length: 2, lineCount: 1 }, { length: 2, lineCount: 1 }), null);
  assertEquals(
    checkShape({ length: 2, lineCount: 1 }, { length: 3, lineCount: 2 })?.kind,
    "length",
  );
  assertEquals(
    checkShape({ length: 2, lineCount: 1 }, { length: 2, lineCount: 2 })?.kind,
    "edit_line_count",
  );
  assertEquals(exceptionDifference(new RangeError("bad")).actual, "RangeError: bad");
});
