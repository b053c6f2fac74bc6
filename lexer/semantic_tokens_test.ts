import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { EditorSession } from "./editor_session.ts";
import {
  applySemanticTokensEdits,
  decodeSemanticTokens,
  SemanticTokens,
  type SemanticTokensResult,
} from "./semantic_tokens.ts";
import { fcParams } from "./testdata/fc_params.ts";
import { editRangeOf, editSpec, latexDocument } from "./testdata/latex_arbitrary.ts";

const EXTRA = ["😀", "é", "\\label{é😀}", "\r\n", "\\begin{verbatim}\n", "\\end{verbatim}", "$"];
const insert = fc.oneof(editSpec.map((e) => e.insert), fc.constantFrom(...EXTRA));
const edit = fc.record({ spec: editSpec, insert, whole: fc.boolean() });

for (const encoding of ["utf-16", "utf-8", "utf-32"] as const) {
  Deno.test(`SemanticTokens.delta() applied to the base equals a fresh full (${encoding})`, () => {
    fc.assert(
      fc.property(
        latexDocument,
        fc.array(fc.array(edit, { maxLength: 3 }), { maxLength: 8 }),
        (doc, rounds) => {
          const session = new EditorSession(doc, { positionEncoding: encoding });
          const tokens = new SemanticTokens(session);
          let base: SemanticTokensResult = tokens.full();
          let text = doc;
          for (const round of rounds) {
            for (const e of round) {
              const [from, to] = editRangeOf(e.spec, text.length);
              text = text.slice(0, from) + e.insert + text.slice(to);
              if (e.whole) session.setText(text);
              else session.edit(from, to, e.insert);
            }
            const delta = tokens.delta(base.resultId);
            const data = "edits" in delta
              ? applySemanticTokensEdits(base.data, delta.edits)
              : delta.data;
            const fresh = new SemanticTokens(
              new EditorSession(text, { positionEncoding: encoding }),
            );
            assertEquals(data, fresh.full().data);
            base = { resultId: delta.resultId, data };
          }
        },
      ),
      fcParams(150),
    );
  });
}

Deno.test("SemanticTokens.delta() of a keystroke is one edit of a few integers", () => {
  const session = new EditorSession("\\section{A} $x$\n".repeat(1000));
  const tokens = new SemanticTokens(session);
  const base = tokens.full();
  session.edit(8000, 8000, "\\b");
  const delta = tokens.delta(base.resultId);
  if (!("edits" in delta)) throw new Error("expected a delta");
  assertEquals(delta.edits.length, 1);
  // The changed line's tokens plus the first token after it.
  assertEquals(delta.edits[0]!.data.length <= 5 * 8, true);
});

Deno.test("SemanticTokens.delta() with an unknown result id answers with full tokens", () => {
  const session = new EditorSession("$x$");
  const tokens = new SemanticTokens(session);
  const r = tokens.delta("nope");
  assertEquals("data" in r, true);
});

Deno.test("SemanticTokens columns count UTF-8 bytes and UTF-32 code points", () => {
  const text = "é😀 \\foo";
  const at = (encoding: "utf-16" | "utf-8" | "utf-32") =>
    decodeSemanticTokens(new SemanticTokens(new EditorSession(text), { encoding }).full().data)[0];
  assertEquals(at("utf-16")?.character, 4);
  assertEquals(at("utf-8")?.character, 7);
  assertEquals(at("utf-32")?.character, 3);
  assertEquals(at("utf-32")?.length, 4);
});

Deno.test("SemanticTokens.range() returns the tokens overlapping the range", () => {
  const session = new EditorSession("\\a \\b\n\\c \\d\n\\e");
  const tokens = new SemanticTokens(session);
  const r = tokens.range({ start: { line: 0, character: 3 }, end: { line: 1, character: 2 } });
  assertEquals(decodeSemanticTokens(r.data).map((t) => [t.line, t.character]), [[0, 3], [1, 0]]);
});
