import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { lexDocument, TOKEN_KINDS, tokenize } from "../../mod.ts";
import { fcParams } from "../../lexer/testdata/fc_params.ts";
import { latexDocument } from "../../lexer/testdata/latex_arbitrary.ts";
import {
  LATEX_THEME,
  latexTokensProvider,
  type MonacoState,
  scopeColour,
  tokenScope,
} from "./mod.ts";

Deno.test("latexTokensProvider(): line by line, the scopes are the batch lexer's kinds", () => {
  fc.assert(
    fc.property(latexDocument, (doc) => {
      const text = doc.replace(/\r\n?/g, "\n");
      const provider = latexTokensProvider();
      let state: MonacoState = provider.getInitialState();
      const got: string[] = [];
      text.split("\n").forEach((line, n) => {
        const r = provider.tokenize(line, state);
        r.tokens.forEach((t) => got.push(`${n}:${t.startIndex}:${t.scopes}`));
        state = r.endState;
      });
      const want = tokenize(text).map((t) => `${t.line}:${t.column}:${tokenScope(t.kind, t.math)}`);
      assertEquals(got, want);
    }),
    fcParams(300),
  );
});

Deno.test("latexTokensProvider(): states equal exactly when the lexer's states are equal, by ===", () => {
  const text = "a $b\nc$ d\n\\begin{verbatim}\nx\n\\end{verbatim}\ne";
  const doc = lexDocument(text);
  const provider = latexTokensProvider();
  const states: MonacoState[] = [provider.getInitialState()];
  for (const line of text.split("\n")) {
    states.push(provider.tokenize(line, states[states.length - 1]!).endState);
  }
  for (let i = 0; i < doc.lineCount; i++) {
    for (let j = 0; j < doc.lineCount; j++) {
      const same = JSON.stringify(doc.lineState(i)) === JSON.stringify(doc.lineState(j));
      assertEquals(states[i]!.equals(states[j]!), same, `${i} ${j}`);
      assertEquals(states[i]!.equals(states[j]!), states[i] === states[j]);
    }
    assert(states[i]!.clone() === states[i]);
  }
  // A second provider interns on its own: its states are others' objects.
  assert(!latexTokensProvider().getInitialState().equals(states[0]!));
});

Deno.test("LATEX_THEME gives each scope a rule and a colour of its own", () => {
  const scopes = TOKEN_KINDS.flatMap((k) => [tokenScope(k, false), tokenScope(k, true)]);
  assertEquals(LATEX_THEME.rules.map((r) => r.token).sort(), [...scopes].sort());
  const colours = TOKEN_KINDS.flatMap((k) => [scopeColour(k, false), scopeColour(k, true)]);
  assertEquals(new Set(colours).size, colours.length);
  for (const r of LATEX_THEME.rules) assert(/^[0-9a-f]{6}$/.test(r.foreground!), r.token);
});
