import { assert, assertEquals, assertStrictEquals, assertThrows } from "@std/assert";
import fc from "fast-check";
import { lexDocument, tokenize } from "./document_lexer.ts";
import { initialState, lexLine, sameState } from "./lex_line.ts";
import { splitLines } from "./lines.ts";
import type { LexerOptions } from "./options.ts";
import type { LexState } from "./state.ts";
import type { Token } from "./token.ts";
import { stateKey } from "./state_codec.ts";
import { TOKEN_KINDS, tokenKindCode, tokenLength, tokenMath } from "./token_kind.ts";
import { fcParams } from "./testdata/fc_params.ts";
import { latexDocument } from "./testdata/latex_arbitrary.ts";

const optionsArbitrary: fc.Arbitrary<LexerOptions> = fc.record({
  atLetter: fc.boolean(),
  explSyntax: fc.boolean(),
}, { requiredKeys: [] });

Deno.test("lexLine() chained over a text's lines gives tokenize()'s tokens and lexDocument()'s states", () => {
  fc.assert(
    fc.property(latexDocument, optionsArbitrary, (text, options) => {
      const doc = lexDocument(text, options);
      const tokens: Token[] = [];
      let state: LexState | undefined = undefined;
      let line = 0;
      splitLines(text, (lineText) => {
        assertEquals(stateKey(state ?? initialState(options)), stateKey(doc.lineState(line)));
        const r = lexLine(lineText, state, { ...options, line });
        tokens.push(...r.tokens);
        state = r.endState;
        line++;
      });
      assertEquals(tokens, tokenize(text, options));
      assertEquals(stateKey(state!), stateKey(doc.finalState));
    }),
    fcParams(300),
  );
});

Deno.test("lexLine() returns words that decode to its tokens", () => {
  const r = lexLine("\\emph{$x^2$} 100%", undefined, { line: 7 });
  let column = 0;
  const decoded = [...r.words].map((w) => {
    const t = {
      kind: TOKEN_KINDS[tokenKindCode(w)],
      line: 7,
      column,
      length: tokenLength(w),
      text: "\\emph{$x^2$} 100%".slice(column, column + tokenLength(w)),
      math: tokenMath(w),
    };
    column += t.length;
    return t;
  });
  assertEquals(decoded, r.tokens);
});

Deno.test("lexLine() returns its start state itself when a line leaves it unchanged", () => {
  const start = lexLine("$a").endState;
  assertStrictEquals(lexLine("b c", start).endState, start);
  assertStrictEquals(lexLine("plain").endState, initialState());
});

Deno.test("lexLine() returns the same object for equal end states of different lines", () => {
  const a = lexLine("\\makeatletter $x").endState;
  const b = lexLine("\\makeatletter $y").endState;
  assertStrictEquals(a, b);
  assert(sameState(a, b));
  assert(!sameState(a, lexLine("\\makeatletter").endState));
});

Deno.test("sameState() compares by value states of different origins", () => {
  const text = "\\catcode`\\|=13 $x\n";
  const fromDocument = lexDocument(text).lineState(1);
  const fromLine = lexLine("\\catcode`\\|=13 $x").endState;
  assert(sameState(fromDocument, fromLine));
});

Deno.test("initialState() depends on atLetter and explSyntax", () => {
  assertEquals(stateKey(initialState()), stateKey(lexDocument("").lineState(0)));
  for (
    const options of [{ atLetter: true }, { explSyntax: true }, {
      atLetter: true,
      explSyntax: true,
    }]
  ) {
    assertEquals(stateKey(initialState(options)), stateKey(lexDocument("", options).lineState(0)));
    assert(!sameState(initialState(options), initialState()));
  }
});

Deno.test("lexLine() uses the options' extra environments", () => {
  const options = { verbatimEnvironments: ["myverb"] };
  const r = lexLine("\\begin{myverb}$x", undefined, options);
  assertEquals(r.tokens.at(-1)!.kind, "verbatim");
  assertEquals(lexLine("\\begin{myverb}$x").tokens.at(-1)!.kind, "text");
});

Deno.test("lexLine() rejects a line ending, a non-string and a bad line number", () => {
  assertThrows(() => lexLine("a\nb"), RangeError, "line ending at index 1");
  assertThrows(() => lexLine("a\rb"), RangeError, "line ending at index 1");
  assertThrows(() => lexLine(3 as unknown as string), TypeError, "expected a string");
  assertThrows(() => lexLine("a", undefined, { line: -1 }), RangeError);
  assertThrows(() => lexLine("a", undefined, { atLetter: 1 as unknown as boolean }), TypeError);
});

Deno.test("lexLine() keeps lexing correctly after its bounded state cache is dropped", () => {
  // Every line defines a new verbatim environment: a new state each time, past the bound.
  let state: LexState | undefined = undefined;
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const line = `\\catcode${i % 128}=${i % 16} \\newminted{l${i % 60}}{}`;
    lines.push(line);
    state = lexLine(line, state).endState;
  }
  assertEquals(stateKey(state!), stateKey(lexDocument(lines.join("\n")).finalState));
});
