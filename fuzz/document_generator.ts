/**
 * Realistic generated LaTeX documents for the fuzzer: a preamble, sections, paragraphs with
 * inline math and `\verb`, display math and `align`, comments, verbatim and `lstlisting` blocks,
 * `\makeatletter` and expl3 blocks, `\catcode` lines, mixed line endings, non-ASCII and astral
 * characters. The edit stream then mutates each document away from this shape.
 *
 * @module
 */

import { adversarialFragment } from "./adversarial_shapes.ts";
import type { Sfc32 } from "../_tools/sfc32.ts";
import type { FuzzLexerOptions } from "./subject.ts";

/** A generated document with the lexer options it is lexed with. */
export interface GeneratedDocument {
  /** The document text. */
  text: string;
  /** Lexer options (usually none; sometimes `atLetter`, `explSyntax` or extra environments). */
  options: FuzzLexerOptions;
}

/** Options of {@linkcode generateDocument}. */
export interface GenerateOptions {
  /**
   * How many lines the document should have, roughly (it stops after the block that reaches it).
   *
   * @default {200}
   */
  targetLines?: number;
}

const WORDS = [
  "the",
  "lexer",
  "of",
  "a",
  "and",
  "proof",
  "edit",
  "line",
  "token",
  "state",
  "we",
  "show",
  "that",
  "is",
  "in",
  "for",
  "every",
  "incremental",
  "batch",
  "theorem",
  "lemma",
  "let",
  "be",
  "café",
  "naïve",
  "Übung",
  "señal",
  "日本語",
  "Ελληνικά",
  "𝔸lgebra",
  "emoji😀",
  "résumé",
  "x--y",
  "e.g.",
  "i.e.,",
  "100\\%",
  "~",
  "``quoted''",
  "a~b",
  "\\&",
  "\\_",
  "\\#",
  "\\$",
];
const INLINE_MATH = [
  "$x$",
  "$a^2 + b^2 = c^2$",
  "$\\alpha_i$",
  "$f(x) = \\frac{1}{x}$",
  "\\(\\sum_{i=1}^n i\\)",
  "$\\{x \\mid x > 0\\}$",
  "$\\text{if } x$",
  "$𝑥 + 𝔸$",
  "$\\mathbb{R}^n$",
  "$a \\$ b$",
  "$\\left( x \\right)$",
  "$x_{i_j}^{2}$",
];
const INLINE_OTHER = [
  "\\emph{important}",
  "\\textbf{bold {nested}}",
  "\\cite{knuth84}",
  "\\ref{sec:intro}",
  "\\verb|a$b%c|",
  "\\verb+{x}+",
  "\\verb*|x y|",
  "\\footnote{A note, with $m$ath.}",
  "\\url{http://example.org/~a%20b}",
  "\\LaTeX{}",
  "\\\\",
  "\\newline",
  "\\@ifnextchar",
  "\\cs_new:Npn",
  "\\item",
  "{\\bfseries group}",
  "\\mbox{$z$}",
  "\\'e",
  '\\"o',
  "\\^{}",
];
/** Constructs of the semantics issue: definition bodies, `\\ensuremath`, short verbatim, local catcodes, verbatim options over lines, DocTeX. */
const SEMANTICS_BLOCKS: readonly string[][] = [
  ["\\def\\fzm{$} after $x$", "\\gdef\\fzp#1.{\\(#1} y"],
  ["\\newcommand{\\fzn}[1]", "  {$#1 \\makeatletter} \\fz@x $y$"],
  ["\\NewDocumentCommand\\fzo{m o}{\\ensuremath{#1}$}", "\\newenvironment{fze}{$}{$} z"],
  ["a \\ensuremath{x^2} b \\ensuremath", "{\\alpha} c $\\ensuremath{y}$"],
  ["\\MakeShortVerb{\\|}", "Use |a$b%{| and $|x|$ |open $", "\\DeleteShortVerb{\\|} |$|$"],
  ["\\DefineShortVerb[fontsize=\\small]{\\+}+a$+ \\UndefineShortVerb{\\+}", "+$+"],
  ["\\lstMakeShortInline[language=C]!", "!a[0]$! \\lstDeleteShortInline! !$!"],
  ["x {\\catcode`\\$=12 $} $m$ {\\makeatletter", "", "\\a@b}"],
  ["\\begingroup\\makeatletter \\a@b", "", "\\a@b\\endgroup \\a@b"],
  ["\\makeatletter\\ExplSyntaxOn \\x_y:n", "x {\\ExplSyntaxOff \\x_y}", "\\ExplSyntaxOff \\a@b"],
  ["\\begin{lstlisting}[", "  language=Python,", "  caption={a ] b}]x = $1", "\\end{lstlisting}"],
  ["\\begin{lstlisting}[language=C,", "", "int $x;", "\\end{lstlisting}"],
  ["%<*driver>", "\\documentclass{ltxdoc}", "%</driver>", "% \\MakeShortVerb{\\|}", "% |a$b| $x"],
  ["%    \\begin{macrocode}", "\\def\\fz@{$}% c", "%<*package>", "%    \\end{macrocode}", "% $y$"],
];
const SECTIONS = ["\\section", "\\subsection", "\\subsubsection", "\\section*", "\\paragraph"];
const VERBATIM_LINES = [
  "  $x$ % not a comment {",
  "\\begin{itemize} \\item not lexed",
  "#include <stdio.h>",
  "  \\end{verbatim*}",
  "tab\there",
  "}}}{{{",
  "😀 astral in verbatim",
  "\\verb|x|",
  "",
];
const CODE_LINES = [
  "def f(x):",
  "    return x % 2  # $not$ math",
  "for i in range(10): print('{', i)",
  '  s = "\\\\begin{lstlisting}"',
  "// \\end{lstlisting is not here",
  "",
  "  λ = 1",
];

