/**
 * Adversarial shapes: every construct the lexer recognizes, as a unit to repeat along one line
 * with its closer and without it (the shapes that made one line's lexing quadratic, issue 10),
 * and catcode churn (lines that switch catcodes, expl3 and `\makeatletter` back and forth). The
 * complexity benchmark repeats them to a megabyte; the fuzzer pastes a few kilobytes of them.
 *
 * @module
 */

import type { Sfc32 } from "../_tools/sfc32.ts";

/** One construct, as the unit a line repeats. */
export interface AdversarialShape {
  /** A short name, unique (`lstinline_bracket`). */
  readonly name: string;
  /** The unit without its closer: a line of these leaves every opener unclosed. */
  readonly open: string;
  /** The unit with its closer. */
  readonly closed: string;
}

/**
 * The shapes, one per construct: each command with a look-ahead (bracket options, braced and
 * delimited arguments), each verbatim form, each catcode form, `^^`, groups, math shifts,
 * comments and control words.
 *
 * @example Every shape has both forms
 * ```ts
 * import { assert } from "@std/assert";
 * import { ADVERSARIAL_SHAPES } from "./adversarial_shapes.ts";
 * assert(ADVERSARIAL_SHAPES.every((s) => s.open !== "" && s.closed !== ""));
 * ```
 */
export const ADVERSARIAL_SHAPES: readonly AdversarialShape[] = [
  // Commands whose options look ahead for `]` (the quadratic ones of issue 10).
  { name: "lstinline_bracket", open: "\\lstinline[a", closed: "\\lstinline[a]{x}" },
  { name: "lstinline_space_bracket", open: "\\lstinline [a", closed: "\\lstinline [a]|x|" },
  { name: "lstinline_bracket_brace", open: "\\lstinline[{", closed: "\\lstinline[{}]{x}" },
  { name: "Verb_bracket", open: "\\Verb[a", closed: "\\Verb[a]|x|" },
  { name: "mintinline_bracket", open: "\\mintinline[a", closed: "\\mintinline[a]{c}{x}" },
  {
    name: "DefineVerbatimEnvironment_star_bracket",
    open: "\\DefineVerbatimEnvironment*[a",
    closed: "\\DefineVerbatimEnvironment*[a]{Vb}{Verbatim}{}",
  },
  {
    name: "lstnewenvironment_bracket",
    open: "\\lstnewenvironment[a",
    closed: "\\lstnewenvironment[a]{lst}{}{}",
  },
  { name: "newminted_bracket", open: "\\newminted[a", closed: "\\newminted[a]{py}{}" },
  { name: "newtcblisting_brace", open: "\\newtcblisting{a", closed: "\\newtcblisting{tl}{}" },
  // Braced and delimited arguments.
  { name: "lstinline_brace", open: "\\lstinline{a", closed: "\\lstinline{a}" },
  { name: "lstinline_delimited", open: "\\lstinline!a", closed: "\\lstinline!a!" },
  { name: "mintinline_language", open: "\\mintinline{c", closed: "\\mintinline{c}|x|" },
  { name: "verb", open: "\\verb|a", closed: "\\verb|a|" },
  { name: "verb_star", open: "\\verb*+a", closed: "\\verb*+a+" },
  { name: "verb_bare", open: "\\verb", closed: "\\verb||" },
  { name: "url_brace", open: "\\url{a", closed: "\\url{a%#}" },
  { name: "href_brace", open: "\\href{a", closed: "\\href{a}{b}" },
  { name: "path_nested", open: "\\path{{a", closed: "\\path{{a}}" },
  // Environments.
  { name: "begin_name", open: "\\begin{a", closed: "\\begin{a}\\end{a}" },
  { name: "begin_brace_only", open: "\\begin{", closed: "\\begin{}" },
  { name: "verbatim_env", open: "\\begin{verbatim}x", closed: "\\begin{verbatim}x\\end{verbatim}" },
  {
    name: "lstlisting_options",
    open: "\\begin{lstlisting}[a",
    closed: "\\begin{lstlisting}[a]{b}x\\end{lstlisting}",
  },
  { name: "math_env", open: "\\begin{align}x", closed: "\\begin{align}x\\end{align}" },
  {
    name: "newenvironment",
    open: "\\newenvironment{a",
    closed: "\\newenvironment{e}{\\verbatim}{}",
  },
  // Catcodes.
  { name: "catcode_backtick", open: "\\catcode`", closed: "\\catcode`\\|=13 \\catcode`\\|=12 " },
  { name: "catcode_decimal", open: "\\catcode64=", closed: "\\catcode64=11 \\catcode64=12 " },
  { name: "catcode_hex", open: '\\catcode"4', closed: '\\catcode"40=11 \\catcode"40=12 ' },
  { name: "catcode_octal", open: "\\catcode'1", closed: "\\catcode'100=11 \\catcode'100=12 " },
  { name: "catcode_active", open: "\\catcode`\\~=\\active", closed: "\\catcode`\\~=13 " },
  { name: "catcode_hat", open: "\\catcode`^^", closed: "\\catcode`^^M=13 \\catcode`^^M=5 " },
  { name: "makeatletter", open: "\\makeatletter\\@a", closed: "\\makeatletter\\@a\\makeatother" },
  {
    name: "expl_syntax",
    open: "\\ExplSyntaxOn a_b:",
    closed: "\\ExplSyntaxOn a_b:\\ExplSyntaxOff",
  },
  // ^^ notation.
  { name: "hat_hex", open: "^^4", closed: "^^41" },
  { name: "hat_char", open: "^^", closed: "^^M" },
  { name: "hat_control_word", open: "\\^^61", closed: "\\^^61^^62 " },
  // Groups, math, comments, control words.
  { name: "group", open: "{a", closed: "{a}" },
  { name: "text_in_math", open: "$\\text{a", closed: "$\\text{a}$" },
  { name: "math_shift", open: "$a", closed: "$a$" },
  { name: "display_shift", open: "$$a", closed: "$$a$$" },
  { name: "math_paren", open: "\\(a", closed: "\\(a\\)" },
  { name: "math_bracket", open: "\\[a", closed: "\\[a\\]" },
  { name: "comment", open: "%a", closed: "a%\\" },
  { name: "control_word", open: "\\abc", closed: "\\abc " },
  { name: "control_symbol", open: "\\", closed: "\\\\" },
  { name: "section", open: "\\section{a", closed: "\\section{a}" },
  // Definitions and look-aheads the hunt of issue 10 added (linear when measured; kept as guards).
  { name: "def_params", open: "\\def\\x#1#2{", closed: "\\def\\x#1#2{#1}" },
  { name: "newcommand_optional", open: "\\newcommand{\\x}[", closed: "\\newcommand{\\x}[1]{#1}" },
  { name: "define_short_verb", open: "\\DefineShortVerb{\\", closed: "\\DefineShortVerb{\\|}|a|" },
  { name: "catcode_spaced", open: "\\catcode 65=", closed: "\\catcode 65=11 " },
  { name: "hat_four", open: "^^^^", closed: "^^^^00e9" },
];

