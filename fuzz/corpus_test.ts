import { assertEquals, assertRejects } from "@std/assert";
import { loadCorpus } from "./corpus.ts";

Deno.test("loadCorpus() reads LaTeX files sorted by name, with options for their type", async () => {
  const dir = await Deno.makeTempDir({ prefix: "fuzz_corpus_test_" });
  try {
    await assertRejects(() => loadCorpus(dir, () => ({})), Error, "has no .tex");
    await Deno.writeTextFile(`${dir}/b.tex`, "B");
    await Deno.writeTextFile(`${dir}/a.sty`, "A");
    await Deno.writeTextFile(`${dir}/notes.md`, "ignored");
    const docs = await loadCorpus(dir, (p) => ({ atLetter: p.endsWith(".sty") }));
    assertEquals(docs, [
      { name: "a.sty", text: "A", options: { atLetter: true } },
      { name: "b.tex", text: "B", options: { atLetter: false } },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
