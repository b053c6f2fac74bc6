import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { lexDocument, tokenize } from "./document_lexer.ts";
import { continuedOptionsEnd } from "./_verbatim_options.ts";
import { lexLine } from "./lex_line.ts";
import type { LexState } from "./state.ts";
import { fcParams } from "./testdata/fc_params.ts";

function toks(text: string): string[] {
  return tokenize(text).map((t) => `${t.kind}:${t.text}${t.math ? "*" : ""}`);
}

Deno.test("continuedOptionsEnd() finds the first ] outside braces opened on the line", () => {
  assertEquals(continuedOptionsEnd("]"), 0);
  assertEquals(continuedOptionsEnd("a={]}]"), 5);
  assertEquals(continuedOptionsEnd("b}]"), 2, "a } of an earlier line's brace is passed over");
  assertEquals(continuedOptionsEnd("language=C,"), -1);
});

Deno.test("tokenize(): \\begin{lstlisting}[ then options on the next lines, then the body", () => {
  const t = toks("\\begin{lstlisting}[\nlanguage=Python]\nx = $1\n\\end{lstlisting} $m$");
  assertEquals(t.slice(4, 7), ["text:[", "text:language=Python]", "verbatim:x = $1"]);
  assertEquals(t.at(-2), "text:m*");
});

Deno.test("tokenize(): the body starts right after the ] on its line, after any {arguments}", () => {
  const t = toks("\\begin{minted}[\nlinenos]{python}x $\n\\end{minted}");
  assertEquals(t.slice(5, 9), [
    "text:linenos]",
    "begin_group:{",
    "text:python",
    "end_group:}",
  ]);
  assertEquals(t[9], "verbatim:x $");
});

Deno.test("tokenize(): the paragraph rule: a blank line ends options left open, and the body starts", () => {
  const t = toks("\\begin{lstlisting}[language=C,\n\nx $ y\n\\end{lstlisting} $m$");
  assertEquals(t[5], "verbatim:x $ y");
  assertEquals(t.at(-2), "text:m*");
});

Deno.test("tokenize(): options left open end with their environment (DocTeX: a % line goes on verbatim)", () => {
  // Regression: the `%` line after the open options goes on as the body (DocTeX continues options
  // only on code lines) and `\\end{lstlisting}` ends the environment, but the options flag stayed
  // set, so the first code line of the next verbatim environment was lexed as options.
  const text = [
    "% \\begin{lstlisting}[language=x,",
    "% foo] code \\end{lstlisting}",
    "% \\begin{verbatim}",
    "  x = [1, {2}]",
    "\\end{verbatim}",
  ].join("\n");
  const t = tokenize(text, { docTeX: true }).map((t) => `${t.kind}:${t.text}`);
  assert(t.includes("verbatim:  x = [1, {2}]"), JSON.stringify(t));
  let state: LexState | undefined;
  const ends = text.split("\n").map((l) =>
    (state = lexLine(l, state, { docTeX: true }).endState).verbOpts
  );
  assertEquals(ends, [true, false, false, false, false]);
});

const optionLine = fc.string({
  unit: fc.constantFrom("a", "=", ",", " ", "$", "%", "\\", "{}", "{]}", "#"),
}).map((s) => `k${s}`); // never blank: a blank line would end the options

Deno.test("lexDocument(): options over any number of lines are never verbatim, and the body after them is (property)", () => {
  fc.assert(
    fc.property(fc.array(optionLine, { maxLength: 4 }), (lines) => {
      const text = ["\\begin{lstlisting}[", ...lines, "]x $ {", "\\end{lstlisting} $m$"].join("\n");
      const doc = lexDocument(text);
      for (let i = 1; i <= lines.length; i++) {
        assert(doc.lineTokens(i).every((t) => t.kind !== "verbatim"), `line ${i} of ${text}`);
      }
      const body = doc.lineTokens(lines.length + 1);
      assertEquals(body.map((t) => [t.kind, t.text]), [["text", "]"], ["verbatim", "x $ {"]]);
      assert(doc.lineTokens(lines.length + 2).some((t) => t.math), "the environment ended");
    }),
    fcParams(300),
  );
});
