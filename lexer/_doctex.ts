/**
 * DocTeX mode (`.dtx` files, or the `docTeX` option). A documentation line starts with `%`,
 * which `\DocInput` ignores: the lexer emits that `%` as a `doc_prefix` token and lexes the rest
 * of the line as LaTeX, so its state changes persist as if the `%` were absent. Between
 * `%    \begin{macrocode}` and `%    \end{macrocode}` (or `macrocode*`) lines are code, lexed
 * as they are. Docstrip guard lines (`%<*driver>`, `%</driver>`, `%<package>`) stay comments.
 *
 * @module
 */

const CH_PERCENT = 0x25; // %
const CH_LT = 0x3c; // <
const CH_SPACE = 0x20;
const CH_TAB = 0x09;

/** What a line is in DocTeX mode, before it is lexed. */
export const DocLine = {
  /** Code: lexed as it is (a line without a leading `%`, or any line inside macrocode). */
  Code: 0,
  /** A documentation line: a `%` prefix, then LaTeX. */
  Doc: 1,
  /** A docstrip guard line: one comment. */
  Guard: 2,
  /** `%    \end{macrocode}` inside macrocode: a prefix, then the end of the code. */
  MacrocodeEnd: 3,
} as const;

/** One of the values of {@linkcode DocLine}. */
export type DocLine = typeof DocLine[keyof typeof DocLine];

/** The environments whose body is code in a `.dtx` file. */
export const MACROCODE_ENVIRONMENTS: ReadonlySet<string> = new Set(["macrocode", "macrocode*"]);

/**
 * Classifies a line in DocTeX mode. Looks at the first characters only, or up to the
 * `\end{macrocode}` after the spaces of a `%` line inside macrocode.
 *
 * @param text The line.
 * @param macrocode Whether the line is inside macrocode.
 * @returns What the line is.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { DocLine, docLine } from "./_doctex.ts";
 * assertEquals(docLine("% \\begin{macro}{\\foo}", false), DocLine.Doc);
 * assertEquals(docLine("%<*driver>", false), DocLine.Guard);
 * assertEquals(docLine("\\def\\foo{}", true), DocLine.Code);
 * assertEquals(docLine("%    \\end{macrocode}", true), DocLine.MacrocodeEnd);
 * ```
 */
export function docLine(text: string, macrocode: boolean): DocLine {
  return (docLineLooked(text, macrocode) & 3) as DocLine;
}

/**
 * {@linkcode docLine}, with how far it looked: `kind | (index << 2)`, the index being one past
 * the last character read (so an edit beyond it cannot change the answer).
 *
 * @param text The line.
 * @param macrocode Whether the line is inside macrocode.
 * @returns The packed answer.
 */
export function docLineLooked(text: string, macrocode: boolean): number {
  if (text.charCodeAt(0) !== CH_PERCENT) return DocLine.Code | (1 << 2);
  if (text.charCodeAt(1) === CH_LT) return DocLine.Guard | (2 << 2);
  if (!macrocode) return DocLine.Doc | (2 << 2);
  let p = 1;
  while (p < text.length && (text.charCodeAt(p) === CH_SPACE || text.charCodeAt(p) === CH_TAB)) {
    p++;
  }
  const end = text.startsWith("\\end{macrocode}", p) || text.startsWith("\\end{macrocode*}", p);
  return (end ? DocLine.MacrocodeEnd : DocLine.Code) | ((p + 17) << 2);
}
