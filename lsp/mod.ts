/**
 * The LaTeX Perfectionist language server.
 *
 * @module
 */
import { main } from "./_main.ts";
export { main };
export { serve } from "./server.ts";
if (import.meta.main) {
  const code = main(Deno.args);
  if (code !== undefined) Deno.exit(code);
}
