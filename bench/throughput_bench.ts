/**
 * `deno bench`: batch throughput, `tokenize(text)` and `lexDocument(text)` on a generated document and on the largest files
 * of `../shared/corpus` (skipped with a message when it is absent). The names carry the input's
 * size so MB/s is size / time; `deno task perf` prints MB/s directly.
 *
 * @module
 */

import { lexDocument, lexerOptionsForPath, tokenize } from "../mod.ts";
import { generateDocument } from "./generate_document.ts";
import { largestCorpusFiles } from "../_tools/corpus.ts";

const GENERATED = generateDocument(1024 * 1024);

Deno.bench({
  name: "tokenize generated 1.00 MB",
  group: "throughput",
  baseline: true,
  n: 20,
  warmup: 2,
  fn() {
    tokenize(GENERATED);
  },
});

Deno.bench({
  name: "lexDocument generated 1.00 MB",
  group: "throughput",
  n: 20,
  warmup: 2,
  fn() {
    lexDocument(GENERATED);
  },
});

const files = largestCorpusFiles(4);
if (files.length === 0) {
  console.error("throughput_bench: ../shared/corpus is absent: skipping the corpus benchmarks");
}
for (const file of files) {
  const text = new TextDecoder().decode(Deno.readFileSync(file.path));
  const options = lexerOptionsForPath(file.path);
  const size = `${(file.bytes / 1048576).toFixed(2)} MB`;
  Deno.bench({
    name: `tokenize ${file.name} (${size})`,
    group: "throughput",
    n: 10,
    warmup: 1,
    fn() {
      tokenize(text, options);
    },
  });
  Deno.bench({
    name: `lexDocument ${file.name} (${size})`,
    group: "throughput",
    n: 10,
    warmup: 1,
    fn() {
      lexDocument(text, options);
    },
  });
}
