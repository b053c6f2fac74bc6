/**
 * `deno bench`: incremental edit latency against a full batch re-lex of the same text.
 *
 * One group per document size (100 KB, 1 MB, 5 MB): the baseline is `tokenize(text)` of the
 * generated document (the batch reference, every token an object); `lexDocument(text)` (the batch
 * lexer without token objects) is shown beside it; the other entries are one incremental `edit` of each kind (one character,
 * one line, a 20-line paragraph, a 100-line section, a 1,000-line paste), each on its own lexer,
 * with edits accumulating across iterations. Only the `edit` call is timed (`b.start()`/`b.end()`).
 *
 * Filter with e.g. `deno task bench --filter "5 MB"` or `--filter single_char`.
 *
 * @module
 */

import { IncrementalLexer, lexDocument, tokenize } from "../mod.ts";
import { EDIT_KINDS, type EditKind, EditWorkload } from "./edit_workload.ts";
import { generateDocument } from "./generate_document.ts";

const SIZES: readonly { label: string; bytes: number }[] = [
  { label: "100 KB", bytes: 100 * 1024 },
  { label: "1 MB", bytes: 1024 * 1024 },
  { label: "5 MB", bytes: 5 * 1024 * 1024 },
];

const documents = new Map<number, string>();
function documentOf(bytes: number): string {
  let text = documents.get(bytes);
  if (text === undefined) {
    text = generateDocument(bytes);
    documents.set(bytes, text);
  }
  return text;
}

const sessions = new Map<string, { lexer: IncrementalLexer; workload: EditWorkload }>();
function sessionOf(bytes: number, kind: EditKind) {
  const key = `${bytes}/${kind}`;
  let session = sessions.get(key);
  if (session === undefined) {
    const text = documentOf(bytes);
    session = { lexer: new IncrementalLexer(text), workload: new EditWorkload(text) };
    sessions.set(key, session);
  }
  return session;
}

for (const { label, bytes } of SIZES) {
  const group = `edit at ${label}`;
  Deno.bench({
    name: `batch tokenize, ${label}`,
    group,
    baseline: true,
    // A batch lex of megabytes takes tens of milliseconds: a few iterations suffice.
    n: bytes > 1024 * 1024 ? 8 : 30,
    warmup: 2,
    fn() {
      tokenize(documentOf(bytes));
    },
  });
  Deno.bench({
    name: `batch lexDocument, ${label}`,
    group,
    n: bytes > 1024 * 1024 ? 8 : 30,
    warmup: 2,
    fn() {
      lexDocument(documentOf(bytes));
    },
  });
  for (const kind of EDIT_KINDS) {
    Deno.bench({
      name: `incremental ${kind}, ${label}`,
      group,
      n: kind === "large" || kind === "section" ? 40 : 400,
      warmup: 20,
      fn(b) {
        const { lexer, workload } = sessionOf(bytes, kind);
        const { from, to, insert } = workload.next(kind);
        b.start();
        lexer.edit(from, to, insert);
        b.end();
      },
    });
  }
}