function words(rng: Sfc32, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.int(10);
    if (r === 0) out.push(rng.pick(INLINE_MATH));
    else if (r === 1) out.push(rng.pick(INLINE_OTHER));
    else out.push(rng.pick(WORDS));
  }
  return out.join(" ");
}

function paragraph(rng: Sfc32): string[] {
  const lines: string[] = [];
  for (let n = rng.range(2, 6); n > 0; n--) {
    let line = words(rng, rng.range(4, 12));
    if (rng.chance(0.1)) line += ` % ${words(rng, 3)}`;
    lines.push(line);
  }
  lines.push("");
  return lines;
}

function displayMath(rng: Sfc32): string[] {
  switch (rng.int(5)) {
    case 0:
      return [
        "\\[",
        `  ${rng.pick(INLINE_MATH).replace(/\$/g, "")} \\quad \\text{for all $n$}`,
        "\\]",
      ];
    case 1:
      return ["$$", "  \\int_0^1 f(t)\\,dt % integral", "$$"];
    case 2:
      return ["\\begin{equation}\\label{eq:1}", "  E = mc^2", "\\end{equation}"];
    case 3:
      return [
        "\\begin{align}",
        "  a &= b + c \\\\",
        "  &\\le \\sum_{k} x_k \\text{ and $y$} \\\\",
        "  d &= \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{else} \\end{cases}",
        "\\end{align}",
      ];
    default:
      return ["\\begin{align*}", "  x &= 1 \\nonumber\\\\ y &= 2", "\\end{align*}"];
  }
}

function block(rng: Sfc32): string[] {
  switch (rng.int(17)) {
    case 0:
    case 1:
      return [`${rng.pick(SECTIONS)}{${words(rng, 3)}}\\label{sec:${rng.int(100)}}`, ""];
    case 2:
      return displayMath(rng);
    case 3:
      return [`% ${words(rng, 5)}`, `%% ${words(rng, 2)} {$`, "%"];
    case 4: {
      const body = Array.from({ length: rng.range(1, 5) }, () => rng.pick(VERBATIM_LINES));
      const name = rng.pick(["verbatim", "verbatim*", "Verbatim"]);
      return [`\\begin{${name}}`, ...body, `\\end{${name}}`];
    }
    case 5: {
      const body = Array.from({ length: rng.range(1, 5) }, () => rng.pick(CODE_LINES));
      return ["\\begin{lstlisting}[language=Python]", ...body, "\\end{lstlisting}"];
    }
    case 6:
      return [
        "\\makeatletter",
        "\\def\\@fuzz#1{\\@tempa{#1}\\@ifnextchar[\\@x\\@y}",
        "\\renewcommand\\@maketitle{\\noindent\\@title\\par}",
        "\\makeatother",
      ];
    case 7:
      return [
        "\\ExplSyntaxOn",
        "\\cs_new:Npn \\fuzz_do:n #1 { \\tl_set:Nn \\l_tmpa_tl { #1 } }",
        "\\int_step_inline:nn { 3 } { \\fuzz_do:n { ##1 ~ x } }",
        "\\ExplSyntaxOff",
      ];
    case 8:
      return rng.chance(0.5)
        ? ["\\catcode`\\@=11", "\\def\\x@y{z}", "\\catcode`\\@=12"]
        : ["{\\catcode`\\|=13 \\gdef|{\\verb|}}", "\\catcode`\\^^M=13 %", ""];
    case 9:
      return [
        "\\begin{itemize}",
        `  \\item ${words(rng, 4)}`,
        `  \\item ${words(rng, 3)}`,
        "\\end{itemize}",
      ];
    case 10:
      return [
        "\\begin{tabular}{l|c}",
        "  a & b \\\\ \\hline",
        `  ${rng.pick(INLINE_MATH)} & \\verb|&| \\\\`,
        "\\end{tabular}",
      ];
    case 11:
      return [
        "\\newenvironment{code}{\\verbatim}{\\endverbatim}",
        "\\begin{code}",
        "  % in code $ {",
        "\\end{code}",
      ];
    case 12:
      return [`\\newcommand{\\fz${rng.pick(["a", "b", "c"])}}[1]{\\textit{#1}}`, ""];
    case 13:
      // One block in sixteen: a long line of a repeated construct, or catcode churn.
      return adversarialFragment(rng).replace(/\n$/, "").split("\n");
    case 14:
      return rng.pick(SEMANTICS_BLOCKS);
    default:
      return paragraph(rng);
  }
}

