import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { encodedLength, fromUtf16Column, toUtf16Column } from "./positions.ts";
import { fcParams } from "./testdata/fc_params.ts";

const enc = new TextEncoder();

Deno.test("fromUtf16Column() counts UTF-8 bytes and code points as TextEncoder and for..of do", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), (text) => {
      assertEquals(encodedLength(text, "utf-8"), enc.encode(text).length);
      assertEquals(encodedLength(text, "utf-32"), [...text].length);
      assertEquals(encodedLength(text, "utf-16"), text.length);
    }),
    fcParams(300),
  );
});

Deno.test("toUtf16Column() inverts fromUtf16Column() at every code point boundary", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), (text) => {
      let column = 0;
      for (const ch of [...text, ""]) {
        for (const e of ["utf-8", "utf-32", "utf-16"] as const) {
          assertEquals(toUtf16Column(text, fromUtf16Column(text, column, e), e), column);
        }
        column += ch.length;
      }
    }),
    fcParams(300),
  );
});

Deno.test("toUtf16Column() clamps past the end and refuses the inside of a UTF-8 sequence", () => {
  assertEquals(toUtf16Column("ab", 9, "utf-16"), 2);
  assertEquals(toUtf16Column("ab", 9, "utf-8"), 2);
  assertEquals(toUtf16Column("€", 2, "utf-8"), -1);
  assertEquals(toUtf16Column("€", 3, "utf-8"), 1);
});

Deno.test("fromUtf16Column() counts a lone surrogate as U+FFFD's three bytes", () => {
  assertEquals(fromUtf16Column("\ud800x", 2, "utf-8"), 4);
  assertEquals(fromUtf16Column("\ud800x", 2, "utf-32"), 2);
});
