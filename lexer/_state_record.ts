/**
 * The one module that knows the fields of {@linkcode LexState}: their order (the codec's and
 * `proofs/Codec.v`'s), their kinds, and the code that loads, compares, freezes and keys them.
 * Adding a field means adding it here, to `state.ts`'s interface and to `INITIAL_STATE`; the
 * test beside this file builds, for every field, two states that differ only there and requires
 * every mirror (load, equals, freeze, intern hash and comparison, codec) to tell them apart.
 *
 * Representation. A state has a common part that changes on almost every line, packed into one
 * integer ({@linkcode packCore}: mode, depth, the pending-argument flag, the pending definition's
 * depth and stage; plus the 30 argument bits above them, 51 bits in all, exact in a double), and
 * rare parts: two strings (the environment, the pending definition's name) and three short lists
 * (text frames, catcode changes, defined verbatim environments). A state table interns the lists
 * by value (`_state_table.ts`), so inside one table equal lists are the same array and a whole
 * state compares in O(1).
 *
 * @module
 */

import { Mode } from "./mode.ts";
import { describeValue } from "./_validate.ts";
import { BODY_PEND_MAX } from "./_definitions.ts";
import { isShortVerbString } from "./_short_verb.ts";
import { isSavedString } from "./_group_catcodes.ts";
import { ARG_BITS, type CatcodeChange, type LexState, MAX_DEPTH, type TextFrame } from "./state.ts";

/** What a field holds; the codec and the tests work field by field from it. */
export const FieldKind = {
  /** A {@linkcode Mode}. */
  Mode: 0,
  /** A natural number. */
  Nat: 1,
  /** A boolean, encoded 0 or 1. */
  Bool: 2,
  /** A string. */
  Text: 3,
  /** A list of {@linkcode TextFrame}s. */
  Frames: 4,
  /** A list of {@linkcode CatcodeChange}s. */
  Catcodes: 5,
  /** A list of strings. */
  Names: 6,
} as const;

/** One of the values of {@linkcode FieldKind}. */
export type FieldKind = typeof FieldKind[keyof typeof FieldKind];

/** A field of the state record. */
export interface FieldSpec {
  /** Its name in {@linkcode LexState}. */
  readonly name: keyof LexState;
  /** What it holds. */
  readonly kind: FieldKind;
}

/** The fields, in the order of the codec and of the Coq record. */
export const STATE_FIELDS: readonly FieldSpec[] = Object.freeze([
  { name: "mode", kind: FieldKind.Mode },
  { name: "env", kind: FieldKind.Text },
  { name: "depth", kind: FieldKind.Nat },
  { name: "argBits", kind: FieldKind.Nat },
  { name: "afterArg", kind: FieldKind.Bool },
  { name: "frames", kind: FieldKind.Frames },
  { name: "catcodes", kind: FieldKind.Catcodes },
  { name: "verbatimEnvs", kind: FieldKind.Names },
  { name: "defName", kind: FieldKind.Text },
  { name: "defDepth", kind: FieldKind.Nat },
  { name: "defStage", kind: FieldKind.Nat },
  { name: "bodyPend", kind: FieldKind.Nat },
  { name: "bodyDepth", kind: FieldKind.Nat },
  { name: "shortVerb", kind: FieldKind.Text },
  { name: "saved", kind: FieldKind.Text },
  { name: "verbOpts", kind: FieldKind.Bool },
  { name: "macrocode", kind: FieldKind.Bool },
]);

/** The empty list every state without frames, catcode changes or definitions shares. */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

// The common part's bit layout (argBits sits above, from bit CORE_BITS):
//
//  20          13  12  11  10          3  2    0
// +--------------+---+---+--------------+------+
// |   defDepth   | s | a |    depth     | mode |
// +--------------+---+---+--------------+------+
//
// s: defStage, a: afterArg. depth and defDepth are at most MAX_DEPTH (8 bits).
const DEPTH_SHIFT = 3;
const AFTER_ARG_BIT = 1 << 11;
const DEF_STAGE_SHIFT = 12;
const DEF_DEPTH_SHIFT = 13;
/** Bits of the common part below the argument bits. */
export const CORE_BITS = 21;
const ARG_SCALE = 2 ** CORE_BITS;

