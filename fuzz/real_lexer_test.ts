import { assert, assertEquals, assertGreater } from "@std/assert";
import { runCampaign } from "./campaign.ts";
import { optionsForPath, realLexer } from "./real_lexer.ts";
import { replayCase } from "./replay.ts";
import { WHOLE } from "./shard.ts";
import type { IncrementalSubject, LexerUnderTest } from "./subject.ts";

/** The real lexer with a stale-cache bug bolted on: after an edit that inserts `%`, line 0 loses its last token. */
function brokenReal(): LexerUnderTest {
  return {
    ...realLexer,
    name: "broken wrapper",
    open(text, options) {
      const inner = realLexer.open(text, options);
      let broken = false;
      const subject: IncrementalSubject = {
        edit(from, to, insert) {
          const r = inner.edit(from, to, insert);
          if (insert.includes("%")) broken = true;
          return r;
        },
        get length() {
          return inner.length;
        },
        get lineCount() {
          return inner.lineCount;
        },
        lineTokens: (line) => {
          const t = inner.lineTokens(line);
          return broken && line === 0 ? t.slice(0, -1) : t;
        },
        lineState: (line) => inner.lineState(line),
        get finalState() {
          return inner.finalState;
        },
      };
      return subject;
    },
  };
}

const config = {
  seed: 31,
  iterations: 1_000,
  checkEvery: 250,
  shard: WHOLE,
  timeLimitSeconds: null,
  source: { kind: "generated" as const, targetLines: 40 },
  episodeEdits: 500,
  regressionsDir: null,
  shrinkBudget: {},
};
const ctx = { module: { name: "m", version: "0" }, gitCommit: null, command: "c" };

Deno.test("realLexer passes a short generated campaign", async () => {
  const r = await runCampaign(config, { ...ctx, lexer: realLexer });
  assertEquals(r.summary.failures, 0, JSON.stringify(r.failure_cases[0]));
  assertEquals(r.summary.equivalence_checks, 4);
});

Deno.test("a broken wrapper of realLexer is caught and shrunk to one edit on real tokens", async () => {
  const lexer = brokenReal();
  const r = await runCampaign(config, { ...ctx, lexer });
  assertGreater(r.summary.failures, 0);
  const f = r.failure_cases[0]!;
  assertEquals(f.kind, "tokens");
  assertEquals(f.edits, 1);
  assert(f.start_text_length <= 1, JSON.stringify(f));
  assertEquals(f.difference.line, 0);
});

Deno.test("optionsForPath() turns on atLetter for .sty files only", () => {
  assertEquals(optionsForPath("a.sty").atLetter, true);
  assertEquals(optionsForPath("a.tex").atLetter ?? false, false);
  assertEquals(
    replayCase(
      realLexer,
      { options: { atLetter: true }, startText: "\\a@b", edits: [[4, 4, "%"]] },
      "every-edit",
    )
      .difference,
    null,
  );
});
