import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { formatTokens, optionsFor, parseLexArgs } from "./_lex.ts";
import { tokenize } from "../lexer/document_lexer.ts";
import { SAMPLE_DOCUMENT } from "./_sample.ts";
import { readSchema, validateJson } from "../_tools/json_schema.ts";
import { UsageError } from "../_tools/usage_error.ts";

const SCHEMA = readSchema(new URL("./lex_output.schema.json", import.meta.url));

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
  assertEquals(validateJson(SCHEMA, json), []);
  assertEquals(json.line_count, 2);
  assertEquals(json.tokens, tokenize("\\x $y$\n%c"));
  assertEquals(validateJson(SCHEMA, { ...json, lineCount: 2 }), [
    "$.lineCount: not allowed (additionalProperties is false)",
  ]);
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
  assertEquals(JSON.parse(r.stdout).options, { at_letter: true });
  const missing = await run([`${dir}/missing.tex`]);
  assertEquals(missing.code, 2);
  assertStringIncludes(missing.stderr, `lex: error: cannot read ${dir}/missing.tex: no such file`);
  const folder = await run([dir]);
  assertEquals(folder.code, 2);
  assertStringIncludes(folder.stderr, "a directory, not a file");
  const bad = await run(["--nope"]);
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "lex: error: unknown option --nope");
  assertEquals(bad.stderr.includes("    at "), false, "no stack trace");
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
  assertEquals(parseLexArgs(["--math-env=dm", "--verbatim-env=code"]).math, ["dm"]);
  assertEquals(optionsFor(parseLexArgs(["--verbatim-env=code", "a.tex"])).verbatimEnvironments, [
    "code",
  ]);
  assertThrows(() => parseLexArgs(["--math-env"]), UsageError, "needs a value");
  assertThrows(() => parseLexArgs(["a", "b"]), UsageError, "at most 1 argument");
  assertEquals(formatTokens(tokenize("$"), false), '1:1      math_shift     math "$"\n');
});

Deno.test("deno task lex: refuses binary input with a clear message unless --binary is given", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lp-lex-" });
  const png = `${dir}/figure.png`;
  await Deno.writeFile(
    png,
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  );
  const refused = await run([png]);
  assertEquals(refused.code, 2);
  assertStringIncludes(refused.stderr, `lex: error: ${png} looks binary (a NUL byte at offset 8)`);
  assertStringIncludes(refused.stderr, "--binary");
  assertEquals(refused.stdout, "");
  const stdin = await run(["-"], "\u0000x");
  assertEquals(stdin.code, 2);
  assertStringIncludes(stdin.stderr, "standard input looks binary");
  const forced = await run(["--binary", "--json", png]);
  assertEquals(forced.code, 0, forced.stderr);
  assertEquals(validateJson(SCHEMA, JSON.parse(forced.stdout)), []);
  await Deno.remove(dir, { recursive: true });
});
