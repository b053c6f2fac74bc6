import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { formatTokens, optionsFor, parseLexArgs } from "./_lex.ts";
import { tokenize } from "../lexer/document_lexer.ts";
import { SAMPLE_DOCUMENT } from "./_sample.ts";

const CLI = new URL("./mod.ts", import.meta.url).pathname;

async function run(args: string[], stdin?: string) {
  const child = new Deno.Command("deno", {
    args: ["run", "--no-check", "--allow-read", CLI, ...args],
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("deno task lex: --json on stdin prints every token", async () => {
  const r = await run(["--json", "-"], "\\x $y$\n%c");
  assertEquals(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assertEquals(json.lineCount, 2);
  assertEquals(json.tokens, tokenize("\\x $y$\n%c"));
});

Deno.test("deno task lex: with no file lexes the sample document, in plain text off a terminal", async () => {
  const r = await run([]);
  assertEquals(r.code, 0, r.stderr);
  assertEquals(r.stdout.trimEnd().split("\n").length, tokenize(SAMPLE_DOCUMENT).length);
  assert(!r.stdout.includes("\x1b["), "no colors when not a terminal");
  assertStringIncludes(r.stdout, "verbatim       ");
});

Deno.test("deno task lex: a .sty file makes @ a letter, and bad input gives clear errors", async () => {
  const dir = await Deno.makeTempDir();
  const sty = `${dir}/x.sty`;
  await Deno.writeTextFile(sty, "\\@foo");
  const r = await run(["--json", sty]);
  assertEquals(JSON.parse(r.stdout).tokens[0].text, "\\@foo");
  const missing = await run([`${dir}/missing.tex`]);
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "cannot read");
  const bad = await run(["--nope"]);
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "Unknown option --nope");
  const help = await run(["--help"]);
  assertEquals(help.code, 0);
  assertStringIncludes(help.stdout, "Usage: deno task lex");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("parseLexArgs() and optionsFor() map flags to lexer options", () => {
  const a = parseLexArgs(["--no-at-letter", "--verbatim-env", "code", "--math-env", "dm", "x.cls"]);
  assertEquals(optionsFor(a), {
    atLetter: false,
    verbatimEnvironments: ["code"],
    mathEnvironments: ["dm"],
  });
  assertEquals(optionsFor(parseLexArgs(["a.dtx"])), { atLetter: true, docTeX: true });
  assertThrows(() => parseLexArgs(["--math-env"]), Error, "needs a value");
  assertThrows(() => parseLexArgs(["a", "b"]), Error, "Only one FILE");
  assertEquals(formatTokens(tokenize("$"), false), '1:1      math_shift     math "$"\n');
});
