/**
 * The sample document `deno task lex` shows when given no file: one of each construct.
 *
 * @module
 */

/** A short LaTeX document exercising the constructs the lexer understands. */
export const SAMPLE_DOCUMENT: string = [
  "\\documentclass{article}",
  "\\usepackage{amsmath,listings}",
  "\\makeatletter",
  "\\def\\@title@font{\\bfseries} % @ is a letter here",
  "\\makeatother",
  "\\lstnewenvironment{code}{}{}",
  "\\begin{document}",
  "\\section{Math}",
  "Inline $a^2 + b_i$, escaped \\$5, and display:",
  "\\begin{align}",
  "  x &= y \\\\ \\text{if $z$ holds} & \\intertext{and}",
  "\\end{align}",
  "\\[ \\frac{1}{2} \\]",
  "\\section{Verbatim}",
  "Use \\verb|$%{| or \\url{http://x.org/a%20b#top}.",
  "\\begin{verbatim}",
  "$ not math, % not a comment, { not a group",
  "\\end{verbatim}",
  "\\begin{code}",
  "int main() { return 0; } // $",
  "\\end{code}",
  "\\ExplSyntaxOn",
  "\\cs_new:Npn \\my_func:n #1 { #1 ~ }",
  "\\ExplSyntaxOff",
  "\\catcode`\\|=13 |active| ~ tie",
  "\\end{document}",
  "",
].join("\n");
