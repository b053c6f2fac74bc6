import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { LineIndex, splitIndexed } from "./_line_index.ts";
import { lexDocument } from "./document_lexer.ts";
import { fcParams } from "./testdata/fc_params.ts";

const text = fc.string({ maxLength: 40, unit: fc.constantFrom("a", "\n", "\r", "\r\n", "😀") });

function assertIndexes(index: LineIndex, t: string): void {
  assertEquals(index.text, t);
  assertEquals(index.length, t.length);
  const lines = splitIndexed(t);
  assertEquals(index.lineCount, lines.length);
  assertEquals(index.lineCount, lexDocument(t).lineCount);
  let start = 0;
  for (let l = 0; l < lines.length; l++) {
    assertEquals(index.line(l), lines[l]);
    assertEquals(index.lineStart(l), start);
    const end = start + lines[l]!.text.length + lines[l]!.ending.length;
    for (let o = start; o < end; o++) assertEquals(index.lineAt(o), l);
    start = end;
  }
  assertEquals(index.lineAt(t.length), lines.length - 1);
}

Deno.test("LineIndex.spliceFor() splits lines as the lexer does after any edit, \\r\\n joins included", () => {
  fc.assert(
    fc.property(
      text,
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), text), { maxLength: 8 }),
      (t, edits) => {
        const index = new LineIndex(t);
        for (const [at, del, insert] of edits) {
          const from = at % (t.length + 1);
          const to = Math.min(t.length, from + del);
          index.apply(index.spliceFor(from, to, insert));
          t = t.slice(0, from) + insert + t.slice(to);
          assertIndexes(index, t);
        }
      },
    ),
    fcParams(400),
  );
});
