import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { diffText } from "./_text_diff.ts";
import { fcParams } from "./testdata/fc_params.ts";

Deno.test("diffText() finds the smallest replacement that turns one text into the other", () => {
  const text = fc.string({ maxLength: 30, unit: fc.constantFrom("a", "b", "\n") });
  fc.assert(
    fc.property(text, text, (a, b) => {
      const { from, to, insert } = diffText(a, b);
      assertEquals(a.slice(0, from) + insert + a.slice(to), b);
      // Minimal: no common character at either end of the replaced span.
      if (from < to && insert.length > 0) {
        assertEquals(a[from] === insert[0], false);
        assertEquals(a[to - 1] === insert[insert.length - 1], false);
      }
    }),
    fcParams(500),
  );
});

Deno.test("diffText() compares long texts in blocks and finds one change in the middle", () => {
  const a = "x".repeat(100_000);
  const b = a.slice(0, 54_321) + "y" + a.slice(54_322);
  assertEquals(diffText(a, b), { from: 54_321, to: 54_322, insert: "y" });
});
