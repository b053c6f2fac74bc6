// Definition bodies as the README words them and as `proofs/LawBodyEscape.v` proves them: the
// state after a body's `}` is the state before its `{` (but for `afterArg`, the definition
// bookkeeping and defined verbatim environments), and the two counterexamples to the earlier
// wording "no state change escapes" that the proof's hypotheses exclude. The property test at the
// end checks the law for any body (commands, groups, math, environments, verbatim, several
// lines) outside those two cases, in the TypeScript lexer; in Coq it is proved only for plain
// bodies (`body_line_restores`).
import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { lexLine } from "./lex_line.ts";
import { Mode } from "./mode.ts";
import type { LexState } from "./state.ts";

/** The fields `body_group_restores` gives back. */
function kept(s: LexState): unknown[] {
  return [
    s.mode,
    s.env,
    s.depth,
    s.argBits,
    s.frames,
    s.catcodes,
    s.shortVerb,
    s.saved,
    s.verbOpts,
    s.macrocode,
  ];
}

Deno.test("a body's math shifts, catcode changes and groups do not escape it (law body_group_restores)", () => {
  for (
    const [before, body] of <[string, string][]> [
      ["$", "a$b\\(c"],
      ["", "$x"],
      ["", "\\makeatletter\\catcode`\\$=12 {\\ExplSyntaxOn}\\begingroup"],
      ["$", "\\text{y $z}"],
      ["\\[", "\\begin{equation}x"],
    ]
  ) {
    const start = lexLine(before).endState;
    const after = lexLine(`${before}\\newcommand{\\x}{${body}}`).endState;
    assertEquals(kept(after), kept(start), body);
    assertEquals(after.afterArg, true);
  }
});

Deno.test("a recovery point in a body resets the state, which the body's } does not undo", () => {
  // Before the body: inline math. `\section` is a recovery point wherever it is, so after the
  // body the mode is text (in TeX the body is only stored; `body_line_restores` admits no
  // control word in the body for this reason).
  const s = lexLine("$\\newcommand{\\x}{\\section}").endState;
  assertEquals([s.mode, s.depth], [Mode.Text, 0]);
  assertEquals(lexLine("$\\newcommand{\\x}{\\begin{document}}").endState.mode, Mode.Text);
});

Deno.test("a \\catcode assignment whose character is the body's own } takes effect after the body", () => {
  // `` `} `` closes the body (as in TeX), the assignment is read on over it and takes effect
  // where it ends, outside the body, where catcode changes are run: `}` becomes other.
  const s = lexLine("\\newcommand{\\x}{\\catcode`}=12}").endState;
  assertEquals(s.catcodes, [{ char: 125, cat: 12 }]);
  assertEquals(s.depth, 0);
});

/** Lexes a text of several lines (split at `\n`) from the initial state. */
function endOfText(text: string): LexState {
  let state: LexState | undefined;
  for (const line of text.split("\n")) state = lexLine(line, state).endState;
  return state!;
}

Deno.test("any body without a recovery point or a \\catcode of its own } gives the state before its { back", () => {
  // Pieces of bodies: control words, catcode commands, groups, math, environments, inline and
  // short verbatim, definitions, comments and line breaks (never a blank line: that is a
  // recovery point), and balanced groups of them.
  const atoms = [
    "a",
    " ",
    "$",
    "$$",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "&",
    "#1",
    "_",
    "^2",
    "~",
    "\\alpha",
    "\\\\",
    "\\{",
    "\\makeatletter",
    "\\makeatother",
    "\\catcode`\\@=11 ",
    "\\catcode`\\$=12 ",
    "\\catcode`\\{=12 ",
    "\\catcode`\\}=12 ",
    "\\ExplSyntaxOn",
    "\\ExplSyntaxOff",
    "\\begingroup",
    "\\endgroup",
    "\\begin{equation}",
    "\\end{equation}",
    "\\begin{align*}",
    "\\begin{itemize}",
    "\\begin{verbatim}",
    "\\end{verbatim}",
    "\\MakeShortVerb{\\|}",
    "|x|",
    "\\verb|x|",
    "\\url{x}",
    "\\def\\y",
    "\\newcommand",
    "\\newenvironment{v}{\\verbatim}",
    "\\ensuremath",
    "\\text",
    "%c\nx",
    "\ny",
  ];
  const body: fc.Arbitrary<string> = fc.letrec((tie) => ({
    body: fc.array(tie("piece"), { maxLength: 8 }).map((ps) => ps.join("")),
    piece: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...atoms) },
      { weight: 1, arbitrary: tie("body").map((b) => `{${b}}`) },
    ),
  })).body as fc.Arbitrary<string>;
  const before = fc.constantFrom(
    "",
    "$",
    "\\[",
    "{",
    "\\text{",
    "\\begin{equation}",
    "\\ensuremath{",
  );
  const definer = fc.constantFrom("\\newcommand{\\x}", "\\def\\x#1", "\\renewcommand*\\x[1]");
  let withControlWords = 0;
  fc.assert(
    fc.property(before, definer, body, (b, d, x) => {
      const start = endOfText(b);
      const after = endOfText(`${b}${d}{${x}}`);
      assertEquals(kept(after), kept(start), JSON.stringify(`${b}${d}{${x}}`));
      if (/\\[a-zA-Z]/.test(x) && x.includes("{")) withControlWords++;
    }),
    { numRuns: 3000, seed: 151 },
  );
  assertEquals(
    withControlWords > 1000,
    true,
    `${withControlWords} bodies with commands and groups`,
  );
});
