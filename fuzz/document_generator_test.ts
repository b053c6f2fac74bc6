import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { generateBlock, generateDocument } from "./document_generator.ts";
import { countLineBreaks } from "./line_breaks.ts";
import { Sfc32 } from "../_tools/sfc32.ts";

Deno.test("generateDocument() is deterministic for a seed and differs across seeds", () => {
  assertEquals(generateDocument(new Sfc32(5)), generateDocument(new Sfc32(5)));
  assertNotEquals(generateDocument(new Sfc32(5)).text, generateDocument(new Sfc32(6)).text);
});

Deno.test("generateDocument() reaches the target size and covers the issue's features", () => {
  const seen = new Set<string>();
  const features: Record<string, RegExp> = {
    preamble: /\\documentclass/,
    section: /\\(sub)*section\*?\{/,
    inlineMath: /\$[^$\n]+\$/,
    display: /\\\[|\$\$/,
    align: /\\begin\{align\*?\}/,
    comment: /(^|[^\\])%/m,
    verbatim: /\\begin\{verbatim\*?\}/,
    lstlisting: /\\begin\{lstlisting\}/,
    verb: /\\verb/,
    makeatletter: /\\makeatletter/,
    expl3: /\\ExplSyntaxOn/,
    catcode: /\\catcode/,
    crlf: /\r\n/,
    loneCr: /\r(?!\n)/,
    nonAscii: /[\u0080-\uffff]/,
    astral: /[\ud800-\udbff][\udc00-\udfff]/,
  };
  for (let seed = 0; seed < 40; seed++) {
    const { text } = generateDocument(new Sfc32(seed), { targetLines: 200 });
    const lines = countLineBreaks(text) + 1;
    // A lone \r before an empty line merges with the next \n, so a few lines may merge.
    assert(lines >= 190 && lines < 260, `seed ${seed}: ${lines} lines`);
    for (const [name, re] of Object.entries(features)) if (re.test(text)) seen.add(name);
  }
  assertEquals([...seen].sort(), Object.keys(features).sort());
});

Deno.test("generateBlock() gives newline-terminated blocks", () => {
  const rng = new Sfc32(8);
  for (let i = 0; i < 50; i++) {
    const b = generateBlock(rng);
    assert(b.endsWith("\n") && b.length > 1);
  }
});
