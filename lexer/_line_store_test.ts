import { assert, assertEquals } from "@std/assert";
import { compareLexed } from "./testdata/compare_lexed.ts";
import { lexDocument } from "./document_lexer.ts";
import { IncrementalLexer } from "./incremental.ts";
import { BLOCK } from "./_tunables.ts";
import { seeded } from "./testdata/lcg.ts";

Deno.test("LineStore keeps blocks right through edits that cross, split and empty them", () => {
  const random = seeded(7);
  const line = (i: number) => (i % 7 === 0 ? `$x_${i}\n` : `line ${i} {a}\n`);
  let text = Array.from({ length: BLOCK.MAX * 3 }, (_, i) => line(i)).join("");
  const lexer = new IncrementalLexer(text);
  const blockText = (n: number) => Array.from({ length: n }, (_, i) => line(i)).join("");
  for (let e = 0; e < 60; e++) {
    const kind = e % 4;
    const from = Math.floor(random() * text.length);
    // Deletions of up to two blocks, pastes of up to two blocks, and small edits.
    const to = kind === 0
      ? Math.min(text.length, from + Math.floor(random() * 20 * BLOCK.MAX))
      : from;
    const insert = kind === 1
      ? blockText(Math.floor(random() * 2 * BLOCK.MAX))
      : kind === 2
      ? "\n"
      : "";
    lexer.edit(from, to, insert);
    text = text.slice(0, from) + insert + text.slice(to);
    assertEquals(lexer.text, text);
    assertEquals(compareLexed(lexer, lexDocument(text)), null, `after edit ${e}`);
  }
  lexer.edit(0, text.length, "");
  assertEquals([lexer.lineCount, lexer.text], [1, ""]);
  assert(lexer.memoryUsage().bytes < 1_000_000);
});
