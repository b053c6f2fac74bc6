// Definition bodies as the README words them and as `proofs/LawBodyEscape.v` proves them: the
// state after a body's `}` is the state before its `{` (but for `afterArg`, the definition
// bookkeeping and defined verbatim environments), and the two counterexamples to the earlier
// wording "no state change escapes" that the proof's hypotheses exclude.
import { assertEquals } from "@std/assert";
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
