/**
 * `deno task playground [--port N] [--corpus DIR]`: serves the playground on 127.0.0.1.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { servePlayground } from "./server.ts";

const USAGE = `Usage: deno task playground [--port N] [--corpus DIR]

Serves the LaTeX Perfectionist playground on http://127.0.0.1:N/ (default 8787): our CodeMirror 6
language beside CodeMirror's stex mode and codemirror-lang-latex, with per-keystroke latency.

  --port N        the port on 127.0.0.1 (default 8787). The task's --allow-net names 8787;
                  for another port run
                  deno run --allow-net=127.0.0.1:N --allow-read=editors/playground,../shared/corpus \\
                    editors/playground/main.ts --port N
  --corpus DIR    the folder of .tex files the page offers (default ../shared/corpus)
  --help          this text`;

const args = parseArgs(Deno.args, {
  string: ["port", "corpus"],
  boolean: ["help"],
  default: { port: "8787", corpus: "../shared/corpus" },
});
if (args.help) {
  console.log(USAGE);
  Deno.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: expected an integer 0-65535, got ${args.port}`);
  Deno.exit(2);
}
try {
  const server = servePlayground({ port, corpus: args.corpus });
  console.log(`Playground: http://127.0.0.1:${server.addr.port}/ (Ctrl-C to stop)`);
} catch (e) {
  if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    Deno.exit(2);
  }
  throw e;
}
