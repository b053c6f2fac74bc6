import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { lexDocument, tokenize } from "./document_lexer.ts";
import { type LexerOptions, lexerOptionsForPath } from "./options.ts";
import { IncrementalLexer } from "./incremental.ts";
import { lexLine } from "./lex_line.ts";
import { DocLine, docLine } from "./_doctex.ts";
import { fcParams } from "./testdata/fc_params.ts";

const DOC = { docTeX: true };

function toks(text: string, options: LexerOptions = DOC): string[] {
  return tokenize(text, options).map((t) => `${t.kind}:${t.text}${t.math ? "*" : ""}`);
}

Deno.test("docLine() tells guard, documentation, code and the end of macrocode apart", () => {
  assertEquals(docLine("%<*driver>", false), DocLine.Guard);
  assertEquals(docLine("%</driver>", true), DocLine.Guard);
  assertEquals(docLine("% text", false), DocLine.Doc);
  assertEquals(docLine("%", false), DocLine.Doc);
  assertEquals(docLine("\\input docstrip", false), DocLine.Code);
  assertEquals(docLine("% comment in code", true), DocLine.Code);
  assertEquals(docLine("%    \\end{macrocode}", true), DocLine.MacrocodeEnd);
  assertEquals(docLine("%\t\\end{macrocode*}", true), DocLine.MacrocodeEnd);
  assertEquals(docLine("%    \\end{macrocode}", false), DocLine.Doc);
});

Deno.test("tokenize(): a documentation line's % is a doc_prefix and the rest is LaTeX", () => {
  assertEquals(toks("% \\begin{macro}{\\foo} $x$"), [
    "doc_prefix:%",
    "space: ",
    "control_word:\\begin",
    "begin_group:{",
    "text:macro",
    "end_group:}",
    "begin_group:{",
    "control_word:\\foo",
    "end_group:}",
    "space: ",
    "math_shift:$*",
    "text:x*",
    "math_shift:$*",
  ]);
  assertEquals(toks("% $x$", {}), ["comment:% $x$"], "off without the option");
});

Deno.test("tokenize(): state changes in documentation lines persist: % \\MakeShortVerb{\\|} takes effect", () => {
  const t = toks("% \\MakeShortVerb{\\|}\n% |a$b| c");
  assertEquals(t.slice(-5), ["doc_prefix:%", "space: ", "verbatim:|a$b|", "space: ", "text:c"]);
});

Deno.test("tokenize(): macrocode bodies are code; guard lines stay comments", () => {
  const t = toks(
    "%    \\begin{macrocode}\n\\def\\foo{$}% c\n%<*package>\n%    \\end{macrocode}\n% $y$",
  );
  assert(t.includes("comment:% c"), t.join(" "));
  assert(t.includes("comment:%<*package>"));
  assertEquals(t.filter((x) => x === "doc_prefix:%").length, 3);
  assertEquals(t.slice(-3), ["math_shift:$*", "text:y*", "math_shift:$*"]);
});

Deno.test("tokenize(): a documentation line with nothing after its % ends the paragraph", () => {
  assertEquals(toks("% $x\n%\n% y").at(-1), "text:y");
});

Deno.test("tokenize(): verbatim in documentation lines: the prefix is stripped as doc.sty does", () => {
  const t = toks("% \\begin{verbatim}\n% a $ b\n% \\end{verbatim} $m$");
  assertEquals(t.slice(6, 8), ["doc_prefix:%", "verbatim: a $ b"]);
  assertEquals(t.at(-2), "text:m*");
});

Deno.test("lexLine(): DocTeX mode is part of the options it keeps a lexer for", () => {
  assertEquals(lexLine("% x").tokens[0]!.kind, "comment");
  assertEquals(lexLine("% x", undefined, DOC).tokens[0]!.kind, "doc_prefix");
  assertEquals(lexLine("% x").tokens[0]!.kind, "comment");
});

Deno.test("lexerOptionsForPath(): .dtx files get DocTeX mode", () => {
  assertEquals(lexerOptionsForPath("source2e.dtx"), { atLetter: true, docTeX: true });
});

const docLineArb = fc.constantFrom(
  "% text $x$ |v|",
  "% \\MakeShortVerb{\\|}",
  "%",
  "%<*driver>",
  "%</driver>",
  "%    \\begin{macrocode}",
  "%    \\end{macrocode}",
  "\\def\\x{$}",
  "% $open",
  "% \\begin{verbatim}",
  "% \\end{verbatim}",
  "code {",
  "",
);

Deno.test("IncrementalLexer equals lexDocument() in DocTeX mode after line edits (property)", () => {
  fc.assert(
    fc.property(
      fc.array(docLineArb, { minLength: 1, maxLength: 12 }),
      fc.nat(),
      docLineArb,
      (lines, at, replacement) => {
        const lexer = new IncrementalLexer(lines.join("\n"), DOC);
        const i = at % lines.length;
        const from = lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
        lexer.edit(from, from + lines[i]!.length, replacement);
        const next = lines.with(i, replacement);
        const batch = lexDocument(next.join("\n"), DOC);
        for (let l = 0; l < next.length; l++) {
          assertEquals(lexer.lineTokens(l), batch.lineTokens(l), `line ${l}`);
        }
      },
    ),
    fcParams(200),
  );
});