/**
 * The common part of a state as one integer: equal for two states exactly when their mode,
 * depth, argument bits, pending-argument flag and pending definition's depth and stage are.
 *
 * @param s A well-formed state (see {@linkcode stateProblem}).
 * @returns A safe integer below `2 ** 51`.
 */
export function packCore(s: LexState): number {
  return (s.mode | (s.depth << DEPTH_SHIFT) | (s.afterArg ? AFTER_ARG_BIT : 0) |
    (s.defStage << DEF_STAGE_SHIFT) | (s.defDepth << DEF_DEPTH_SHIFT)) + s.argBits * ARG_SCALE;
}

// The rare numeric part's bit layout:
//
//  14   13   12        5  4        0
// +---+----+-----------+----------+
// | c | v  | bodyDepth | bodyPend |
// +---+----+-----------+----------+
//
// v: verbOpts, c: macrocode.
const BODY_DEPTH_SHIFT = 5;
const VERB_OPTS_BIT = 1 << 13;
const MACROCODE_BIT = 1 << 14;

/**
 * The rarely changing numeric fields as one integer: equal for two states exactly when their
 * pending definition body (`bodyPend`, `bodyDepth`), `verbOpts` and `macrocode` are.
 *
 * @param s A well-formed state (see {@linkcode stateProblem}).
 * @returns A safe integer.
 */
export function packRare(s: LexState): number {
  return s.bodyPend | (s.bodyDepth << BODY_DEPTH_SHIFT) | (s.verbOpts ? VERB_OPTS_BIT : 0) |
    (s.macrocode ? MACROCODE_BIT : 0);
}

/**
 * What makes a value not a state this lexer can produce, or `""` when it is one.
 *
 * @param s The value.
 * @returns A message naming the field, or `""`.
 */
export function stateProblem(s: unknown): string {
  if (s === null || typeof s !== "object") return `expected a lexer state, got ${describeValue(s)}`;
  const r = s as Record<string, unknown>;
  const nat = (v: unknown, max: number) =>
    typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;
  for (const f of STATE_FIELDS) {
    const v = r[f.name];
    let ok: boolean;
    switch (f.kind) {
      case FieldKind.Mode:
        ok = nat(v, Mode.Verbatim);
        break;
      case FieldKind.Nat:
        ok = nat(
          v,
          f.name === "argBits"
            ? 2 ** ARG_BITS - 1
            : f.name === "defStage"
            ? 1
            : f.name === "bodyPend"
            ? BODY_PEND_MAX
            : MAX_DEPTH,
        );
        break;
      case FieldKind.Bool:
        ok = typeof v === "boolean";
        break;
      case FieldKind.Text:
        ok = typeof v === "string" &&
          (f.name === "shortVerb"
            ? isShortVerbString(v)
            : f.name === "saved"
            ? isSavedString(v)
            : true);
        break;
      case FieldKind.Frames:
        ok = Array.isArray(v) &&
          v.every((x: TextFrame) =>
            x !== null && typeof x === "object" && nat(x.mode, Mode.Verbatim) &&
            typeof x.env === "string" && nat(x.depth, MAX_DEPTH)
          );
        break;
      case FieldKind.Catcodes:
        ok = Array.isArray(v) &&
          v.every((x: CatcodeChange) =>
            x !== null && typeof x === "object" && nat(x.char, 127) && nat(x.cat, 15)
          );
        break;
      case FieldKind.Names:
        ok = Array.isArray(v) && v.every((x) => typeof x === "string");
        break;
    }
    if (!ok) return `field ${f.name} is missing or out of range`;
  }
  return "";
}

/**
 * The lexer's working copy of a state: mutable while a line is scanned, loaded from and frozen
 * into {@linkcode LexState} records.
 */