/**
 * A line of `length` code units made by repeating `unit` (the last repetition cut short).
 *
 * @param unit The unit, not empty.
 * @param length The line's length.
 * @returns The line.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { repeatedLine } from "./adversarial_shapes.ts";
 * assertEquals(repeatedLine("ab", 5), "ababa");
 * ```
 */
export function repeatedLine(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/**
 * Lines that churn catcodes: each changes the state the next line starts in (`\makeatletter`,
 * `\catcode`, expl3 on and off, verbatim opened and closed), the shape of issue 10's memory leak.
 *
 * @param index Which line (any integer; the lines cycle and carry it in names).
 * @returns One line of text, without a line break.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { churnLine } from "./adversarial_shapes.ts";
 * assertEquals(churnLine(0), "\\makeatletter \\def\\@x0{a}");
 * ```
 */
export function churnLine(index: number): string {
  const n = Math.abs(Math.trunc(index));
  switch (n % 8) {
    case 0:
      return `\\makeatletter \\def\\@x${n}{a}`;
    case 1:
      return `\\makeatother text ${n}`;
    case 2:
      return `\\ExplSyntaxOn \\cs_new:Npn \\x_${n}:n #1 { #1 }`;
    case 3:
      return `\\ExplSyntaxOff text ${n}`;
    case 4:
      return `\\catcode\`\\|=13 \\def|{${n}}`;
    case 5:
      return `\\catcode\`\\|=12 |${n}|`;
    case 6:
      return `\\begin{verbatim} ${n} $ {`;
    default:
      return `\\end{verbatim} $x_${n}$`;
  }
}

/**
 * An adversarial fragment for the fuzzer to insert: a few kilobytes of one shape repeated on one
 * line (with or without its closer), or a run of catcode-churning lines.
 *
 * @param rng The random stream (advanced).
 * @returns The fragment.
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { adversarialFragment } from "./adversarial_shapes.ts";
 * import { Sfc32 } from "../_tools/sfc32.ts";
 * assert(adversarialFragment(new Sfc32(1)).length > 0);
 * ```
 */
export function adversarialFragment(rng: Sfc32): string {
  if (rng.chance(0.3)) {
    const start = rng.int(1000);
    return Array.from({ length: rng.range(2, 16) }, (_, i) => churnLine(start + i)).join("\n") +
      "\n";
  }
  const shape = rng.pick(ADVERSARIAL_SHAPES);
  return repeatedLine(rng.chance(0.5) ? shape.open : shape.closed, rng.range(64, 4096));
}
