/**
 * A lossless codec between {@linkcode LexState} records and flat lists of non-negative integers.
 *
 * The lexer interns states by their encoding, so comparing encodings is comparing states;
 * `proofs/Codec.v` mirrors this format and proves `decode (encode s) = Some s` and that
 * `encode` is injective.
 *
 * Layout (every string is its length followed by its UTF-16 code units; every list is its
 * length followed by its elements):
 *
 * ```text
 * mode, env, depth, argBits, afterArg (0|1),
 * frames:       n, n x (mode, env, depth)
 * catcodes:     n, n x (char, cat)
 * verbatimEnvs: n, n x string
 * defName, defDepth, defStage
 * ```
 *
 * @module
 */

import type { CatcodeChange, LexState, TextFrame } from "./state.ts";
import { MODE_COUNT } from "./mode.ts";
import type { Mode } from "./mode.ts";

function pushString(out: number[], s: string): void {
  out.push(s.length);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/**
 * Encodes a state as a list of non-negative integers.
 *
 * @param state The state to encode.
 * @returns Its encoding; equal states give equal lists, different states different lists.
 * @example Round trip
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodeState, encodeState } from "./state_codec.ts";
 * import { INITIAL_STATE } from "./state.ts";
 * assertEquals(decodeState(encodeState(INITIAL_STATE)), INITIAL_STATE);
 * ```
 */
export function encodeState(state: LexState): number[] {
  const out: number[] = [state.mode];
  pushString(out, state.env);
  out.push(state.depth, state.argBits, state.afterArg ? 1 : 0);
  out.push(state.frames.length);
  for (const f of state.frames) {
    out.push(f.mode);
    pushString(out, f.env);
    out.push(f.depth);
  }
  out.push(state.catcodes.length);
  for (const c of state.catcodes) out.push(c.char, c.cat);
  out.push(state.verbatimEnvs.length);
  for (const name of state.verbatimEnvs) pushString(out, name);
  pushString(out, state.defName);
  out.push(state.defDepth, state.defStage);
  return out;
}

/** A cursor over an encoding; `ok` turns false at the first malformed element. */
class Reader {
  pos = 0;
  ok = true;
  constructor(readonly data: readonly number[]) {}
  nat(): number {
    const v = this.data[this.pos++];
    if (v === undefined || !Number.isSafeInteger(v) || v < 0) {
      this.ok = false;
      return 0;
    }
    return v;
  }
  string(): string {
    const n = this.nat();
    if (!this.ok || n > this.data.length - this.pos) {
      this.ok = false;
      return "";
    }
    let s = "";
    for (let i = 0; i < n; i++) {
      const u = this.nat();
      if (u > 0xffff) this.ok = false;
      s += String.fromCharCode(u);
    }
    return s;
  }
  mode(): Mode {
    const m = this.nat();
    if (m >= MODE_COUNT) this.ok = false;
    return m as Mode;
  }
  count(): number {
    const n = this.nat();
    if (n > this.data.length - this.pos) this.ok = false;
    return this.ok ? n : 0;
  }
}

/**
 * Decodes a list made by {@linkcode encodeState}.
 *
 * @param data The encoding.
 * @returns The state, or `undefined` when `data` is not an encoding of one.
 * @example A malformed encoding
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodeState } from "./state_codec.ts";
 * assertEquals(decodeState([99]), undefined);
 * ```
 */
export function decodeState(data: readonly number[]): LexState | undefined {
  const r = new Reader(data);
  const mode = r.mode();
  const env = r.string();
  const depth = r.nat();
  const argBits = r.nat();
  const afterArgBit = r.nat();
  if (afterArgBit > 1) r.ok = false;
  const frames: TextFrame[] = [];
  for (let n = r.count(); n > 0 && r.ok; n--) {
    const fm = r.mode();
    const fe = r.string();
    const fd = r.nat();
    frames.push(Object.freeze({ mode: fm, env: fe, depth: fd }));
  }
  const catcodes: CatcodeChange[] = [];
  for (let n = r.count(); n > 0 && r.ok; n--) {
    const char = r.nat();
    const cat = r.nat();
    catcodes.push(Object.freeze({ char, cat }));
  }
  const verbatimEnvs: string[] = [];
  for (let n = r.count(); n > 0 && r.ok; n--) verbatimEnvs.push(r.string());
  const defName = r.string();
  const defDepth = r.nat();
  const defStage = r.nat();
  if (!r.ok || r.pos !== data.length) return undefined;
  return Object.freeze({
    mode,
    env,
    depth,
    argBits,
    afterArg: afterArgBit === 1,
    frames: Object.freeze(frames),
    catcodes: Object.freeze(catcodes),
    verbatimEnvs: Object.freeze(verbatimEnvs),
    defName,
    defDepth,
    defStage,
  });
}

/**
 * A string that identifies a state: equal keys exactly for equal states, across lexers.
 *
 * @param state The state.
 * @returns The comma-joined encoding.
 * @example Comparing states of two lexers
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stateKey } from "./state_codec.ts";
 * import { INITIAL_STATE } from "./state.ts";
 * assertEquals(stateKey(INITIAL_STATE), "0,0,0,0,0,0,0,0,0,0,0");
 * ```
 */
export function stateKey(state: LexState): string {
  return encodeState(state).join(",");
}