export class WorkState {
  /** See {@linkcode LexState.mode}. */
  mode: Mode = Mode.Text;
  /** See {@linkcode LexState.env}. */
  env = "";
  /** See {@linkcode LexState.depth}. */
  depth = 0;
  /** See {@linkcode LexState.argBits}. */
  argBits = 0;
  /** See {@linkcode LexState.afterArg}. */
  afterArg = false;
  /** See {@linkcode LexState.frames}. */
  frames: readonly TextFrame[] = EMPTY_LIST;
  /** See {@linkcode LexState.catcodes}. */
  catcodes: readonly CatcodeChange[] = EMPTY_LIST;
  /** See {@linkcode LexState.verbatimEnvs}. */
  verbatimEnvs: readonly string[] = EMPTY_LIST;
  /** See {@linkcode LexState.defName}. */
  defName = "";
  /** See {@linkcode LexState.defDepth}. */
  defDepth = 0;
  /** See {@linkcode LexState.defStage}. */
  defStage = 0;
  /** See {@linkcode LexState.bodyPend}. */
  bodyPend = 0;
  /** See {@linkcode LexState.bodyDepth}. */
  bodyDepth = 0;
  /** See {@linkcode LexState.shortVerb}. */
  shortVerb = "";
  /** See {@linkcode LexState.saved}. */
  saved = "";
  /** See {@linkcode LexState.verbOpts}. */
  verbOpts = false;
  /** See {@linkcode LexState.macrocode}. */
  macrocode = false;

  /**
   * Copies a state in.
   *
   * @param s The state.
   */
  load(s: LexState): void {
    this.mode = s.mode;
    this.env = s.env;
    this.depth = s.depth;
    this.argBits = s.argBits;
    this.afterArg = s.afterArg;
    this.frames = s.frames;
    this.catcodes = s.catcodes;
    this.verbatimEnvs = s.verbatimEnvs;
    this.defName = s.defName;
    this.defDepth = s.defDepth;
    this.defStage = s.defStage;
    this.bodyPend = s.bodyPend;
    this.bodyDepth = s.bodyDepth;
    this.shortVerb = s.shortVerb;
    this.saved = s.saved;
    this.verbOpts = s.verbOpts;
    this.macrocode = s.macrocode;
  }

  /**
   * Whether the working state is `s`, lists compared by identity: never true for different
   * states; false for equal ones only when a list is an equal copy (then interning by value
   * finds the state).
   *
   * @param s The state.
   * @returns Whether they are the same.
   */
  sameAs(s: LexState): boolean {
    return this.mode === s.mode && this.depth === s.depth && this.argBits === s.argBits &&
      this.afterArg === s.afterArg && this.env === s.env && this.frames === s.frames &&
      this.catcodes === s.catcodes && this.verbatimEnvs === s.verbatimEnvs &&
      this.defName === s.defName && this.defDepth === s.defDepth && this.defStage === s.defStage &&
      this.bodyPend === s.bodyPend && this.bodyDepth === s.bodyDepth &&
      this.shortVerb === s.shortVerb && this.saved === s.saved && this.verbOpts === s.verbOpts &&
      this.macrocode === s.macrocode;
  }

  /**
   * The working state as an immutable record.
   *
   * @returns A frozen state.
   */
  freeze(): LexState {
    return Object.freeze({
      mode: this.mode,
      env: this.env,
      depth: this.depth,
      argBits: this.argBits,
      afterArg: this.afterArg,
      frames: this.frames,
      catcodes: this.catcodes,
      verbatimEnvs: this.verbatimEnvs,
      defName: this.defName,
      defDepth: this.defDepth,
      defStage: this.defStage,
      bodyPend: this.bodyPend,
      bodyDepth: this.bodyDepth,
      shortVerb: this.shortVerb,
      saved: this.saved,
      verbOpts: this.verbOpts,
      macrocode: this.macrocode,
    });
  }
}

