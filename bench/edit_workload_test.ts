import { assert, assertEquals } from "@std/assert";
import { IncrementalLexer } from "../mod.ts";
import { EDIT_KINDS, EditWorkload, LINES_PER_EDIT } from "./edit_workload.ts";
import { generateDocument } from "./generate_document.ts";

function apply(text: string, edit: { from: number; to: number; insert: string }): string {
  return text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
}

Deno.test("EditWorkload.next() plans edits that match the text as it changes", () => {
  for (const kind of EDIT_KINDS) {
    let text = generateDocument(64 * 1024);
    const lines = text.split("\n").length;
    const workload = new EditWorkload(text);
    for (let j = 0; j < 12; j++) {
      const edit = workload.next(kind);
      assert(edit.from >= 0 && edit.from <= edit.to && edit.to <= text.length, kind);
      if (kind !== "single_char") {
        assert(edit.from === 0 || text[edit.from - 1] === "\n", `${kind}: not at a line start`);
      }
      text = apply(text, edit);
      assertEquals(workload.length, text.length, kind);
    }
    assertEquals(text.split("\n").length, lines, `${kind} keeps the line count`);
    assertEquals(workload.count, 12);
  }
});

Deno.test("EditWorkload.next() edits of a block kind replace that many lines", () => {
  const text = generateDocument(200 * 1024);
  for (const kind of ["paragraph", "section", "large"] as const) {
    const edit = new EditWorkload(text).next(kind);
    assertEquals(edit.insert.split("\n").length - 1, LINES_PER_EDIT[kind]);
    assertEquals(text.slice(edit.from, edit.to).split("\n").length - 1, LINES_PER_EDIT[kind]);
  }
});

Deno.test("EditWorkload single-character edits type and then delete one character", () => {
  let text = "line one\nline two\n";
  const original = text;
  const workload = new EditWorkload(text);
  const typed = workload.next("single_char");
  assertEquals([typed.to - typed.from, typed.insert.length], [0, 1]);
  text = apply(text, typed);
  const deleted = workload.next("single_char");
  assertEquals([deleted.from, deleted.to, deleted.insert], [typed.from, typed.from + 1, ""]);
  assertEquals(apply(text, deleted), original);
});

Deno.test("EditWorkload edits drive IncrementalLexer.edit() to the same text", () => {
  let text = generateDocument(32 * 1024);
  const lexer = new IncrementalLexer(text);
  const workload = new EditWorkload(text);
  for (const kind of EDIT_KINDS) {
    for (let j = 0; j < 3; j++) {
      const edit = workload.next(kind);
      lexer.edit(edit.from, edit.to, edit.insert);
      text = apply(text, edit);
    }
  }
  assertEquals(lexer.text, text);
});
