import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { tokenize } from "./document_lexer.ts";
import { lexLine, sameState } from "./lex_line.ts";
import { afterGroup, afterName, DEFINITIONS, isBody, wantsName } from "./_definitions.ts";
import { fcParams } from "./testdata/fc_params.ts";

/** The tokens of a one-line text as `kind:text`, with `*` for math. */
function toks(text: string): string[] {
  return tokenize(text).map((t) => `${t.kind}:${t.text}${t.math ? "*" : ""}`);
}

Deno.test("DEFINITIONS: \\newcommand wants a name, then one body", () => {
  let p = DEFINITIONS.get("newcommand")!;
  assert(wantsName(p) && !isBody(p));
  p = afterName(p);
  assert(isBody(p));
  assertEquals(afterGroup(p), 0);
});

Deno.test("DEFINITIONS: \\NewDocumentCommand skips its argument specification", () => {
  let p = afterGroup(DEFINITIONS.get("NewDocumentCommand")!); // {\name}
  assert(!isBody(p)); // {spec}
  p = afterGroup(p);
  assert(isBody(p));
  assertEquals(afterGroup(p), 0);
});

Deno.test("tokenize(): math opened in a \\def body ends at the body's closing brace", () => {
  assertEquals(toks("\\def\\x{$} y"), [
    "control_word:\\def",
    "control_word:\\x",
    "begin_group:{",
    "math_shift:$*",
    "end_group:}",
    "space: ",
    "text:y",
  ]);
});

Deno.test("tokenize(): \\newcommand{\\name}[n]{body}: the name group is no body, the body is", () => {
  const t = toks("\\newcommand{\\x}[1]{\\(#1} y");
  assert(t.includes("control_symbol:\\(*"), t.join(" "));
  assertEquals(t.at(-1), "text:y");
});

Deno.test("tokenize(): \\newenvironment's begin and end code are both bodies", () => {
  const t = toks("\\newenvironment{e}{$}{$} y $z$");
  assertEquals(t.slice(-6), [
    "space: ",
    "text:y",
    "space: ",
    "math_shift:$*",
    "text:z*",
    "math_shift:$*",
  ]);
});

Deno.test("tokenize(): a body on the line after its definition command is still a body", () => {
  const t = toks("\\newcommand\\x\n  {$x} y");
  assertEquals(t.slice(-3), ["end_group:}", "space: ", "text:y"]);
});

Deno.test("tokenize(): \\makeatletter inside a body whose group follows text is not run", () => {
  // `.{` does not make `{` an argument by itself: the definition command does.
  assertEquals(toks("\\def\\x.{\\makeatletter} \\x@y").slice(-2), ["control_word:\\x", "text:@y"]);
});

Deno.test("tokenize(): a blank line drops a definition command still waiting for its body", () => {
  const t = toks("\\newcommand\\x\n\n{$a} b");
  assert(t.includes("text:b*"), "the group after the paragraph end is no body");
});

// Bodies built from what changes the state outside a body: math shifts and delimiters, catcode
// and expl3 commands, \ensuremath, nested groups.
const fragment = fc.constantFrom(
  "$",
  "$$",
  "\\(",
  "\\)",
  "\\[",
  "\\]",
  "a",
  " ",
  "^2",
  "\\makeatletter ",
  "\\catcode`\\$=12 ",
  "\\ExplSyntaxOn ",
  "\\ensuremath",
  "\\text",
  "#1",
);
const body: fc.Arbitrary<string> = fc.letrec<{ body: string }>((tie) => ({
  body: fc.array(
    fc.oneof({ depthSize: "small" }, { weight: 4, arbitrary: fragment }, {
      weight: 1,
      arbitrary: tie("body").map((b) => `{${b}}`),
    }),
    { maxLength: 6 },
  ).map((parts) => parts.join("")),
})).body;
const definition = fc.constantFrom(
  "\\def\\x",
  "\\gdef\\x#1",
  "\\newcommand{\\x}[1]",
  "\\renewcommand*\\x",
  "\\NewDocumentCommand\\x{m}",
  "\\DeclareRobustCommand{\\x}",
);

Deno.test("lexLine(): no state change made inside a definition body escapes it (property)", () => {
  fc.assert(
    fc.property(definition, body, (def, b) => {
      const empty = lexLine(`${def}{} y`);
      const full = lexLine(`${def}{${b}} y`);
      assert(sameState(full.endState, empty.endState), `${def}{${b}} y`);
      const last = full.tokens.at(-1)!;
      assertEquals([last.kind, last.text, last.math], ["text", "y", false]);
    }),
    fcParams(300),
  );
});
