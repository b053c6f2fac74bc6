/**
 * The command line of the language server: `--help`, `--stdio`, then serving.
 *
 * @module
 */

import process from "node:process";
import { serve } from "./server.ts";

/** The text `--help` prints. */
export const HELP: string = `latex-perfectionist language server (LSP over standard input/output)

Usage: deno task lsp [--stdio]
       deno run --allow-env=XDG_RUNTIME_DIR jsr:@latex-perfectionist/lexer/lsp [--stdio]

Speaks the Language Server Protocol on stdin/stdout; logs go to stderr only.
Capabilities: incremental text sync; semantic tokens (full, delta, range); folding ranges
(environments, sections, comment blocks); document symbols (sections, environments, labels);
diagnostics the lexer knows exactly (math open at a paragraph end, \\end{x} without \\begin{x},
a verbatim environment never closed, braces unbalanced within a paragraph). Position encodings
utf-16 (default), utf-8 and utf-32 when the client offers them. .sty, .cls and .dtx files are
lexed with @ as a letter.

Options:
  --stdio     Use standard input and output (the default and only transport).
  -h, --help  Print this help and exit.
`;

/**
 * Runs the server, or prints the help.
 *
 * @param args The command-line arguments.
 * @returns The exit code when the server does not start (help or a bad argument), else undefined.
 */
export function main(args: readonly string[]): number | undefined {
  for (const arg of args) {
    if (arg === "-h" || arg === "--help") {
      console.log(HELP);
      return 0;
    }
    if (arg !== "--stdio") {
      console.error(`Unknown argument: ${arg}\n\n${HELP}`);
      return 2;
    }
  }
  serve({ input: process.stdin, output: process.stdout });
  return undefined;
}
