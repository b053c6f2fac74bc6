import { assert, assertEquals, assertThrows } from "@std/assert";
import { CORPUS_EXTENSIONS, largestCorpusFiles, listCorpus, sharedCorpus } from "./corpus.ts";

Deno.test("listCorpus() lists only LaTeX sources directly in the folder, by name", () => {
  const dir = Deno.makeTempDirSync({ prefix: "lp-corpus-" });
  try {
    for (
      const name of ["b.tex", "a.sty", "c.cls", "d.dtx", "e.ltx", "notes.md", "t.tsv", "r.bib"]
    ) {
      Deno.writeTextFileSync(`${dir}/${name}`, name);
    }
    Deno.mkdirSync(`${dir}/sub.tex`);
    assertEquals(listCorpus(dir).map((f) => f.name), ["a.sty", "b.tex", "c.cls", "d.dtx", "e.ltx"]);
    assertEquals(listCorpus(dir)[0]!.bytes, 5);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
  assertThrows(() => listCorpus(`${dir}/gone`), Deno.errors.NotFound);
});

Deno.test("sharedCorpus() and largestCorpusFiles() agree on the files of ../shared/corpus", () => {
  const all = sharedCorpus();
  if (all.length === 0) {
    console.log("skipped: ../shared is absent");
    return;
  }
  assert(all.every((f) => CORPUS_EXTENSIONS.some((ext) => f.name.endsWith(ext))));
  const largest = largestCorpusFiles(all.length);
  assertEquals(new Set(largest.map((f) => f.name)), new Set(all.map((f) => f.name)));
  for (let i = 1; i < largest.length; i++) assert(largest[i - 1]!.bytes >= largest[i]!.bytes);
});
