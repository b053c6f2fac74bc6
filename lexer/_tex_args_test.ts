import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { LATEX_CATCODES } from "./catcodes.ts";
import { LOOK_AHEAD } from "./_tunables.ts";
import {
  BracketEnds,
  catcodeAssignment,
  definedName,
  hatChar,
  mintedName,
  simpleGroupEnd,
  stoppedAt,
} from "./_tex_args.ts";
import { fcParams } from "./testdata/fc_params.ts";

/** The plain scan the lexer used before: the `]` closing the `[` at `p`, or -1. */
function naiveBracketEnd(t: string, p: number): number {
  if (p >= t.length || t[p] !== "[") return -1;
  let depth = 0;
  for (let q = p + 1; q < t.length; q++) {
    if (t[q] === "{") depth++;
    else if (t[q] === "}") depth--;
    else if (t[q] === "]" && depth <= 0) return q;
  }
  return -1;
}

const bracketText = fc.array(fc.constantFrom("[", "]", "{", "}", "a", " "), { maxLength: 60 })
  .map((a) => a.join(""));

Deno.test("BracketEnds.end() equals the plain scan at every position, before and after it indexes the line", () => {
  fc.assert(
    fc.property(bracketText, fc.nat({ max: 3 }), (core, pad) => {
      // Padding pushes some closers past the scan budget, so the index answers them.
      const t = core + "a".repeat(pad * LOOK_AHEAD.BRACKET_SCAN) + core;
      const ends = new BracketEnds();
      ends.reset(t);
      for (let p = 0; p < t.length; p++) {
        const r = ends.end(p);
        const expected = naiveBracketEnd(t, p);
        assertEquals(r >= 0 ? r : -1, expected, `at ${p} of ${JSON.stringify(t)}`);
        if (r < 0 && t[p] === "[") assertEquals(stoppedAt(r), t.length);
      }
    }),
    fcParams(300),
  );
});

Deno.test("hatChar() decodes ^^ notation and rejects what is not one", () => {
  assertEquals(hatChar("^^?", 0), 0x7f + 3 * 256);
  assertEquals(hatChar("^^41", 0), 0x41 + 4 * 256);
  assertEquals(hatChar("^^4", 0), 0x74 + 3 * 256);
  assertEquals(hatChar("^^", 0), -1);
  assertEquals(hatChar("^_x", 0), -1);
});

Deno.test("simpleGroupEnd() stops at braces, escapes and comments", () => {
  assertEquals(simpleGroupEnd("{ab}", 0, LATEX_CATCODES), 3);
  assertEquals(stoppedAt(simpleGroupEnd("{a%b}", 0, LATEX_CATCODES)), 2);
  assertEquals(stoppedAt(simpleGroupEnd("{a{b}", 0, LATEX_CATCODES)), 2);
  assertEquals(stoppedAt(simpleGroupEnd("x", 0, LATEX_CATCODES)), 0);
  assertEquals(stoppedAt(simpleGroupEnd("{ab", 0, LATEX_CATCODES)), 3);
});

Deno.test("catcodeAssignment() reads the literal forms and ignores computed ones", () => {
  const at = (s: string) => {
    const a = catcodeAssignment(s, 0, LATEX_CATCODES);
    return [a.char, a.value, a.end];
  };
  assertEquals(at("`\\@=11"), [0x40, 11, 6]);
  assertEquals(at(" 64 = 12 "), [64, 12, 8]);
  assertEquals(at('"7C=13'), [0x7c, 13, 6]);
  assertEquals(at("'174\\active"), [0o174, 13, 11]);
  assertEquals(at("`^^M=5"), [0x0d, 5, 6]);
  assertEquals(at("\\count0=1")[0], -1);
  assertEquals(at("`a=16")[0], -1);
  assertEquals(at("999999999=1")[0], -1);
});

Deno.test("definedName() and mintedName() find the defined environment", () => {
  const ends = new BracketEnds();
  const name = (f: typeof definedName, s: string) => {
    ends.reset(s);
    return f(s, 0, LATEX_CATCODES, ends).name;
  };
  assertEquals(name(definedName, "*[opt]{code}{Verbatim}"), "code");
  assertEquals(name(definedName, " {lst}"), "lst");
  assertEquals(name(definedName, "[x"), "");
  assertEquals(name(mintedName, "{python}{}"), "pythoncode");
  assertEquals(name(mintedName, "[py]{python}{}"), "py");
  assertEquals(name(mintedName, "[]{python}"), "");
});
