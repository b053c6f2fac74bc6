import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { Mode } from "./mode.ts";
import { INITIAL_STATE, type LexState } from "./state.ts";
import { decodeState, encodeState, stateKey } from "./state_codec.ts";
import { StateTable } from "./_state_table.ts";
import {
  FieldKind,
  packCore,
  packRare,
  STATE_FIELDS,
  stateProblem,
  WorkState,
} from "./_state_record.ts";

/** A state with every field away from its initial value, so each can move either way. */
const BASE: LexState = Object.freeze({
  mode: Mode.EnvMath,
  env: "align",
  depth: 3,
  argBits: 0b101,
  afterArg: true,
  frames: Object.freeze([Object.freeze({ mode: Mode.InlineMath, env: "", depth: 1 })]),
  catcodes: Object.freeze([Object.freeze({ char: 0x40, cat: 11 })]),
  verbatimEnvs: Object.freeze(["code"]),
  defName: "myenv",
  defDepth: 2,
  defStage: 1,
  bodyPend: 9,
  bodyDepth: 2,
  shortVerb: "|\x0c",
  saved: "\x01\x00\x01@\x0c",
  verbOpts: true,
  macrocode: true,
});

/** `BASE` with one field changed to another valid value of its kind. */
function variant(name: keyof LexState, kind: FieldKind): LexState {
  const v = BASE[name];
  let next: unknown;
  switch (kind) {
    case FieldKind.Mode:
      next = Mode.Verbatim;
      break;
    case FieldKind.Nat:
      next = (v as number) === 0 ? 1 : (v as number) - 1;
      break;
    case FieldKind.Bool:
      next = !v;
      break;
    case FieldKind.Text:
      // A short-verbatim string holds sorted (character, catcode) pairs.
      next = (v as string) +
        (name === "shortVerb" ? "}\x0c" : name === "saved" ? "\x00\x01\x00" : "x");
      break;
    case FieldKind.Frames:
      next = Object.freeze([Object.freeze({ mode: Mode.InlineMath, env: "", depth: 2 })]);
      break;
    case FieldKind.Catcodes:
      next = Object.freeze([Object.freeze({ char: 0x40, cat: 12 })]);
      break;
    case FieldKind.Names:
      next = Object.freeze(["code", "more"]);
      break;
  }
  return Object.freeze({ ...BASE, [name]: next });
}

Deno.test("STATE_FIELDS lists exactly the fields of LexState, in INITIAL_STATE's order", () => {
  assertEquals(STATE_FIELDS.map((f) => f.name), Object.keys(INITIAL_STATE));
  assertEquals(Object.keys(new WorkState()), Object.keys(INITIAL_STATE));
  assertEquals(Object.keys(new WorkState().freeze()), Object.keys(INITIAL_STATE));
});

for (const field of STATE_FIELDS) {
  Deno.test(`state mirrors tell apart two states that differ only in ${field.name}`, () => {
    const a = BASE;
    const b = variant(field.name, field.kind);
    assertNotEquals(a[field.name], b[field.name]);
    assertEquals(stateProblem(b), "", "the variant is a valid state");
    // load + sameAs
    const w = new WorkState();
    w.load(a);
    assert(w.sameAs(a), "load then sameAs itself");
    assert(!w.sameAs(b), "sameAs sees the difference");
    // freeze
    assertEquals(w.freeze(), a);
    w.load(b);
    assertEquals(w.freeze(), b);
    assertNotEquals(w.freeze(), a);
    // intern key (by value: copies intern to the same id)
    const table = new StateTable();
    const ia = table.intern(a);
    const ib = table.intern(b);
    assertNotEquals(ia, ib);
    assertEquals(table.intern(structuredClone(a)), ia);
    assertEquals(table.intern(structuredClone(b)), ib);
    // codec and key
    assertNotEquals(encodeState(a), encodeState(b));
    assertNotEquals(stateKey(a), stateKey(b));
    assertEquals(decodeState(encodeState(b)), b);
    // the packed common or rare part, for the fields they hold
    if (field.kind !== FieldKind.Text && field.kind < FieldKind.Frames) {
      assert(packCore(a) !== packCore(b) || packRare(a) !== packRare(b));
    }
  });
}

Deno.test("packCore() keeps the largest values of every common field apart", () => {
  const max = { ...BASE, depth: 255, defDepth: 255, argBits: 2 ** 30 - 1, defStage: 1 };
  const fields = ["mode", "depth", "defDepth", "argBits", "defStage"] as const;
  for (const f of fields) {
    const other = { ...max, [f]: f === "mode" ? Mode.Text : 0 };
    assertNotEquals(packCore(max), packCore(other), f);
  }
  assert(Number.isSafeInteger(packCore(max)));
});

Deno.test("packRare() keeps the largest values of every rare field apart", () => {
  const max = { ...BASE, bodyPend: 31, bodyDepth: 255, verbOpts: true, macrocode: true };
  for (const f of ["bodyPend", "bodyDepth", "verbOpts", "macrocode"] as const) {
    const zero = f === "verbOpts" || f === "macrocode" ? false : 0;
    assertNotEquals(packRare(max), packRare({ ...max, [f]: zero }), f);
  }
  assert(Number.isSafeInteger(packRare(max)));
});

Deno.test("stateProblem() names the field that is out of range", () => {
  assertEquals(stateProblem(INITIAL_STATE), "");
  assertEquals(
    stateProblem({ ...INITIAL_STATE, depth: 256 }),
    "field depth is missing or out of range",
  );
  assertEquals(
    stateProblem({ ...INITIAL_STATE, mode: 7 }),
    "field mode is missing or out of range",
  );
  assertEquals(
    stateProblem({ ...INITIAL_STATE, catcodes: [{ char: 200, cat: 1 }] }),
    "field catcodes is missing or out of range",
  );
  assertEquals(stateProblem(null), "expected a lexer state, got null");
});
