/**
 * A verbatim environment's `[options]` read across lines: `\begin{lstlisting}[` then
 * `language=Python]` on the next line. While the bracket is open the state says so
 * (`LexState.verbOpts`) and each line is options up to the `]` that closes them; the body
 * starts after it. The paragraph rule bounds it: a blank line ends the options, and the body
 * starts there.
 *
 * @module
 */

const CH_LBRACE = 0x7b; // {
const CH_RBRACE = 0x7d; // }
const CH_RBRACKET = 0x5d; // ]

/**
 * The `]` that closes options continued from an earlier line: the first `]` of the line outside
 * braces opened on it (a `}` of a brace opened on an earlier line is passed over). One pass
 * over the line.
 *
 * @param text The line.
 * @returns The index of the `]`, or -1 when the options go on past the line.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { continuedOptionsEnd } from "./_verbatim_options.ts";
 * assertEquals(continuedOptionsEnd("language=Python]"), 15);
 * assertEquals(continuedOptionsEnd("caption={a]b}]x"), 13);
 * assertEquals(continuedOptionsEnd("basicstyle=\\ttfamily,"), -1);
 * ```
 */
export function continuedOptionsEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CH_LBRACE) depth++;
    else if (c === CH_RBRACE) depth = depth > 0 ? depth - 1 : 0;
    else if (c === CH_RBRACKET && depth === 0) return i;
  }
  return -1;
}
