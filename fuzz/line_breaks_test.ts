import { assertEquals } from "@std/assert";
import { countLineBreaks, lineBreakDelta } from "./line_breaks.ts";
import { Sfc32 } from "../_tools/sfc32.ts";

Deno.test("countLineBreaks() counts \\n, \\r\\n and lone \\r once each", () => {
  assertEquals(countLineBreaks(""), 0);
  assertEquals(countLineBreaks("abc"), 0);
  assertEquals(countLineBreaks("\n\n"), 2);
  assertEquals(countLineBreaks("\r\n\r\n"), 2);
  assertEquals(countLineBreaks("\r\r\n\n\r"), 4);
  assertEquals(countLineBreaks("x\r\ny", 1, 2), 1);
});

Deno.test("lineBreakDelta() agrees with a full recount on random edits of \\r/\\n-heavy text", () => {
  const r = new Sfc32(77);
  const alphabet = ["\r", "\n", "a", "\r\n"];
  for (let i = 0; i < 3000; i++) {
    let text = "";
    for (let k = r.int(8); k > 0; k--) text += r.pick(alphabet);
    const from = r.int(text.length + 1);
    const to = from + r.int(text.length - from + 1);
    let insert = "";
    for (let k = r.int(3); k > 0; k--) insert += r.pick(alphabet);
    const after = text.slice(0, from) + insert + text.slice(to);
    assertEquals(
      countLineBreaks(text) + lineBreakDelta(text, { from, to, insert }),
      countLineBreaks(after),
      JSON.stringify({ text, from, to, insert }),
    );
  }
});