/**
 * The content key of a list field, by value: equal exactly for equal lists of the same kind.
 *
 * @param kind The field's kind ({@linkcode FieldKind.Frames}, `Catcodes` or `Names`).
 * @param list The list.
 * @returns The key.
 */
export function listKey(kind: FieldKind, list: readonly unknown[]): string {
  // A prefix-free code, about twice as fast as `JSON.stringify` on these small lists: the kind,
  // then per element fixed-width numbers and length-prefixed strings, one code unit per number
  // (modes, depths, characters and catcodes are all below 65,536).
  let key = String.fromCharCode(kind);
  switch (kind) {
    case FieldKind.Frames:
      for (const f of list as readonly TextFrame[]) {
        key += String.fromCharCode(f.mode, f.depth, f.env.length & 0xffff, f.env.length >>> 16) +
          f.env;
      }
      break;
    case FieldKind.Catcodes:
      for (const c of list as readonly CatcodeChange[]) key += String.fromCharCode(c.char, c.cat);
      break;
    default:
      for (const n of list as readonly string[]) {
        key += String.fromCharCode(n.length & 0xffff, n.length >>> 16) + n;
      }
  }
  return key;
}

/** The ids a state table gave a state's three lists. */
export interface ListIds {
  /** The id of the frames. */
  readonly frames: number;
  /** The id of the catcode changes. */
  readonly catcodes: number;
  /** The id of the defined verbatim environments. */
  readonly verbatimEnvs: number;
}

/**
 * The intern hash of a state given the ids its table gave its three lists: equal for equal
 * states of one table; a table tells the states of one hash apart with the list ids and
 * {@linkcode sameScalars}. Numbers, not a string key: building and hashing a key string for
 * every new line end cost about a tenth of the fuzzer's time.
 *
 * @param s The state.
 * @param lists The ids of its lists.
 * @returns A 32-bit integer.
 */
export function internHash(s: LexState, lists: ListIds): number {
  const core = packCore(s);
  let h = mix(0x811c9dc5, core >>> 0);
  h = mix(h, (core / 2 ** 32) >>> 0);
  h = mix(h, packRare(s));
  h = mix(h, lists.frames);
  h = mix(h, lists.catcodes);
  h = mix(h, lists.verbatimEnvs);
  h = mix(h, textHash(s.env));
  h = mix(h, textHash(s.shortVerb));
  h = mix(h, textHash(s.saved));
  return mix(h, textHash(s.defName));
}

function mix(h: number, v: number): number {
  return Math.imul(h ^ v, 0x01000193);
}

/** The length and the first and last characters: enough to spread the few names a table holds. */
function textHash(t: string): number {
  const n = t.length;
  return n === 0 ? 0 : (n << 16) ^ (t.charCodeAt(0) << 8) ^ t.charCodeAt(n - 1);
}

/**
 * Whether two states agree in every field but the three lists.
 *
 * @param a A state.
 * @param b Another.
 * @returns Whether their common part, rare numbers and strings are equal.
 */
export function sameScalars(a: LexState, b: LexState): boolean {
  return packCore(a) === packCore(b) && packRare(a) === packRare(b) && a.env === b.env &&
    a.shortVerb === b.shortVerb && a.saved === b.saved && a.defName === b.defName;
}

const scratch = new WorkState();

/**
 * The state with its three lists replaced (by equal, canonical ones), as a frozen record of
 * exactly the state's fields.
 *
 * @param s The state.
 * @param lists The canonical frames, catcodes and verbatim environments.
 * @returns A frozen state equal to `s`.
 */
export function withLists(
  s: LexState,
  lists: {
    frames: readonly TextFrame[];
    catcodes: readonly CatcodeChange[];
    verbatimEnvs: readonly string[];
  },
): LexState {
  scratch.load(s);
  scratch.frames = lists.frames;
  scratch.catcodes = lists.catcodes;
  scratch.verbatimEnvs = lists.verbatimEnvs;
  return scratch.freeze();
}
