import { assert, assertEquals, assertThrows } from "@std/assert";
import { compareLexed } from "./testdata/compare_lexed.ts";
import { lexDocument } from "./document_lexer.ts";
import { IncrementalLexer } from "./incremental.ts";
import { BLOCK } from "./_tunables.ts";
import { seeded } from "./testdata/lcg.ts";
import { checkpointEnding, checkpointState, MAX_STATE_ID, packCheckpoint } from "./_line_store.ts";

Deno.test("packCheckpoint() keeps every ending with state ids up to MAX_STATE_ID", () => {
  assertEquals(MAX_STATE_ID, 2 ** 30 - 1);
  const words = new Uint32Array(1);
  for (const state of [0, 1, 12345, MAX_STATE_ID]) {
    for (const ending of [0, 1, 2, 3]) {
      words[0] = packCheckpoint(state, ending);
      assertEquals([checkpointState(words[0]!), checkpointEnding(words[0]!)], [state, ending]);
    }
  }
  assertThrows(() => packCheckpoint(MAX_STATE_ID + 1, 0), RangeError, "state id");
});

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
