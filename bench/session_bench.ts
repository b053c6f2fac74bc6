/**
 * `deno bench`: what the editor session adds to a keystroke, next to the lexer alone.
 *
 * One group per document size (1 MB and 5 MB, generated): the baseline is
 * `IncrementalLexer.edit` of one character; beside it the same keystroke through
 * `EditorSession.edit` (line index, change report and statistics), with a semantic-tokens delta
 * after it, and through `EditorSession.setText` as a full-sync client sends it (the prefix and
 * suffix scan included). Keystrokes alternate between typing a character in the middle of the
 * document and deleting it, so the text stays the same size.
 *
 * `flock /tmp/heavy.lock deno bench bench/session_bench.ts`
 *
 * @module
 */

import { EditorSession, IncrementalLexer, SemanticTokens } from "../mod.ts";
import { generateDocument } from "./generate_document.ts";

for (const [label, bytes] of [["1 MB", 1 << 20], ["5 MB", 5 << 20]] as const) {
  const text = generateDocument(bytes);
  const at = text.indexOf("\n", text.length >> 1) - 3;
  const typed = text.slice(0, at) + "x" + text.slice(at);
  let lexer: IncrementalLexer | undefined;
  let session: EditorSession | undefined;
  let semantic: { session: EditorSession; tokens: SemanticTokens; id: string } | undefined;
  let full: EditorSession | undefined;
  let i = 0;

  Deno.bench(`${label}: IncrementalLexer.edit, one character`, {
    group: label,
    baseline: true,
  }, () => {
    lexer ??= new IncrementalLexer(text);
    if (i++ % 2 === 0) lexer.edit(at, at, "x");
    else lexer.edit(at, at + 1, "");
  });

  Deno.bench(`${label}: EditorSession.edit, one character`, { group: label }, () => {
    session ??= new EditorSession(text, { reportTokens: true });
    if (i++ % 2 === 0) session.edit(at, at, "x");
    else session.edit(at, at + 1, "");
  });

  Deno.bench(`${label}: EditorSession.edit + SemanticTokens.delta`, { group: label }, () => {
    if (semantic === undefined) {
      const s = new EditorSession(text);
      const tokens = new SemanticTokens(s);
      semantic = { session: s, tokens, id: tokens.full().resultId };
    }
    if (i++ % 2 === 0) semantic.session.edit(at, at, "x");
    else semantic.session.edit(at, at + 1, "");
    semantic.id = semantic.tokens.delta(semantic.id).resultId;
  });

  Deno.bench(`${label}: EditorSession.setText (full sync), one character`, { group: label }, () => {
    full ??= new EditorSession(text);
    full.setText(i++ % 2 === 0 ? typed : text);
  });
}
