import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { tokenize } from "./document_lexer.ts";
import { lexLine, sameState } from "./lex_line.ts";
import {
  decodeSaved,
  encodeSaved,
  firstAtLevel,
  FrameKind,
  isSavedString,
  MAX_SAVED_FRAMES,
  popFrom,
  saveChange,
  type SavedFrame,
  topLevel,
} from "./_group_catcodes.ts";
import { fcParams } from "./testdata/fc_params.ts";

function toks(text: string): string[] {
  return tokenize(text).map((t) => `${t.kind}:${t.text}${t.math ? "*" : ""}`);
}

Deno.test("saveChange() saves into the innermost group: a \\begingroup opened at this depth, else the brace group", () => {
  const frames: SavedFrame[] = [{ kind: FrameKind.Semi, level: 1, pairs: [] }];
  assert(saveChange(frames, { depth: 1, char: 0x40, oldCat: 12 }));
  assert(
    saveChange(frames, { depth: 1, char: 0x40, oldCat: 11 }),
    "a second change keeps the first value",
  );
  assertEquals(frames, [{ kind: FrameKind.Semi, level: 1, pairs: [0x40, 12] }]);
  assert(saveChange(frames, { depth: 2, char: 0x24, oldCat: 3 }));
  assertEquals(frames[1], { kind: FrameKind.Brace, level: 2, pairs: [0x24, 3] });
  assert(!saveChange([], { depth: 0, char: 0x24, oldCat: 3 }), "the top level saves nothing");
  assert(isSavedString(encodeSaved(frames)));
  assertEquals(decodeSaved(encodeSaved(frames)), frames);
  assertEquals(topLevel(encodeSaved(frames)), 2);
});

Deno.test("popFrom() restores innermost first, so the outermost saved value wins; expl3 frames restore nothing", () => {
  const frames: SavedFrame[] = [
    { kind: FrameKind.Brace, level: 1, pairs: [0x40, 12] },
    { kind: FrameKind.Expl, level: 1, pairs: [0x5f, 8] },
    { kind: FrameKind.Brace, level: 2, pairs: [0x40, 11] },
  ];
  assertEquals(firstAtLevel(frames, 2), 2);
  assertEquals(firstAtLevel(frames, 1), 0);
  assertEquals(popFrom(frames, 0), [0x40, 11, 0x40, 12]);
  assertEquals(frames, []);
});

Deno.test("isSavedString() rejects broken and unordered stacks", () => {
  assert(isSavedString(""));
  assert(!isSavedString("\x00\x01"), "incomplete frame");
  assert(!isSavedString("\x03\x00\x00"), "unknown kind");
  assert(!isSavedString("\x00\x02\x00\x00\x01\x00"), "levels decrease");
  assert(!isSavedString("\x00\x01\x01\x80\x0c"), "non-ASCII character");
  assert(!isSavedString("\x01\x00\x00".repeat(MAX_SAVED_FRAMES + 1)), "too many frames");
});

Deno.test("tokenize(): {\\catcode`\\$=12 $} is undone at the group's end", () => {
  assertEquals(toks("{\\catcode`\\$=12 $} $x$").slice(-5), [
    "end_group:}",
    "space: ",
    "math_shift:$*",
    "text:x*",
    "math_shift:$*",
  ]);
});

Deno.test("tokenize(): \\begingroup\\makeatletter ... \\endgroup, across a blank line", () => {
  const t = toks("\\begingroup\\makeatletter\n\n\\a@b\n\\endgroup \\a@b");
  assertEquals(t, [
    "control_word:\\begingroup",
    "control_word:\\makeatletter",
    "control_word:\\a@b",
    "control_word:\\endgroup",
    "space: ",
    "control_word:\\a",
    "text:@b",
  ]);
});

Deno.test("tokenize(): the paragraph rule: a blank line closes open brace groups and restores their catcodes", () => {
  assertEquals(toks("{\\makeatletter\n\n\\a@b}").slice(2), [
    "control_word:\\a",
    "text:@b",
    "end_group:}",
  ]);
});

Deno.test("tokenize(): \\ExplSyntaxOff restores the catcodes \\ExplSyntaxOn saved (here @ a letter)", () => {
  const t = toks("\\makeatletter\\ExplSyntaxOn \\a_b:n \\ExplSyntaxOff \\a_b \\a@b");
  assertEquals(t.slice(-6), [
    "space: ",
    "control_word:\\a",
    "subscript:_",
    "text:b",
    "space: ",
    "control_word:\\a@b",
  ]);
});

Deno.test("tokenize(): \\ExplSyntaxOn inside a group ends with the group; without a saved frame \\ExplSyntaxOff restores LaTeX's", () => {
  assertEquals(toks("x {\\ExplSyntaxOn \\a_b} \\a_b").slice(-3), [
    "control_word:\\a",
    "subscript:_",
    "text:b",
  ]);
  const off = lexLine("\\ExplSyntaxOff x", lexLine("", undefined, { explSyntax: true }).endState);
  assert(sameState(off.endState, lexLine("x").endState));
});

const fragment = fc.constantFrom(
  "a",
  " ",
  "\\makeatletter ",
  "\\makeatother ",
  "\\catcode`\\$=12 ",
  "\\catcode`\\@=11 ",
  "\\catcode`\\|=13 ",
  "\\ExplSyntaxOn ",
  "\\ExplSyntaxOff ",
  "\\begingroup ",
  "\\endgroup ",
  "\\a@b",
);
const body: fc.Arbitrary<string> = fc.letrec<{ body: string }>((tie) => ({
  body: fc.array(
    fc.oneof({ depthSize: "small" }, { weight: 5, arbitrary: fragment }, {
      weight: 1,
      arbitrary: tie("body").map((b) => ` {${b}}`),
    }),
    { maxLength: 8 },
  ).map((parts) => parts.join("")),
})).body;
const outside = fc.constantFrom(
  "",
  "\\makeatletter ",
  "\\ExplSyntaxOn ",
  "\\begingroup\\makeatletter ",
);

Deno.test("lexLine(): a brace group's catcode changes are undone at its end (property)", () => {
  fc.assert(
    fc.property(outside, body, (pre, b) => {
      const start = lexLine(pre).endState;
      const full = lexLine(`x {${b}} y`, start);
      assert(sameState(full.endState, lexLine("x {} y", start).endState), `x {${b}} y`);
    }),
    fcParams(300),
  );
});

Deno.test("lexLine(): the paragraph rule: a blank line after unclosed groups restores the catcodes in force outside them (property)", () => {
  fc.assert(
    fc.property(outside, body, fc.nat({ max: 3 }), (pre, b, extra) => {
      const start = lexLine(pre).endState;
      const open = lexLine(`x {${b}${" {".repeat(extra)}`, start).endState;
      assert(sameState(lexLine("", open).endState, lexLine("", start).endState));
    }),
    fcParams(300),
  );
});
