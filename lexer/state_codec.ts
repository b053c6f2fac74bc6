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
 * defName, defDepth, defStage, bodyPend, bodyDepth, shortVerb, saved, verbOpts (0|1),
 * macrocode (0|1)
 * ```
 *
 * @module
 */

import type { CatcodeChange, LexState, TextFrame } from "./state.ts";
import { MODE_COUNT } from "./mode.ts";
import type { Mode } from "./mode.ts";
import { FieldKind, STATE_FIELDS, stateProblem } from "./_state_record.ts";

function pushString(out: number[], s: string): void {
  out.push(s.length);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/**
 * Encodes a state as a list of non-negative integers.
 *
 * @param state The state to encode.
 * @returns Its encoding; equal states give equal lists, different states different lists.
 * @throws {TypeError} When `state` is not a lexer state.
 * @example Round trip
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodeState, encodeState } from "@latex-perfectionist/lexer";
 * import { INITIAL_STATE } from "@latex-perfectionist/lexer";
 * assertEquals(decodeState(encodeState(INITIAL_STATE)), INITIAL_STATE);
 * ```
 */
export function encodeState(state: LexState): number[] {
  const snapshot = stateSnapshot(state);
  if (typeof snapshot === "string") throw new TypeError(`Invalid state: ${snapshot}`);
  return encodeFields(snapshot);
}

/**
 * A checked copy of a state with each field read once, or what is wrong with it: a getter or a
 * proxy that answers one way to the check and another to the lexer cannot slip a malformed field
 * past the check (`list is not iterable` deep in the scanner).
 *
 * @param state The value.
 * @returns The copy (a frozen plain state), or the problem, worded for `Invalid state: …`.
 */
export function stateSnapshot(state: unknown): LexState | string {
  const problem = stateProblem(state);
  if (problem !== "") return problem;
  let data: number[];
  try {
    data = encodeFields(state as LexState);
  } catch {
    return "its fields changed while they were read";
  }
  const copy = decodeState(data);
  if (copy === undefined || stateProblem(copy) !== "") {
    return "its fields changed while they were read";
  }
  return copy;
}

function encodeFields(state: LexState): number[] {
  const out: number[] = [];
  for (const f of STATE_FIELDS) {
    const v = state[f.name];
    switch (f.kind) {
      case FieldKind.Mode:
      case FieldKind.Nat:
        out.push(v as number);
        break;
      case FieldKind.Bool:
        out.push(v ? 1 : 0);
        break;
      case FieldKind.Text:
        pushString(out, v as string);
        break;
      case FieldKind.Frames:
        out.push((v as readonly TextFrame[]).length);
        for (const fr of v as readonly TextFrame[]) {
          out.push(fr.mode);
          pushString(out, fr.env);
          out.push(fr.depth);
        }
        break;
      case FieldKind.Catcodes:
        out.push((v as readonly CatcodeChange[]).length);
        for (const c of v as readonly CatcodeChange[]) out.push(c.char, c.cat);
        break;
      case FieldKind.Names:
        out.push((v as readonly string[]).length);
        for (const name of v as readonly string[]) pushString(out, name);
        break;
    }
  }
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
    for (let i = 0; i < n && this.ok; i++) {
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

function readField(r: Reader, kind: FieldKind): unknown {
  switch (kind) {
    case FieldKind.Mode:
      return r.mode();
    case FieldKind.Nat:
      return r.nat();
    case FieldKind.Bool: {
      const bit = r.nat();
      if (bit > 1) r.ok = false;
      return bit === 1;
    }
    case FieldKind.Text:
      return r.string();
    case FieldKind.Frames: {
      const frames: TextFrame[] = [];
      for (let n = r.count(); n > 0 && r.ok; n--) {
        const mode = r.mode();
        const env = r.string();
        const depth = r.nat();
        frames.push(Object.freeze({ mode, env, depth }));
      }
      return Object.freeze(frames);
    }
    case FieldKind.Catcodes: {
      const catcodes: CatcodeChange[] = [];
      for (let n = r.count(); n > 0 && r.ok; n--) {
        const char = r.nat();
        const cat = r.nat();
        catcodes.push(Object.freeze({ char, cat }));
      }
      return Object.freeze(catcodes);
    }
    case FieldKind.Names: {
      const names: string[] = [];
      for (let n = r.count(); n > 0 && r.ok; n--) names.push(r.string());
      return Object.freeze(names);
    }
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
 * import { decodeState } from "@latex-perfectionist/lexer";
 * assertEquals(decodeState([99]), undefined);
 * ```
 */
export function decodeState(data: readonly number[]): LexState | undefined {
  if (!Array.isArray(data)) return undefined; // null, a number, an array-like: not an encoding
  const r = new Reader(data);
  const state: Record<string, unknown> = {};
  for (const f of STATE_FIELDS) state[f.name] = readField(r, f.kind);
  if (!r.ok || r.pos !== data.length) return undefined;
  return Object.freeze(state) as unknown as LexState;
}

/**
 * A string that identifies a state: equal keys exactly for equal states, across lexers.
 *
 * @param state The state.
 * @returns The comma-joined encoding.
 * @throws {TypeError} When `state` is not a lexer state.
 * @example Comparing states of two lexers
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stateKey } from "@latex-perfectionist/lexer";
 * import { INITIAL_STATE } from "@latex-perfectionist/lexer";
 * assertEquals(stateKey(INITIAL_STATE), "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
 * ```
 */
export function stateKey(state: LexState): string {
  return encodeState(state).join(",");
}
