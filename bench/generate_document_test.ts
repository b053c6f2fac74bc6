import { assert, assertEquals } from "@std/assert";
import {
  documentItem,
  documentLines,
  FOOTER,
  generateDocument,
  HEADER,
} from "./generate_document.ts";

Deno.test("generateDocument() reaches each strategy size and cycles through the four items", () => {
  for (const kb of [1, 100, 500]) {
    const text = generateDocument(kb * 1024);
    assert(text.length >= kb * 1024, `${kb} KB: ${text.length}`);
    assert(text.length < kb * 1024 + documentItem(3).length + FOOTER.length);
    assert(text.startsWith(HEADER) && text.endsWith(FOOTER));
  }
  const text = generateDocument(1024);
  const body = text.slice(HEADER.length, -FOOTER.length).split("\n");
  assertEquals(body[0], "\\section{Section 0}");
  assertEquals(body[1], "This is paragraph 1 with some text content.");
  assertEquals(body[2], "Math equation: $x_i + y_i = z_i^2$ % Comment 2");
  assertEquals(body[3], "\\begin{align}");
  assertEquals(body[4], "a_3 &= b_3 + c_3 \\\\");
  assertEquals(body[6], "\\end{align}");
  assertEquals(body[7], "\\section{Section 4}");
});

Deno.test("generateDocument() is deterministic and pure ASCII", () => {
  const a = generateDocument(20_000);
  assertEquals(a, generateDocument(20_000));
  assert([...a].every((c) => c.charCodeAt(0) < 128));
});

Deno.test("documentLines() returns exactly the lines asked for", () => {
  for (const count of [1, 4, 7, 20, 100]) {
    const text = documentLines(5, count);
    assertEquals(text.split("\n").length - 1, count);
    assert(text.endsWith("\n"));
  }
});
