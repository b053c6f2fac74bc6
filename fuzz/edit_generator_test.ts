import { assert, assertEquals } from "@std/assert";
import { generateDocument } from "./document_generator.ts";
import { applyEdit, EditGenerator } from "./edit_generator.ts";
import { Sfc32 } from "../_tools/sfc32.ts";
import type { Edit } from "./subject.ts";

function stream(seed: number, n: number): { edits: Edit[]; lengths: number[] } {
  const rng = new Sfc32(seed);
  let text = generateDocument(rng).text;
  const target = text.length;
  const gen = new EditGenerator(rng, { targetLength: target });
  const edits: Edit[] = [];
  const lengths: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = gen.next(text);
    assert(0 <= e[0] && e[0] <= e[1] && e[1] <= text.length, `edit ${i} out of range`);
    edits.push(e);
    text = applyEdit(text, e);
    lengths.push(text.length);
  }
  return { edits, lengths };
}

Deno.test("EditGenerator gives the same edit stream for the same seed", () => {
  assertEquals(stream(11, 500), stream(11, 500));
  assert(JSON.stringify(stream(11, 50)) !== JSON.stringify(stream(12, 50)));
});

Deno.test("EditGenerator mixes inserts, deletes, replacements, cross-line and CR/LF edits", () => {
  const { edits } = stream(3, 5000);
  const count = (p: (e: Edit) => boolean) => edits.filter(p).length;
  assert(count((e) => e[0] === e[1]) > 500, "inserts");
  assert(count((e) => e[0] < e[1] && e[2] === "") > 500, "deletes");
  assert(count((e) => e[0] < e[1] && e[2] !== "") > 500, "replacements");
  assert(count((e) => e[2].includes("\n") || e[2].includes("\r")) > 200, "newline inserts");
  assert(count((e) => e[2].length > 100) > 20, "pasted paragraphs");
  assert(count((e) => e[2] === "$" || e[2].includes("\\begin{verbatim}")) > 50, "LaTeX content");
});

Deno.test("EditGenerator keeps a document near its target size", () => {
  const { lengths } = stream(4, 20_000);
  const first = lengths[0]!;
  const max = Math.max(...lengths);
  const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  assert(max < 6 * first, `grew to ${max} from ${first}`);
  assert(mean > first / 3 && mean < 3 * first, `mean length ${mean} from ${first}`);
});

Deno.test("EditGenerator never produces an edit out of range (a deleted range ending before it started)", () => {
  // A delete that ends two characters before the next line break once ended before it started
  // ([-1, -1, "a"] at edit 4449 of seed 1188228416, with the generator of that time).
  for (const seed of [1188228416, 1, 2]) {
    const rng = new Sfc32(seed);
    let text = generateDocument(rng).text;
    const gen = new EditGenerator(rng, { targetLength: text.length });
    for (let i = 0; i < 6000; i++) {
      const e = gen.next(text);
      assert(0 <= e[0] && e[0] <= e[1] && e[1] <= text.length, `seed ${seed} edit ${i}: ${e}`);
      text = applyEdit(text, e);
    }
  }
});
