/**
 * fast-check arbitraries for LaTeX-like documents and edits: fragments chosen to hit what
 * breaks lexers (math shifts, verbatim openers and closers, comments, catcode switches, line
 * endings).
 *
 * @module
 */

import fc from "fast-check";

/** Pieces of LaTeX that change the lexer state, or end lines. */
export const FRAGMENTS: readonly string[] = [
  "$",
  "$$",
  "\\(",
  "\\)",
  "\\[",
  "\\]",
  "\\$",
  "%",
  "% c\n",
  "{",
  "}",
  "\\\\",
  "\n",
  "\r\n",
  "\r",
  "\n\n",
  "\\begin{verbatim}",
  "\\end{verbatim}",
  "\\begin{align}",
  "\\end{align}",
  "\\enxd{align}",
  "\\begin{lstlisting}[x]",
  "\\end{lstlisting}",
  "\\verb|",
  "|",
  "\\url{",
  "\\text{",
  "\\makeatletter",
  "\\makeatother",
  "\\@foo",
  "\\ExplSyntaxOn",
  "\\ExplSyntaxOff",
  "\\foo_bar:n",
  "\\catcode`\\|=13 ",
  "\\catcode 64=11 ",
  "\\newenvironment{nv}{\\begin{verbatim}}{\\end{verbatim}}",
  "\\lstnewenvironment{code}{}{}",
  "\\begin{code}",
  "\\end{code}",
  "\\section{S}",
  // The semantics issue: definition bodies, \ensuremath, short verbatim, local catcodes,
  // verbatim options over lines.
  "\\def\\x",
  "\\newcommand",
  "\\NewDocumentCommand",
  "\\ensuremath",
  "\\MakeShortVerb{\\|}",
  "\\DeleteShortVerb{\\|}",
  "\\lstMakeShortInline",
  "\\begingroup",
  "\\endgroup",
  "\\begin{lstlisting}[",
  "]",
  // Pieces of constructs the lexer reads ahead for: an edit can complete or break them.
  "\\begin",
  "\\end",
  "{verbatim}",
  "{align}",
  "{code}",
  "\\text",
  "\\catcode",
  "`\\|",
  "=13",
  "\\newenvironment",
  "{nv}",
  "[x]",
  "\\mintinline",
  "^^",
  "^^M",
  "^^5c",
  "#1",
  "&",
  "~",
  " ",
  "\t",
  "word ",
  "x",
  "é",
  "😀",
  "\ud800",
  "\u0000",
];

/** One fragment, or a short random string now and then. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: "binary" }) },
);

/** A LaTeX-like document. */
export const latexDocument: fc.Arbitrary<string> = fc.array(fragment, { maxLength: 60 }).map((
  parts,
) => parts.join(""));

/** An edit given as fractions of the current text, so it applies to any text. */
export interface EditSpec {
  /** Where the edit starts, as a fraction of the length. */
  at: number;
  /** How many code units it removes (clamped to the text). */
  remove: number;
  /** What it inserts. */
  insert: string;
}

/** A random edit: an insert, a delete or a replacement, within a line or across lines. */
export const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
  insert: fc.array(fragment, { maxLength: 3 }).map((p) => p.join("")),
});

/**
 * The concrete offsets of an edit on a text of a given length.
 *
 * @param spec The edit.
 * @param length The text's length.
 * @returns `[from, to]`.
 */
export function editRangeOf(spec: EditSpec, length: number): [number, number] {
  const from = Math.min(length, Math.floor(spec.at * (length + 1)));
  return [from, Math.min(length, from + spec.remove)];
}
