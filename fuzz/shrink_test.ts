import { assert, assertEquals } from "@std/assert";
import { generateDocument } from "./document_generator.ts";
import { applyEdit, EditGenerator } from "./edit_generator.ts";
import { Sfc32 } from "../_tools/sfc32.ts";
import { type FuzzCase, invalidEditIndex, replayCase } from "./replay.ts";
import { deleteSpan, foldEdits, removeEdits, shrinkCase } from "./shrink.ts";
import { fakeLexer } from "./_fake_lexer.ts";

function finalText(c: FuzzCase): string {
  return c.edits.reduce(applyEdit, c.startText);
}

Deno.test("deleteSpan() shifts, absorbs or rejects later edits", () => {
  const c: FuzzCase = { options: {}, startText: "0123456789", edits: [[6, 8, "ab"], [1, 1, "Z"]] };
  // The span is before edit 0: edit 0 shifts left.
  assertEquals(deleteSpan(c, -1, [2, 4])?.edits, [[4, 6, "ab"], [1, 1, "Z"]]);
  // Edit 0 deletes the whole span: it deletes less.
  assertEquals(deleteSpan(c, -1, [6, 7])?.edits, [[6, 7, "ab"], [1, 1, "Z"]]);
  // Partial overlap: rejected.
  assertEquals(deleteSpan(c, -1, [5, 7]), null);
  // A span inside edit 0's insert.
  assertEquals(deleteSpan(c, 0, [6, 7])?.edits, [[6, 8, "b"], [1, 1, "Z"]]);
  assertEquals(deleteSpan(c, 0, [5, 7]), null);
});

Deno.test("deleteSpan() keeps edits valid and removes the span from the final text, or nothing", () => {
  const rng = new Sfc32(21);
  for (let n = 0; n < 500; n++) {
    const startText = "abc\ndef\r\nghi jkl\n".slice(0, rng.int(17));
    const gen = new EditGenerator(rng, { targetLength: 20 });
    const edits = [];
    let text = startText;
    for (let i = rng.int(6); i > 0; i--) {
      const e = gen.next(text);
      edits.push(e);
      text = applyEdit(text, e);
    }
    const c: FuzzCase = { options: {}, startText, edits };
    if (startText.length === 0) continue;
    const a = rng.int(startText.length);
    const b = a + 1 + rng.int(startText.length - a);
    const d = deleteSpan(c, -1, [a, b]);
    if (d === null) continue;
    assertEquals(invalidEditIndex(d), -1);
    const before = finalText(c), after = finalText(d);
    if (after === before) continue; // A later edit deleted the span anyway.
    let p = 0;
    while (p < after.length && after[p] === before[p]) p++;
    assertEquals(after.slice(p), before.slice(p + b - a), JSON.stringify({ c, a, b }));
  }
});

Deno.test("removeEdits() clamps later edits and foldEdits() keeps the final text", () => {
  const c: FuzzCase = { options: {}, startText: "ab", edits: [[2, 2, "cdef"], [5, 6, "X"]] };
  assertEquals(removeEdits(c, 0, 1).edits, [[2, 2, "X"]]);
  assertEquals(invalidEditIndex(removeEdits(c, 0, 1)), -1);
  assertEquals(finalText(foldEdits(c, 1)), finalText(c));
  assertEquals(foldEdits(c, 1).edits.length, 1);
});

Deno.test("shrinkCase() shrinks a dropped-token bug in a long random session to one edit", () => {
  const lexer = fakeLexer({ dropTokenAfterInsertOf: "}" });
  const rng = new Sfc32(99);
  const doc = generateDocument(rng, { targetLines: 60 });
  const gen = new EditGenerator(rng, { targetLength: doc.text.length });
  const edits = [];
  let text = doc.text;
  for (let i = 0; i < 300; i++) {
    const e = gen.next(text);
    edits.push(e);
    text = applyEdit(text, e);
  }
  const c: FuzzCase = { options: doc.options, startText: doc.text, edits };
  const fails = (x: FuzzCase) => replayCase(lexer, x, "end").difference?.kind === "tokens";
  assert(fails(c), "the session should trip the flaw");
  const r = shrinkCase(c, fails);
  assert(r.complete);
  assertEquals(r.case.edits.length, 1);
  assertEquals(r.case.edits[0]![2], "}");
  assertEquals(r.case.startText, "");
  assert(fails(r.case));
});

Deno.test("shrinkCase() stops at its attempt budget and says it is not complete", () => {
  const c: FuzzCase = { options: {}, startText: "x".repeat(100), edits: [[0, 0, "!"]] };
  const r = shrinkCase(c, (x) => x.edits.some((e) => e[2] === "!"), { maxAttempts: 3 });
  assertEquals(r.attempts, 3);
  assertEquals(r.complete, false);
});
