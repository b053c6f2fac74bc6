import { assertEquals } from "@std/assert";
import { compareLexed } from "./testdata/compare_lexed.ts";
import { lexDocument } from "./document_lexer.ts";
import { IncrementalLexer } from "./incremental.ts";
import { HAVE_SHARED, readSharedTrace } from "./testdata/shared.ts";

/** Replays a trace, checking against batch every `every` transactions and at the end. */
async function replay(name: string, every: number): Promise<number> {
  const trace = await readSharedTrace(name);
  const lexer = new IncrementalLexer(trace.startContent);
  let text = trace.startContent;
  let edits = 0;
  const check = () => {
    assertEquals(lexer.text, text);
    const diff = compareLexed(lexer, lexDocument(text));
    assertEquals(diff, null, `${name}: differs from batch after ${edits} edits`);
  };
  for (let i = 0; i < trace.txns.length; i++) {
    for (const [pos, del, ins] of trace.txns[i]!.patches) {
      lexer.edit(pos, pos + del, ins);
      text = text.slice(0, pos) + ins + text.slice(pos + del);
      edits++;
    }
    if ((i + 1) % every === 0) check();
  }
  check();
  assertEquals(text, trace.endContent);
  return edits;
}

Deno.test({
  name: "IncrementalLexer replays all of automerge-paper, equal to batch every 1,000 edits",
  ignore: !HAVE_SHARED,
  fn: async () => {
    assertEquals(await replay("automerge-paper.json.gz", 1000), 259_778);
  },
});

for (const name of ["dist-sys", "hott-book-basics", "yellowpaper"]) {
  Deno.test({
    name: `IncrementalLexer replays the ${name} git history, equal to batch every 10 revisions`,
    ignore: !HAVE_SHARED,
    fn: async () => {
      await replay(`${name}-git-history.json.gz`, 10);
    },
  });
}
