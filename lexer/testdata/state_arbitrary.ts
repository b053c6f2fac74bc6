/**
 * A fast-check arbitrary for lexer states, shared by the codec's property tests and the Coq
 * conformance test (which needs small numbers: Coq computes with unary naturals).
 *
 * @module
 */

import fc from "fast-check";
import { MODE_COUNT } from "../mode.ts";
import type { LexState } from "../state.ts";

/** Bounds of the generated states. */
export interface StateBounds {
  /** Strings (environment names) to draw from. */
  name: fc.Arbitrary<string>;
  /** The largest `argBits`. */
  maxArgBits: number;
  /** The longest lists (frames, catcodes, environments). */
  maxList: number;
}

/**
 * Makes an arbitrary of well-formed lexer states.
 *
 * @param bounds Bounds of the values.
 * @returns The arbitrary.
 */
export function stateArbitrary(bounds: StateBounds): fc.Arbitrary<LexState> {
  const { name, maxArgBits, maxList } = bounds;
  const mode = fc.nat({ max: MODE_COUNT - 1 });
  return fc.record({
    mode,
    env: name,
    depth: fc.nat({ max: 255 }),
    argBits: fc.nat({ max: maxArgBits }),
    afterArg: fc.boolean(),
    frames: fc.array(fc.record({ mode, env: name, depth: fc.nat({ max: 255 }) }), {
      maxLength: maxList,
    }),
    catcodes: fc.array(fc.record({ char: fc.nat({ max: 127 }), cat: fc.nat({ max: 15 }) }), {
      maxLength: maxList,
    }),
    verbatimEnvs: fc.array(name, { maxLength: maxList }),
    defName: name,
    defDepth: fc.nat({ max: 255 }),
    defStage: fc.nat({ max: 1 }),
    bodyPend: fc.nat({ max: 31 }),
    bodyDepth: fc.nat({ max: 255 }),
    shortVerb: fc.uniqueArray(fc.nat({ max: 127 }), { maxLength: maxList }).chain((chars) =>
      fc.tuple(...chars.sort((a, b) => a - b).map((c) => fc.tuple(fc.constant(c), fc.nat(15))))
        .map((pairs) => pairs.map(([c, k]) => String.fromCharCode(c, k)).join(""))
    ),
    saved: fc.array(
      fc.record({
        kind: fc.nat({ max: 2 }),
        level: fc.nat({ max: 255 }),
        pairs: fc.array(fc.tuple(fc.nat({ max: 127 }), fc.nat({ max: 15 })), {
          maxLength: maxList,
        }),
      }),
      { maxLength: maxList },
    ).map((frames) =>
      frames.sort((a, b) => a.level - b.level).map((f) =>
        String.fromCharCode(f.kind, f.level, f.pairs.length, ...f.pairs.flat())
      ).join("")
    ),
    verbOpts: fc.boolean(),
    macrocode: fc.boolean(),
  }) as fc.Arbitrary<LexState>;
}
