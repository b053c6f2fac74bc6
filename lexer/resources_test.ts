import { assert, assertEquals } from "@std/assert";
import { IncrementalLexer } from "./incremental.ts";
import type { EditJob } from "./testdata/edit_worker.ts";
import { seeded } from "./testdata/lcg.ts";
import { FRAGMENTS } from "./testdata/latex_arbitrary.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn("skipping heap tests: run with --v8-flags=--expose-gc (deno task test does)");

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc!();
  return Deno.memoryUsage().heapUsed;
}

function document(paragraphs: number): string {
  const parts: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    parts.push(`\\section{S${i}}\nText $x_${i}$ and \\emph{more} text. % note\n\n`);
  }
  return parts.join("");
}

const MB = 1024 * 1024;

Deno.test({
  name: "IncrementalLexer: creating and dropping 100 lexers leaves the heap within 4 MB",
  ignore: !gc,
  fn: () => {
    const text = document(1000); // about 60 KB
    new IncrementalLexer(text); // warm up code and shared tables
    const before = heapAfterGc();
    for (let i = 0; i < 100; i++) {
      const lexer = new IncrementalLexer(text);
      lexer.edit(10, 10, "x");
    }
    const growth = heapAfterGc() - before;
    assert(growth < 4 * MB, `heap grew by ${(growth / MB).toFixed(2)} MB`);
  },
});

Deno.test({
  name: "IncrementalLexer: 1,000 edits that each make new states leave the heap within 4 MB",
  ignore: !gc,
  fn: () => {
    const lexer = new IncrementalLexer(document(1000));
    const before = heapAfterGc();
    const statesBefore = lexer.memoryUsage().states;
    for (let i = 0; i < 1000; i++) {
      // Each edit defines a new verbatim environment name: a state never seen before.
      const at = lexer.length >> 1;
      lexer.edit(at, at, `\\lstnewenvironment{e${i}}{}{}`);
      lexer.edit(at, at + `\\lstnewenvironment{e${i}}{}{}`.length, "");
    }
    const growth = heapAfterGc() - before;
    assert(growth < 4 * MB, `heap grew by ${(growth / MB).toFixed(2)} MB`);
    assert(
      lexer.memoryUsage().states <= Math.max(statesBefore, 2048 * 200),
      "the table of interned states is compacted",
    );
  },
});

Deno.test("IncrementalLexer.memoryUsage() adds up its parts and grows with the text", () => {
  const small = new IncrementalLexer(document(10)).memoryUsage();
  const large = new IncrementalLexer(document(1000)).memoryUsage();
  assertEquals(
    large.bytes,
    large.text + large.tokens + large.checkpoints + large.states + large.scratch,
  );
  // Scratch buffers are a constant; the rest grows with the text.
  assert(
    large.bytes - large.scratch > 50 * (small.bytes - small.scratch) / 2,
    "about proportional",
  );
});

Deno.test({
  name:
    "IncrementalLexer: re-lexing a catcode-changing line 20,000 times grows neither the heap nor memoryUsage()",
  ignore: !gc,
  fn: () => {
    // Every re-lex of the first line makes new catcode lists equal to known ones: interned by
    // value, they add nothing (an identity-keyed cache grew here by entries per edit).
    const text = "\\makeatletter\\catcode`\\|=13 \\ExplSyntaxOn x\n" + "$a$ b\n".repeat(50);
    const lexer = new IncrementalLexer(text);
    const at = text.indexOf(" x");
    for (let i = 0; i < 50; i++) lexer.edit(at, at, "y");
    const before = heapAfterGc();
    const reported = lexer.memoryUsage().bytes;
    for (let i = 0; i < 20_000; i++) {
      lexer.edit(at, at, "y");
      lexer.edit(at, at + 1, "");
    }
    const growth = heapAfterGc() - before;
    assert(growth < 1 * MB, `heap grew by ${(growth / MB).toFixed(2)} MB`);
    assertEquals(lexer.memoryUsage().bytes, reported);
  },
});

function jobs(count: number): EditJob[] {
  const out: EditJob[] = [];
  for (let w = 0; w < count; w++) {
    const random = seeded(1000 + w);
    let length = document(200).length;
    const edits: EditJob["edits"] = [];
    for (let e = 0; e < 500; e++) {
      const from = Math.floor(random() * (length + 1));
      const to = Math.min(length, from + Math.floor(random() * 20));
      const insert = FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!;
      edits.push([from, to, insert]);
      length += insert.length - (to - from);
    }
    out.push({ text: document(200), edits });
  }
  return out;
}

Deno.test("IncrementalLexer: 8 Workers editing their own lexers end as the same edits run in turn", async () => {
  const work = jobs(8);
  const results = await Promise.all(work.map((job) =>
    new Promise<string>((resolve, reject) => {
      const worker = new Worker(new URL("./testdata/edit_worker.ts", import.meta.url), {
        type: "module",
      });
      worker.onmessage = (e: MessageEvent<string>) => {
        worker.terminate();
        resolve(e.data);
      };
      worker.onerror = (e) => {
        worker.terminate();
        reject(e);
      };
      worker.postMessage(job);
    })
  ));
  work.forEach((job, i) => {
    const lexer = new IncrementalLexer(job.text);
    for (const [from, to, insert] of job.edits) lexer.edit(from, to, insert);
    assertEquals(results[i], JSON.stringify({ text: lexer.text, tokens: lexer.tokens() }));
  });
});
