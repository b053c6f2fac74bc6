// The paragraph rule with deeper groups open, as `proofs/LawReset.v` proves it
// (`reset_closes_groups`): a reset (a blank line, `\section`) leaves the catcodes and the saved
// catcode frames that closing every open group with its own `}` would leave, innermost first.
import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { initialState, lexLine } from "./lex_line.ts";
import type { LexState } from "./state.ts";

/** Pieces that open and close groups and change catcodes, never those of `{`, `}` or `\`. */
const PIECES = [
  "{",
  "{",
  "}",
  "\\begingroup",
  "\\endgroup",
  "\\makeatletter",
  "\\makeatother",
  "\\ExplSyntaxOn",
  "\\ExplSyntaxOff",
  "x",
  " ",
  "$",
  ...["@", ":", "!", "~", "?"].flatMap((c) => [11, 12, 13].map((k) => `\\catcode\`\\${c}=${k} `)),
];

const documentLines = fc.array(
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((ps) => ps.join("")),
  { minLength: 1, maxLength: 8 },
);

function endState(lines: readonly string[]): LexState {
  let state = initialState();
  for (const line of lines) state = lexLine(line, state).endState;
  return state;
}

function catcodesAndSaved(s: LexState) {
  return { catcodes: s.catcodes, saved: s.saved };
}

Deno.test("a reset restores the catcodes as closing every open group one by one (law reset_closes_groups)", () => {
  let deepCases = 0;
  fc.assert(
    fc.property(documentLines, (lines) => {
      const s = endState(lines);
      // Only lines with text on them: none of them is blank, so no reset came before.
      const closed = lexLine("}".repeat(s.depth), s).endState;
      assertEquals(closed.depth, 0);
      for (const reset of ["", "  ", "\\section"]) {
        assertEquals(catcodesAndSaved(lexLine(reset, s).endState), catcodesAndSaved(closed), reset);
      }
      if (s.depth >= 2 && JSON.stringify(closed.catcodes) !== JSON.stringify(s.catcodes)) {
        deepCases++;
      }
    }),
    { numRuns: 2000, seed: 15 },
  );
  // The property is not vacuous: many cases had nested groups with saved catcodes to restore.
  assert(deepCases > 200, `only ${deepCases} cases with nested saved catcodes`);
});

Deno.test("the restore order matters: the outermost saved catcode wins", () => {
  // `@` is 12 outside, 11 in the first group, 13 in the second: closing both, innermost first,
  // gives 12 back; a reset must too (restoring outermost first would leave 11).
  const s = endState(["{\\catcode`\\@=11 {\\catcode`\\@=13 x"]);
  assertEquals(s.depth, 2);
  const closed = lexLine("}}", s).endState;
  const reset = lexLine("", s).endState;
  assertEquals(catcodesAndSaved(reset), catcodesAndSaved(closed));
  assertEquals(reset.catcodes.find((c) => c.char === 0x40)?.cat ?? 12, 12);
  assertEquals(
    lexLine("@", reset).tokens.map((t) => t.kind),
    lexLine("@").tokens.map((t) => t.kind),
  );
});
