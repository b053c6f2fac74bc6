import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { countLines, ENDING_TEXT, splitLines } from "./lines.ts";
import { fcParams } from "./testdata/fc_params.ts";

const withEndings = fc.array(fc.constantFrom("a", "\n", "\r", "\r\n", "bc", "\n\r"), {
  maxLength: 30,
}).map((p) => p.join(""));

Deno.test("splitLines() gives the text back, and as many lines as countLines()", () => {
  fc.assert(
    fc.property(fc.oneof(withEndings, fc.string()), (text) => {
      const parts: string[] = [];
      let n = 0;
      splitLines(text, (line, ending) => {
        parts.push(line, ENDING_TEXT[ending]!);
        n++;
        assertEquals(/[\r\n]/.test(line), false);
      });
      assertEquals(parts.join(""), text);
      assertEquals(n, countLines(text));
      assertEquals(n, text.split(/\r\n|\r|\n/).length);
    }),
    fcParams(1000),
  );
});