const PREAMBLE = [
  "\\documentclass[11pt,a4paper]{article}",
  "\\usepackage[utf8]{inputenc}",
  "\\usepackage{amsmath,amssymb}",
  "\\usepackage{listings}",
  "\\usepackage{fancyvrb}",
  "% Preamble comment with $ and {",
  "\\newcommand{\\R}{\\mathbb{R}}",
  "\\lstset{basicstyle=\\ttfamily}",
];

function lineEnding(rng: Sfc32, profile: number): string {
  if (profile === 0) return rng.chance(0.05) ? "\r\n" : "\n";
  if (profile === 1) return rng.chance(0.05) ? "\n" : "\r\n";
  const r = rng.int(10);
  return r < 6 ? "\n" : r < 9 ? "\r\n" : "\r";
}

/**
 * Generates one document: preamble, `\begin{document}`, random blocks until about
 * `targetLines` lines, `\end{document}`, with line endings from one of three profiles (mostly
 * `\n`, mostly `\r\n`, or mixed with lone `\r`).
 *
 * @param rng The random stream (advanced).
 * @param options Size.
 * @returns The document and its lexer options.
 * @example A 50-line document
 * ```ts
 * import { assert } from "@std/assert";
 * import { generateDocument } from "./document_generator.ts";
 * import { Sfc32 } from "../_tools/sfc32.ts";
 * const doc = generateDocument(new Sfc32(1), { targetLines: 50 });
 * assert(doc.text.includes("\\begin{document}"));
 * ```
 */
export function generateDocument(rng: Sfc32, options: GenerateOptions = {}): GeneratedDocument {
  const target = options.targetLines ?? 200;
  const lines = [...PREAMBLE, "\\begin{document}", "\\maketitle", ""];
  while (lines.length < target - 1) lines.push(...block(rng));
  lines.push("\\end{document}");
  const profile = rng.int(4) === 0 ? 2 : rng.int(5) === 0 ? 1 : 0;
  let text = "";
  for (let i = 0; i < lines.length; i++) {
    text += lines[i];
    if (i < lines.length - 1 || rng.chance(0.7)) text += lineEnding(rng, profile);
  }
  const lexer = lexerOptions(rng);
  // One document in four takes the long-line path (intra-line checkpoints) on ordinary lines.
  return { text, options: rng.int(4) === 0 ? { ...lexer, longLines: DENSE_CHECKPOINTS } : lexer };
}

/** Intra-line checkpoints every 5 code units on lines of 24 or more. */
const DENSE_CHECKPOINTS = { min: 24, spacing: 5 } as const;

function lexerOptions(rng: Sfc32): FuzzLexerOptions {
  switch (rng.int(12)) {
    case 0:
      return { atLetter: true };
    case 1:
      return { explSyntax: true };
    case 2:
      return { verbatimEnvironments: ["code", "minted"], mathEnvironments: ["dmath"] };
    case 3:
      return { atLetter: true, docTeX: true };
    default:
      return {};
  }
}

/**
 * Generates one pasteable block (a paragraph, a display, a verbatim block, ...) with `\n`
 * line endings and a final newline: what the edit generator pastes.
 *
 * @param rng The random stream (advanced).
 * @returns The block's text.
 * @example Blocks end with a newline
 * ```ts
 * import { assert } from "@std/assert";
 * import { generateBlock } from "./document_generator.ts";
 * import { Sfc32 } from "../_tools/sfc32.ts";
 * assert(generateBlock(new Sfc32(3)).endsWith("\n"));
 * ```
 */
export function generateBlock(rng: Sfc32): string {
  return block(rng).join("\n") + "\n";
}
