// Definition bodies as the README words them and as `proofs/LawBodyEscape.v` and
// `proofs/LawBodyScan.v` prove them: the state after a body's `}` is the state before its `{`
// (but for `afterArg`, the definition bookkeeping and defined verbatim environments), a recovery
// point in a body leaves what a recovery point before its `{` leaves, and the counterexamples to
// the earlier wording "no state change escapes" that the proofs' hypotheses exclude. The property
// tests at the end check both laws for any body (commands, groups, math, environments, verbatim,
// several lines) in the TypeScript lexer, as `body_scan` proves them for the Coq one.
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

Deno.test("outside body_scan's hypotheses a body's changes escape: brace depth 30, eight frames", () => {
  // 30 argument bits: a body at brace depth 30 has none, so its \MakeShortVerb is run.
  const deep = "{".repeat(30);
  assertEquals(
    lexLine(`${deep}\\newcommand{\\x}{\\MakeShortVerb{\\|}}`).endState.shortVerb !== "",
    true,
  );
  const shallow = "{".repeat(29);
  assertEquals(lexLine(`${shallow}\\newcommand{\\x}{\\MakeShortVerb{\\|}}`).endState.shortVerb, "");
  // Eight frames open: the body's frame is not pushed, so its `$` leaves text mode after it.
  const eight = "$" + "\\text{$".repeat(8);
  const before = lexLine(`${eight}\\newcommand{\\x}`).endState;
  const after = lexLine(`${eight}\\newcommand{\\x}{$}`).endState;
  assertEquals([before.frames.length, before.mode, after.mode], [8, Mode.InlineMath, Mode.Text]);
  const seven = "$" + "\\text{$".repeat(7);
  assertEquals(
    lexLine(`${seven}\\newcommand{\\x}{$}`).endState.mode,
    lexLine(`${seven}\\newcommand{\\x}`).endState.mode,
  );
});

/** Lexes a text of several lines (split at `\n`) from the initial state. */
function endOfText(text: string): LexState {
  let state: LexState | undefined;
  for (const line of text.split("\n")) state = lexLine(line, state).endState;
  return state!;
}

// Pieces of bodies: control words, catcode commands, groups, math, environments, inline and
// short verbatim, definitions, comments and line breaks (never a blank line: that is a
// recovery point), and balanced groups of them.
/** Pieces of bodies. */
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
/** A body: pieces and balanced groups of them. */
const body: fc.Arbitrary<string> = fc.letrec((tie) => ({
  body: fc.array(tie("piece"), { maxLength: 8 }).map((ps) => ps.join("")),
  piece: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...atoms) },
    { weight: 1, arbitrary: tie("body").map((b) => `{${b}}`) },
  ),
})).body as fc.Arbitrary<string>;

Deno.test("any body without a recovery point or a \\catcode of its own } gives the state before its { back", () => {
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

Deno.test("a recovery point in any body leaves what a recovery point before its { leaves (law body_scan)", () => {
  // Inside the body, maybe inside inner groups, math or `\\text{`, a recovery point: its catcodes,
  // saved frames and short-verbatim characters are those of the same recovery point right before
  // the body's `{`, whatever the body did before it (no catcode command is run in a body).
  const inner = fc.constantFrom("", "{", "{{", "\\text{", "$", "\\(", "\\begin{equation}");
  const recovery = fc.constantFrom("\\section", "\\begin{document}", "\\end{document}", "\n");
  const before = fc.constantFrom("", "$", "{", "\\makeatletter", "\\MakeShortVerb{\\|}");
  const definer = fc.constantFrom("\\newcommand{\\x}", "\\def\\x#1");
  const fields = (s: LexState) => [s.depth, s.catcodes, s.saved, s.shortVerb];
  let changing = 0;
  fc.assert(
    fc.property(before, definer, body, inner, recovery, (b, d, x, i, r) => {
      const text = `${b}${d}{${x}${i}${r}`;
      const reference = endOfText(`${b}${r}`);
      assertEquals(fields(endOfText(text)), fields(reference), JSON.stringify(text));
      if (/\\(catcode|makeat|Expl|MakeShortVerb|begingroup)/.test(x)) changing++;
    }),
    { numRuns: 3000, seed: 152 },
  );
  assertEquals(changing > 1000, true, `${changing} bodies with catcode commands`);
});
