import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { LineText } from "./_line_text.ts";
import { fcParams } from "./testdata/fc_params.ts";

/** An edit as fractions of the text, so that it applies to any text. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 30 }),
  insert: fc.string({ maxLength: 40 }),
});

Deno.test("LineText.edited() equals the same edit of a string, with slices and length to match", () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 200 }),
      fc.integer({ min: 1, max: 9 }),
      fc.array(edit, { maxLength: 25 }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 5 }),
      (start, size, edits, ranges) => {
        let text = start;
        let chunked = LineText.from(start, size);
        for (const e of edits) {
          const from = Math.floor(e.at * text.length);
          const to = Math.min(text.length, from + e.remove);
          text = text.slice(0, from) + e.insert + text.slice(to);
          chunked = chunked.edited(from, to, e.insert);
          assertEquals(chunked.length, text.length);
          for (const [x, y] of ranges) {
            const a = x % (text.length + 1);
            const b = a + y % (text.length - a + 1);
            assertEquals(chunked.slice(a, b), text.slice(a, b));
          }
        }
        assertEquals(chunked.toString(), text);
        // Built once, it still slices and edits as the string does.
        assertEquals(chunked.slice(0, text.length), text);
        assertEquals(chunked.edited(0, 0, "x").toString(), "x" + text);
      },
    ),
    fcParams(500),
  );
});

Deno.test("LineText.edited() replaces the chunks the edit touches and shares the others", () => {
  const text = "abcdefgh".repeat(1000);
  const chunked = LineText.from(text, 64);
  assertEquals(chunked.chunkCount, 125);
  const edited = chunked.edited(4000, 4001, "XYZ");
  // One chunk rebuilt: the count stays; the text outside that chunk is read from the old ones.
  assertEquals(edited.chunkCount, 125);
  assertEquals(edited.slice(3990, 4010), text.slice(3990, 4000) + "XYZ" + text.slice(4001, 4008));
  assertEquals(edited.toString(), text.slice(0, 4000) + "XYZ" + text.slice(4001));
  // Typing grows one chunk until it is cut again: chunks stay within twice the size.
  let typed = chunked;
  for (let i = 0; i < 500; i++) typed = typed.edited(100, 100, "q");
  assert(typed.chunkCount <= 125 + Math.ceil(500 / 64) + 1, `${typed.chunkCount} chunks`);
  assertEquals(typed.toString(), text.slice(0, 100) + "q".repeat(500) + text.slice(100));
});
