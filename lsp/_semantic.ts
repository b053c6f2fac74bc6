/**
 * PROVISIONAL: semantic tokens until the library's legend and encoder land.
 *
 * @module
 */
import { TOKEN_KINDS } from "../mod.ts";
import type { IncrementalLexer } from "../mod.ts";

/** The legend. */
export const SEMANTIC_LEGEND: { tokenTypes: readonly string[]; tokenModifiers: readonly string[] } =
  {
    tokenTypes: TOKEN_KINDS,
    tokenModifiers: ["math"],
  };

/** Full encoding. */
export function encodeFull(lexer: IncrementalLexer): number[] {
  const data: number[] = [];
  let pl = 0;
  let pc = 0;
  for (const t of lexer.tokens()) {
    data.push(
      t.line - pl,
      t.line === pl ? t.column - pc : t.column,
      t.length,
      TOKEN_KINDS.indexOf(t.kind),
      t.math ? 1 : 0,
    );
    pl = t.line;
    pc = t.column;
  }
  return data;
}
