/**
 * The LaTeX Perfectionist language server: `deno task lsp`, or straight from JSR with
 * `deno run --allow-env=XDG_RUNTIME_DIR jsr:@latex-perfectionist/lexer/lsp`. It speaks LSP on
 * standard input and output (logs go to standard error) and needs no permission besides reading
 * one environment variable, which vscode-jsonrpc reads when it loads.
 *
 * ## Capabilities
 * Incremental text sync; semantic tokens `full`, `full/delta` and `range` (the library's
 * legend); folding ranges (environments, sections, comment blocks); document symbols (the
 * sectioning outline, environments, labels); diagnostics for what the lexer knows exactly (math
 * left open at a paragraph's end, `\end{x}` without `\begin{x}`, a verbatim environment never
 * closed, braces unbalanced within a paragraph), updated line by line after each edit; position
 * encodings UTF-16, UTF-8 and UTF-32; cancellation.
 *
 * ## As a library
 * {@linkcode serve} runs the server on any pair of streams; {@linkcode DocumentAnalysis} is the
 * per-line analysis behind folding, symbols and diagnostics, usable on its own.
 *
 * @example Diagnostics of a document
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { IncrementalLexer } from "@latex-perfectionist/lexer";
 * import { DocumentAnalysis } from "@latex-perfectionist/lexer/lsp";
 *
 * const analysis = new DocumentAnalysis(new IncrementalLexer("Let $x be.\n\nNext.\n"));
 * assertEquals(analysis.diagnostics().map((d) => d.message), [
 *   "Math opened here is still open at the end of the paragraph",
 * ]);
 * ```
 *
 * @module
 */

import { HELP, main } from "./_main.ts";

export { HELP, main };
export { negotiateEncoding, serve, type ServeOptions, SERVER_INFO } from "./server.ts";
export {
  type ChangedLines,
  DocumentAnalysis,
  type Fold,
  type LatexDiagnostic,
  type LexedLines,
  type OutlineSymbol,
} from "./document_analysis.ts";
export { SymbolKind } from "./_structure.ts";
export type {
  CatcodeChange,
  LexState,
  Mode,
  PositionEncoding,
  TextFrame,
  Token,
  TokenKind,
} from "../mod.ts";

if (import.meta.main) {
  const code = main(Deno.args);
  if (code !== undefined) Deno.exit(code);
}
