import { assert, assertEquals, assertNotEquals } from "@std/assert";
import fc from "fast-check";
import { decodeState, encodeState, stateKey } from "./state_codec.ts";
import { fcParams } from "./testdata/fc_params.ts";
import { lexDocument } from "./document_lexer.ts";
import { latexDocument } from "./testdata/latex_arbitrary.ts";
import { stateArbitrary } from "./testdata/state_arbitrary.ts";

const state = stateArbitrary({
  name: fc.string({ maxLength: 6, unit: "binary" }),
  maxArgBits: 2 ** 30 - 1,
  maxList: 4,
});

Deno.test("decodeState() inverts encodeState() for any state", () => {
  fc.assert(
    fc.property(state, (s) => {
      assertEquals(decodeState(encodeState(s)), s);
    }),
    fcParams(1000),
  );
});

Deno.test("stateKey() is injective: different states have different keys", () => {
  fc.assert(
    fc.property(state, state, (a, b) => {
      const same = JSON.stringify(a) === JSON.stringify(b);
      assertEquals(stateKey(a) === stateKey(b), same);
    }),
    fcParams(1000),
  );
});

Deno.test("decodeState() rejects malformed encodings", () => {
  const good = encodeState(lexDocument("\\begin{align}\n").finalState);
  assert(decodeState(good) !== undefined);
  assertEquals(decodeState([]), undefined);
  assertEquals(decodeState([...good, 0]), undefined, "trailing data");
  assertEquals(decodeState(good.slice(0, -1)), undefined, "truncated");
  assertEquals(decodeState([9, ...good.slice(1)]), undefined, "mode out of range");
  assertEquals(decodeState([0, 1, 0x10000, ...good.slice(2)]), undefined, "code unit too big");
  assertEquals(decodeState([0, 99]), undefined, "length past the end");
  assertEquals(decodeState([0, -1]), undefined, "negative");
});

Deno.test("encodeState() round-trips the states real documents reach", () => {
  fc.assert(
    fc.property(latexDocument, (text) => {
      const doc = lexDocument(text);
      for (let i = 0; i < doc.lineCount; i++) {
        const s = doc.lineState(i);
        assertEquals(decodeState(encodeState(s)), s);
      }
      assertNotEquals(stateKey(doc.finalState), "");
    }),
    fcParams(200),
  );
});
