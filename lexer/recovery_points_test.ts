// Bounded damage as the README words it and as `proofs/LawDamage.v` proves it: the precise laws,
// and the counterexample to the README's earlier wording ("a blank line is a recovery point",
// whatever catcodes are in force), which the Coq proof of `blank_line_resets` found.
import { assertEquals } from "@std/assert";
import { initialState, lexLine } from "./lex_line.ts";
import { Mode } from "./mode.ts";
import type { LexState } from "./state.ts";

function endState(lines: readonly string[]): LexState {
  let state = initialState();
  for (const line of lines) state = lexLine(line, state).endState;
  return state;
}

Deno.test("a blank line closes math, groups and \\text whatever was open before it", () => {
  for (const open of ["$x", "\\(x", "{x", "\\text{x $y", "$$", "\\[", "{{{\\begingroup"]) {
    const s = endState([open, "   "]);
    assertEquals([s.mode, s.depth, s.frames.length], [Mode.Text, 0, 0], open);
  }
});

Deno.test("a line blank only under the catcodes before the reset is no recovery point (law blank_line_resets)", () => {
  // `$` is a space (catcode 10) inside the unclosed group, so the line `$` is blank; the reset
  // closes the group and restores `$` to a math shift, and the same line then opens inline math.
  const s = endState(["{\\catcode`\\$=10", "$"]);
  assertEquals([s.mode, s.depth], [Mode.InlineMath, 0]);
  const next = lexLine("x", s);
  assertEquals(next.tokens.map((t) => t.math), [true]);
  // Blank under both catcode tables: the law's condition, and the reset holds.
  assertEquals(endState(["{\\catcode`\\$=10", "  "]).mode, Mode.Text);
});

Deno.test("\\begin{document} is a recovery point unless document is made a math environment (law document_resets)", () => {
  assertEquals(endState(["$x {", "\\begin{document}"]).mode, Mode.Text);
  let state = initialState({ mathEnvironments: ["document"] });
  for (const line of ["\\begin{document}", "x"]) {
    state = lexLine(line, state, { mathEnvironments: ["document"] }).endState;
  }
  assertEquals(state.mode, Mode.EnvMath);
});
