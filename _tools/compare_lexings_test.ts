import { assertEquals } from "@std/assert";
import { checkShape, compareLexings, exceptionDifference } from "./compare_lexings.ts";
import { IncrementalLexer, lexDocument, stateKey } from "@latex-perfectionist/lexer";
import { fakeLexer } from "../fuzz/_fake_lexer.ts";

const lexer = fakeLexer();

Deno.test("compareLexings() finds no difference between equal lexes", () => {
  const text = "a $x$\n\\foo % c\r\nb$\rc";
  assertEquals(compareLexings(lexer.batch(text, {}), lexer.batch(text, {}), lexer.stateKey), null);
});

Deno.test("compareLexings() reports a changed start state at its line, before its tokens", () => {
  const doc = lexer.batch("a\n$b", {});
  const skewed = {
    lineCount: doc.lineCount,
    lineTokens: (line: number) => doc.lineTokens(line).slice(1),
    lineState: (line: number) => line === 1 ? true : doc.lineState(line),
    finalState: doc.finalState,
  };
  const d = compareLexings(skewed, doc, lexer.stateKey);
  assertEquals(d?.kind, "tokens");
  assertEquals(d?.line, 0);
  const onlyState = { ...skewed, lineTokens: (line: number) => doc.lineTokens(line) };
  const s = compareLexings(onlyState, doc, lexer.stateKey);
  assertEquals(s?.kind, "state");
  assertEquals(s?.line, 1);
  assertEquals([s?.expected, s?.actual], ["text", "math"]);
});

Deno.test("compareLexings() reports the first differing token with document and line indexes", () => {
  const d = compareLexings(
    lexer.batch("a b\nc d", {}),
    lexer.batch("a b\nc e", {}),
    lexer.stateKey,
  );
  assertEquals(d?.kind, "tokens");
  assertEquals(d?.line, 1);
  assertEquals(d?.tokenIndex, 5);
  assertEquals(d?.lineTokenIndex, 2);
  assertEquals((d?.expected as { text: string }).text, "e");
  assertEquals((d?.actual as { text: string }).text, "d");
  const missing = compareLexings(lexer.batch("a", {}), lexer.batch("a b", {}), lexer.stateKey);
  assertEquals(missing?.actual, null);
  assertEquals(missing?.tokenIndex, 1);
});

Deno.test("compareLexings() reports line count and final state differences", () => {
  assertEquals(
    compareLexings(lexer.batch("a", {}), lexer.batch("a\n", {}), lexer.stateKey)?.kind,
    "line_count",
  );
  assertEquals(
    compareLexings(lexer.batch("a", {}), lexer.batch("$", {}), lexer.stateKey)?.kind,
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
  assertEquals(compareLexings(other, doc, lexer.stateKey)?.kind, "final_state");
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

Deno.test("compareLexings() takes the library's IncrementalLexer and lexDocument() as they are", () => {
  const text = "\\begin{verbatim}\n$x\n\\end{verbatim}\n$a\nb$ %c\n";
  const lexer = new IncrementalLexer(text);
  assertEquals(compareLexings(lexer, lexDocument(text), stateKey), null);
  lexer.edit(0, 1, "");
  assertEquals(compareLexings(lexer, lexDocument(lexer.text), stateKey), null);
  assertEquals(compareLexings(lexer, lexDocument(text), stateKey)?.kind, "tokens");
});
