import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { lexDocument } from "./document_lexer.ts";
import { classifyLine } from "./semantic_classify.ts";
import { SEMANTIC_LEGEND, SemanticModifier } from "./semantic_legend.ts";
import { fcParams } from "./testdata/fc_params.ts";
import { latexDocument } from "./testdata/latex_arbitrary.ts";

/** The classes of a text's lines, as `[text, type, modifiers...]`. */
function classes(text: string): string[][] {
  const doc = lexDocument(text);
  const lines = text.split("\n");
  const out: string[][] = [];
  for (let l = 0; l < doc.lineCount; l++) {
    const q = classifyLine(doc.lineTokens(l), doc.lineState(l));
    for (let i = 0; i < q.length; i += 4) {
      const mods = SEMANTIC_LEGEND.tokenModifiers.filter((_, b) => (q[i + 3]! & (1 << b)) !== 0);
      out.push([
        lines[l]!.slice(q[i]!, q[i]! + q[i + 1]!),
        SEMANTIC_LEGEND.tokenTypes[q[i + 2]!]!,
        ...mods,
      ]);
    }
  }
  return out;
}

const CASES: [string, string[][]][] = [
  ["\\section*{Intro}", [["\\section", "sectioning"]]],
  ["\\begin{itemize}\\end{itemize}", [
    ["\\begin", "environment"],
    ["itemize", "environmentName"],
    ["\\end", "environment"],
    ["itemize", "environmentName"],
  ]],
  ["\\label{fig:a} \\ref{fig:a} \\eqref{e} \\cref{a,b}", [
    ["\\label", "macro"],
    ["fig:a", "label", "definition"],
    ["\\ref", "macro"],
    ["fig:a", "label"],
    ["\\eqref", "macro"],
    ["e", "label"],
    ["\\cref", "macro"],
    ["a,b", "label"],
  ]],
  ["\\cite[p.~3]{knuth, lamport}", [
    ["\\cite", "macro"],
    ["~", "operator"],
    ["knuth,", "citation"],
    ["lamport", "citation"],
  ]],
  ["\\usepackage[utf8]{inputenc}\\documentclass{article}", [
    ["\\usepackage", "macro"],
    ["inputenc", "package"],
    ["\\documentclass", "macro"],
    ["article", "package"],
  ]],
  ["\\input{chapters/one}", [["\\input", "macro"], ["chapters/one", "path"]]],
  ["$x^2$ \\[a\\]", [
    ["$", "mathDelimiter", "math"],
    ["x", "variable", "math"],
    ["^", "operator", "math"],
    ["2", "number", "math"],
    ["$", "mathDelimiter", "math"],
    ["\\[", "mathDelimiter", "math"],
    ["a", "variable", "math"],
    ["\\]", "mathDelimiter", "math"],
  ]],
  ["$a \\text{if b} c$", [
    ["$", "mathDelimiter", "math"],
    ["a", "variable", "math"],
    ["\\text", "macro", "math"],
    ["c", "variable", "math"],
    ["$", "mathDelimiter", "math"],
  ]],
  ["\\begin{minted}[linenos]{python}\nx = 1 % y\n\\end{minted}", [
    ["\\begin", "environment"],
    ["minted", "environmentName"],
    ["python", "language"],
    ["x = 1 % y", "verbatim"],
    ["\\end", "environment"],
    ["minted", "environmentName"],
  ]],
  ["\\newcommand{\\foo}[1]{#1} \\def\\bar{x}", [
    ["\\newcommand", "keyword"],
    ["\\foo", "function", "definition"],
    ["#1", "parameter"],
    ["\\def", "keyword"],
    ["\\bar", "function", "definition"],
  ]],
  ["\\newenvironment{proofsketch}{}{} % note", [
    ["\\newenvironment", "keyword"],
    ["proofsketch", "environmentName", "definition"],
    ["% note", "comment"],
  ]],
  ["\\verb|a{b| & ~", [
    ["\\verb", "macro"],
    ["|a{b|", "verbatim"],
    ["&", "operator"],
    ["~", "operator"],
  ]],
];

for (const [text, expected] of CASES) {
  Deno.test(`classifyLine() classifies ${JSON.stringify(text)}`, () => {
    assertEquals(classes(text), expected);
  });
}

Deno.test("classifyLine() marks text inside math with mathText, also from a line's start state", () => {
  const q = (text: string) => classes(text).filter((c) => c.includes("mathText"));
  // Plain text gets no class; a command inside \text{} in math does.
  assertEquals(q("$a \\text{b \\emph{c}} d$"), [["\\emph", "macro", "mathText"]]);
  assertEquals(q("$a \\text{b\n\\emph{c}} d$"), [["\\emph", "macro", "mathText"]]);
});

Deno.test("classifyLine() gives ordered, non-overlapping tokens within the line", () => {
  fc.assert(
    fc.property(latexDocument, (text) => {
      const doc = lexDocument(text);
      for (let l = 0; l < doc.lineCount; l++) {
        const tokens = doc.lineTokens(l);
        const q = classifyLine(tokens, doc.lineState(l));
        let end = 0;
        for (let i = 0; i < q.length; i += 4) {
          assertEquals(q[i]! >= end, true);
          end = q[i]! + q[i + 1]!;
          assertEquals(q[i + 3]! < 1 << SEMANTIC_LEGEND.tokenModifiers.length, true);
          assertEquals(q[i + 2]! < SEMANTIC_LEGEND.tokenTypes.length, true);
        }
        const length = tokens.reduce((n, t) => n + t.length, 0);
        assertEquals(end <= length, true);
      }
    }),
    fcParams(200),
  );
});

Deno.test("classifyLine() is a function of the tokens and the start state only", () => {
  const doc = lexDocument("\\label{a}\n$x$");
  const a = classifyLine(doc.lineTokens(1), doc.lineState(1));
  const b = classifyLine(lexDocument("$x$").lineTokens(0), doc.lineState(1));
  assertEquals(a, b);
  assertEquals(a[3], SemanticModifier.math);
});
