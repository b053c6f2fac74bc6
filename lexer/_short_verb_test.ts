import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { tokenize } from "./document_lexer.ts";
import { lexLine, sameState } from "./lex_line.ts";
import { BracketEnds } from "./_tex_args.ts";
import { LATEX_CATCODES } from "./catcodes.ts";
import {
  isShortVerbString,
  MAX_SHORT_VERB,
  shortVerbArgument,
  shortVerbOldCat,
  withoutShortVerb,
  withShortVerb,
} from "./_short_verb.ts";
import { fcParams } from "./testdata/fc_params.ts";

function toks(text: string): string[] {
  return tokenize(text).map((t) => `${t.kind}:${t.text}${t.math ? "*" : ""}`);
}

function arg(text: string, p: number, bare = false) {
  const brackets = new BracketEnds();
  brackets.reset(text);
  const a = shortVerbArgument(text, p, { cat: LATEX_CATCODES, brackets, bare });
  return [a.char, a.end];
}

Deno.test("shortVerbArgument() reads {\\c}, \\c, [options], and a bare c only when allowed", () => {
  assertEquals(arg("\\MakeShortVerb{\\|}", 14), [0x7c, 18]);
  assertEquals(arg("\\MakeShortVerb\\|", 14), [0x7c, 16]);
  assertEquals(arg("\\DefineShortVerb[a={]}]{\\+}x", 16), [0x2b, 27]);
  assertEquals(arg("\\lstMakeShortInline[x] !", 19, true), [0x21, 24]);
  assertEquals(arg("\\MakeShortVerb|", 14), [-1, 14]);
  assertEquals(arg("\\MakeShortVerb{\\a}", 14), [-1, 14], "a letter makes a control word");
  assertEquals(arg("\\MakeShortVerb{\\", 14), [-1, 14], "not on the line");
});

Deno.test("withShortVerb() keeps the string sorted, bounded and well-formed", () => {
  let s = "";
  for (const c of [0x7c, 0x21, 0x2b, 0x21]) s = withShortVerb(s, c, 12);
  assertEquals(s, "!\x0c+\x0c|\x0c");
  assert(isShortVerbString(s));
  assertEquals(shortVerbOldCat(s, 0x2b), 12);
  assertEquals(shortVerbOldCat(withoutShortVerb(s, 0x2b), 0x2b), -1);
  for (let c = 0x30; c < 0x50; c++) s = withShortVerb(s, c, 12);
  assertEquals(s.length, 2 * MAX_SHORT_VERB);
  assert(!isShortVerbString("|\x0c!\x0c"), "unsorted");
});

Deno.test("tokenize(): after \\MakeShortVerb{\\|}, |a$b| is verbatim and opens no math", () => {
  const t = toks("\\MakeShortVerb{\\|}\nUse |a$b| here.");
  assertEquals(t.slice(4), [
    "text:Use",
    "space: ",
    "verbatim:|a$b|",
    "space: ",
    "text:here.",
  ]);
});

Deno.test("tokenize(): \\DeleteShortVerb and \\UndefineShortVerb give the old catcode back", () => {
  assert(toks("\\MakeShortVerb*{\\|}\\DeleteShortVerb{\\|} |$|").includes("math_shift:$*"));
  assert(toks("\\DefineShortVerb{\\+}\\UndefineShortVerb{\\+} +$+").includes("math_shift:$*"));
});

Deno.test("tokenize(): \\lstMakeShortInline[opts]! and \\lstDeleteShortInline!", () => {
  const t = toks("\\lstMakeShortInline[language=C]!\n!a$b! \\lstDeleteShortInline! !$");
  assert(t.includes("verbatim:!a$b!"), t.join(" "));
  assertEquals(t.at(-1), "math_shift:$*");
});

Deno.test("tokenize(): a short verbatim character is verbatim in math too, and unclosed ends at the line end", () => {
  assertEquals(toks("\\MakeShortVerb{\\|}$|x|$").slice(4), [
    "math_shift:$*",
    "verbatim:|x|*",
    "math_shift:$*",
  ]);
  assertEquals(toks("\\MakeShortVerb{\\|}|a $\nb").slice(4), ["verbatim:|a $", "text:b"]);
});

Deno.test("tokenize(): \\MakeShortVerb inside a definition body is not run", () => {
  assert(toks("\\def\\x{\\MakeShortVerb{\\|}} |a$b|").includes("math_shift:$*"));
});

Deno.test("lexLine(): a short verbatim span is one token and changes no state (property)", () => {
  const made = lexLine("\\MakeShortVerb{\\|}").endState;
  const content = fc.string({
    unit: fc.constantFrom("a", "$", "{", "}", "%", "\\", " ", "#", "^"),
  });
  fc.assert(
    fc.property(content, (x) => {
      const line = lexLine(`a |${x}| b`, made);
      assert(sameState(line.endState, lexLine("a || b", made).endState));
      assertEquals(line.tokens[2]!.kind, "verbatim");
      assertEquals(line.tokens[2]!.text, `|${x}|`);
    }),
    fcParams(300),
  );
});
