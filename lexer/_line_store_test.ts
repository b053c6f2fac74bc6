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

Deno.test("the per-line API reads the right line after an edit that rebalances blocks", () => {
  // A small last block (fewer than BLOCK.MIN lines) is rebalanced by any edit in it: it joins
  // its neighbour, and when the two hold more than BLOCK.MAX lines they are cut again. The line
  // cache of the store must not outlive the blocks it pointed at (it did: the next lineText()
  // read a block that no longer existed, or one that now starts elsewhere).
  const random = seeded(29);
  const line = (i: number) => (i % 5 === 0 ? `\\section{s${i}}` : `line ${i} $x^${i}$`);
  for (const tail of [1, 40, BLOCK.MIN - 1]) {
    for (const grow of [0, BLOCK.MAX - BLOCK.TARGET - 8]) {
      const n = 2 * BLOCK.TARGET + tail;
      let lines = Array.from({ length: n }, (_, i) => line(i));
      const lexer = new IncrementalLexer(lines.join("\n"));
      const replaceLines = (at: number, count: number, insert: string[]) => {
        const end = at + count < lines.length
          ? { line: at + count, character: 0 }
          : { line: lines.length - 1, character: lines[lines.length - 1]!.length };
        const ending = at + count < lines.length && insert.length > 0 ? "\n" : "";
        lexer.editRange({ start: { line: at, character: 0 }, end }, insert.join("\n") + ending);
        lines = [...lines.slice(0, at), ...insert, ...lines.slice(at + count)];
      };
      // Grow the middle block towards BLOCK.MAX, so that joining the last one overflows it.
      if (grow > 0) {
        replaceLines(BLOCK.TARGET + 1, 0, Array.from({ length: grow }, (_, i) => `grown ${i}`));
      }
      for (let e = 0; e < 12; e++) {
        const at = lines.length - 1 - Math.floor(random() * tail);
        replaceLines(at, 1, [`edited ${e} {`]);
        const batch = lexDocument(lines.join("\n"));
        const probes = [at, lines.length - 1, 0, BLOCK.TARGET, lines.length - tail - 1];
        for (let k = 0; k < 8; k++) probes.push(Math.floor(random() * lines.length));
        for (const p of probes) {
          const where = `tail ${tail}, grow ${grow}, edit ${e}, line ${p}`;
          assertEquals(lexer.lineText(p), lines[p], where);
          assertEquals(lexer.lineTokens(p), batch.lineTokens(p), where);
        }
      }
    }
  }
});
