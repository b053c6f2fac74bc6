import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { fcParams } from "./testdata/fc_params.ts";
import {
  K,
  KIND_MASK,
  LENGTH_SHIFT,
  MATH_BIT,
  MAX_TOKEN_LENGTH,
  packToken,
  TOKEN_KINDS,
  TokenKind,
  tokenKindCode,
  tokenLength,
  tokenMath,
} from "./token_kind.ts";

Deno.test("packToken() round-trips kind, length and math flag up to the largest length", () => {
  fc.assert(
    fc.property(
      fc.nat({ max: TOKEN_KINDS.length - 1 }),
      fc.oneof(fc.nat({ max: 1000 }), fc.constant(MAX_TOKEN_LENGTH)),
      fc.boolean(),
      (kind, length, math) => {
        const w = packToken(kind, length, math);
        assertEquals(new Uint32Array([w])[0], w, "fits in a uint32");
        assertEquals([tokenKindCode(w), tokenLength(w), tokenMath(w)], [kind, length, math]);
      },
    ),
    fcParams(500),
  );
});

Deno.test("token_kind.ts: the bit layout drawn in its docs holds", () => {
  assertEquals(KIND_MASK, 0b11111);
  assertEquals(MATH_BIT, 1 << 5);
  assertEquals(LENGTH_SHIFT, 6);
  assertEquals(MAX_TOKEN_LENGTH, 2 ** 26 - 1);
  assertEquals(TOKEN_KINDS.length, 17, "five bits hold every kind, DocTeX's doc_prefix included");
  assert(TOKEN_KINDS.length <= KIND_MASK + 1);
  assertEquals(TOKEN_KINDS[K.Verbatim], TokenKind.Verbatim);
  for (const [name, code] of Object.entries(K)) {
    assertEquals(TOKEN_KINDS[code], TokenKind[name as keyof typeof TokenKind]);
  }
});
