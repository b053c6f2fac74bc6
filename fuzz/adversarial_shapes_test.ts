import { assert, assertEquals } from "@std/assert";
import { IncrementalLexer } from "../lexer/incremental.ts";
import { tokenize } from "../lexer/document_lexer.ts";
import {
  ADVERSARIAL_SHAPES,
  adversarialFragment,
  churnLine,
  repeatedLine,
} from "./adversarial_shapes.ts";
import { generateDocument } from "./document_generator.ts";
import { EditGenerator } from "./edit_generator.ts";
import { Sfc32 } from "../_tools/sfc32.ts";

Deno.test("ADVERSARIAL_SHAPES: names are unique and every unit starts a construct", () => {
  const names = ADVERSARIAL_SHAPES.map((s) => s.name);
  assertEquals(new Set(names).size, names.length);
  for (const s of ADVERSARIAL_SHAPES) {
    assert(s.closed.length > 0 && s.open.length > 0, s.name);
    // The open unit's first token is not plain text (the unit starts a construct), except `^^`
    // forms, whose closed unit decodes to one character of several code units.
    const first = tokenize(s.open)[0]!;
    if (s.open.startsWith("^^")) assert(tokenize(s.closed)[0]!.text.startsWith("^^"), s.name);
    else assert(first.kind !== "text", `${s.name}: ${first.kind}`);
  }
});

Deno.test("repeatedLine() has exactly the length asked for and no line break", () => {
  for (const s of ADVERSARIAL_SHAPES) {
    const line = repeatedLine(s.open, 1000);
    assertEquals(line.length, 1000);
    assert(!/[\r\n]/.test(line));
  }
});

Deno.test("Every shape, repeated along a line, lexes incrementally as in batch after mid-line edits", () => {
  for (const s of ADVERSARIAL_SHAPES) {
    for (const unit of [s.open, s.closed]) {
      const line = repeatedLine(unit, 1500);
      const lexer = new IncrementalLexer(line);
      let text = line;
      for (const at of [750, 3, 1499]) {
        lexer.edit(at, at + 1, "");
        text = text.slice(0, at) + text.slice(at + 1);
        lexer.edit(at, at, unit[0]!);
        text = text.slice(0, at) + unit[0]! + text.slice(at);
        assertEquals(lexer.tokens(), tokenize(text), `${s.name} (${unit}) after an edit at ${at}`);
      }
    }
  }
});

Deno.test("churnLine(): consecutive lines change the state the next one starts in", () => {
  const text = Array.from({ length: 16 }, (_, i) => churnLine(i)).join("\n");
  const lexer = new IncrementalLexer(text);
  const states = new Set<string>();
  for (let i = 0; i < lexer.lineCount; i++) states.add(JSON.stringify(lexer.lineState(i)));
  assert(states.size >= 4, `${states.size} distinct line start states`);
});

Deno.test("The fuzzer's generators emit adversarial fragments", () => {
  const rng = new Sfc32(7);
  const fragments = Array.from({ length: 200 }, () => adversarialFragment(rng));
  assert(fragments.some((f) => f.length >= 1000 && !f.includes("\n")), "a long single line");
  assert(fragments.some((f) => f.includes("\\makeatletter") && f.includes("\n")), "catcode churn");
  let found = false;
  for (let seed = 0; seed < 20 && !found; seed++) {
    const doc = generateDocument(new Sfc32(seed), { targetLines: 400 });
    found = doc.text.split(/\r\n|\r|\n/).some((l) => l.length >= 64 && /^(.{2,40}?)\1\1/.test(l));
  }
  assert(found, "a generated document holds a repeated-construct line");
  const edits = new EditGenerator(new Sfc32(3), { targetLength: 2000 });
  let text = "x".repeat(2000);
  let long = false;
  for (let i = 0; i < 5000 && !long; i++) {
    const [from, to, insert] = edits.next(text);
    long = insert.length >= 64 && ADVERSARIAL_SHAPES.some((s) => insert.startsWith(s.open));
    text = text.slice(0, from) + insert + text.slice(to);
    if (text.length > 20_000) text = text.slice(0, 2000);
  }
  assert(long, "the edit stream inserts a repeated construct");
});
