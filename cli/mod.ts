/**
 * The token printer: `deno task lex [FILE|-]`, or straight from JSR with
 * `deno run -R jsr:@latex-perfectionist/lexer/cli paper.tex`. Prints the tokens of a LaTeX file,
 * of standard input, or of an embedded sample document, as colored text or as JSON.
 *
 * Needs read permission for FILE only.
 *
 * @example Printing the tokens of the sample document as JSON
 * ```ts ignore
 * import { main } from "@latex-perfectionist/lexer/cli";
 *
 * const exitCode = await main(["--json"]);
 * ```
 *
 * @module
 */

import { main } from "./_lex.ts";

export { main };

if (import.meta.main) Deno.exit(await main(Deno.args));
