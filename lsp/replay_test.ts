/**
 * The first 20,000 keystrokes of a real editing session (Kleppmann's automerge-paper trace) sent
 * to the server as `didChange` notifications, each followed by a semantic tokens delta request;
 * the tokens the client holds at the end (and at checkpoints) equal a batch lex of the text.
 * The benchmark (`deno task bench:lsp --trace`) replays the whole trace.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { readTrace } from "../_tools/trace.ts";
import { sharedPath } from "../_tools/shared_dir.ts";
import {
  applyDelta,
  decodeTokens,
  expectedAnalysis,
  expectedTokens,
  type SemanticTokens,
  type SemanticTokensDelta,
  startClient,
} from "./_test_client.ts";

const TRACE = sharedPath("traces/automerge-paper.json.gz");
const KEYSTROKES = 20_000;
const CHECK_EVERY = 5_000;

if (TRACE === undefined) {
  console.warn("lsp/replay_test.ts: ../shared/traces/automerge-paper.json.gz is absent; skipping");
}

Deno.test({
  name: "lsp: 20,000 keystrokes of automerge-paper as didChange + delta end equal to batch",
  ignore: TRACE === undefined,
  fn: async () => {
    const trace = await readTrace(TRACE!);
    const c = startClient();
    try {
      await c.initialize();
      const uri = "file:///trace/paper.tex";
      await c.open(uri, trace.startContent);
      let tokens = await c.request<SemanticTokens>("textDocument/semanticTokens/full", {
        textDocument: { uri },
      });
      let n = 0;
      for (const { patches } of trace.txns) {
        if (n === KEYSTROKES) break;
        await c.change(
          uri,
          patches.map(([pos, del, text]) => ({ from: pos, to: pos + del, text })),
        );
        const r = await c.request<SemanticTokensDelta | SemanticTokens>(
          "textDocument/semanticTokens/full/delta",
          { textDocument: { uri }, previousResultId: tokens.resultId },
        );
        tokens = "edits" in r
          ? { resultId: r.resultId!, data: applyDelta(tokens.data, r) }
          : r as SemanticTokens;
        n++;
        if (n % CHECK_EVERY === 0) {
          const text = c.text(uri);
          assertEquals(decodeTokens(tokens.data), expectedTokens(text, uri, "utf-16"), `at ${n}`);
          assertEquals(
            c.diagnostics.get(uri)?.diagnostics,
            expectedAnalysis(text, uri).diagnostics,
          );
        }
      }
      assertEquals(n, KEYSTROKES);
      const stop = await c.stop();
      assertEquals(stop.code, 0);
    } catch (e) {
      await c.kill();
      throw e;
    }
  },
});
