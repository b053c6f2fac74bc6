import { assertEquals, assertThrows } from "@std/assert";
import { Sfc32 } from "../_tools/sfc32.ts";
import { TextBuffer } from "./text_buffer.ts";

Deno.test("TextBuffer matches a plain string over random edits of every size", () => {
  const rng = new Sfc32(5);
  for (const size of [0, 10, 3000, 20_000]) {
    let s = "x\r\n".repeat(size / 3 | 0);
    const b = new TextBuffer(s);
    for (let n = 0; n < 2000; n++) {
      const from = rng.int(s.length + 1);
      const to = from + rng.int(Math.min(s.length - from, 5000) + 1);
      const insert = rng.chance(0.1) ? "ab\n".repeat(rng.int(2000)) : "é😀".slice(0, rng.int(4));
      b.replace(from, to, insert);
      s = s.slice(0, from) + insert + s.slice(to);
      assertEquals(b.length, s.length);
      const a = rng.int(s.length + 1), z = a + rng.int(300);
      assertEquals(b.slice(a, z), s.slice(a, z));
    }
    assertEquals(b.toString(), s);
  }
});

Deno.test("TextBuffer rejects out-of-range edits and clamps slices", () => {
  const b = new TextBuffer("abc");
  assertThrows(() => b.replace(2, 4, ""), RangeError);
  assertThrows(() => b.replace(2, 1, ""), RangeError);
  assertEquals(b.slice(-5, 99), "abc");
  b.replace(0, 3, "");
  assertEquals([b.toString(), b.length, b.slice(0, 1)], ["", 0, ""]);
  b.replace(0, 0, "z");
  assertEquals(b.toString(), "z");
});
