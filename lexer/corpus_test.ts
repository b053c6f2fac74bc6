import { assertEquals } from "@std/assert";
import { compareLexed } from "./testdata/compare_lexed.ts";
import { lexDocument } from "./document_lexer.ts";
import { IncrementalLexer } from "./incremental.ts";
import { lexerOptionsForPath } from "./options.ts";
import { FC_SEED } from "./testdata/fc_params.ts";
import { FRAGMENTS } from "./testdata/latex_arbitrary.ts";
import { seeded } from "./testdata/lcg.ts";
import { HAVE_SHARED, readCorpus } from "./testdata/shared.ts";

const EDITS_PER_FILE = 300;

Deno.test({
  name: "tokenize() is lossless on every file of ../shared/corpus",
  ignore: !HAVE_SHARED,
  fn: async () => {
    const files = await readCorpus();
    assertEquals(files.length, 53);
    for (const { name, bytes } of files) {
      const text = new TextDecoder().decode(bytes);
      const doc = lexDocument(text, lexerOptionsForPath(name));
      const lines = text.split(/\r\n|\r|\n/);
      assertEquals(doc.lineCount, lines.length, name);
      for (let i = 0; i < lines.length; i++) {
        const joined = doc.lineTokens(i).map((t) => t.text).join("");
        if (joined !== lines[i]) throw new Error(`${name}:${i + 1} is not lossless`);
      }
    }
  },
});

Deno.test({
  name: `IncrementalLexer equals batch on every corpus file after ${EDITS_PER_FILE} seeded edits`,
  ignore: !HAVE_SHARED,
  fn: async (t) => {
    for (const [index, { name, bytes }] of (await readCorpus()).entries()) {
      await t.step(name, () => {
        const seed = (FC_SEED + index) | 0;
        const random = seeded(seed);
        const options = lexerOptionsForPath(name);
        let text = new TextDecoder().decode(bytes);
        const lexer = new IncrementalLexer(text, options);
        for (let e = 0; e < EDITS_PER_FILE; e++) {
          const from = Math.floor(random() * (text.length + 1));
          const to = Math.min(text.length, from + Math.floor(random() * random() * 200));
          const insert = random() < 0.3 ? "" : FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!;
          lexer.edit(from, to, insert);
          text = text.slice(0, from) + insert + text.slice(to);
          assertEquals(lexer.length, text.length);
        }
        const diff = compareLexed(lexer, lexDocument(text, options));
        assertEquals(diff, null, `replay with FC_SEED=${FC_SEED} (file seed ${seed})`);
      });
    }
  },
});
