import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { IncrementalLexer } from "@latex-perfectionist/lexer";
import { compareWithBatch } from "./batch_check.ts";

Deno.test("compareWithBatch() finds no mismatch after edits", () => {
  const lexer = new IncrementalLexer("\\begin{align}\na &= b\n\\end{align}\ntext $x$ % c\n");
  lexer.edit(0, 0, "$");
  lexer.edit(0, 1, "");
  lexer.edit(20, 20, "\n\\verb|x|\n");
  assertEquals(compareWithBatch(lexer, lexer.text), undefined);
});

Deno.test("compareWithBatch() reports the first line whose tokens differ", () => {
  const lexer = new IncrementalLexer("same\nsame\nabc\n");
  const mismatch = compareWithBatch(lexer, "same\nsame\na{c\n");
  assert(mismatch !== undefined);
  assertEquals(mismatch?.line, 2);
  assertStringIncludes(mismatch?.message ?? "", "differs on line 2");
});

Deno.test("compareWithBatch() reports a start state that differs when tokens agree", () => {
  // Same tokens on every line, but a line count that differs.
  const lexer = new IncrementalLexer("a\n");
  const mismatch = compareWithBatch(lexer, "a\n\n");
  assert(mismatch !== undefined);
  assertStringIncludes(mismatch?.message ?? "", "line count differs");
});
