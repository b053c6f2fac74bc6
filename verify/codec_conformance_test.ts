// The Coq model and the TypeScript code share the codec's layout: Coq's `encode` computes the
// same integer lists as `encodeState`, and Coq's `decode` accepts and rejects the same lists as
// `decodeState`. The proofs are about the Coq functions; this test ties them to the code.
import { assertEquals } from "@std/assert";
import { join } from "@std/path";
import fc from "fast-check";
import { Mode, MODE_COUNT } from "../lexer/mode.ts";
import type { LexState } from "../lexer/state.ts";
import { decodeState, encodeState } from "../lexer/state_codec.ts";
import { stateArbitrary } from "../lexer/testdata/state_arbitrary.ts";
import { runCommand } from "./run_command.ts";
import { COQ_MISSING } from "./testdata/coq_available.ts";

const ROOT = new URL("../", import.meta.url);
const SEED = 20261127;

/** Coq constructor names by mode value, taken from `Mode` so that both lists must agree. */
const MODE_NAMES: string[] = Object.entries(Mode).sort((a, b) => a[1] - b[1]).map((e) => e[0]);

// Coq computes with unary naturals: random values stay small; the fixed edge state and the
// broken variants reach the code unit bound.
const codeUnit = fc.nat({ max: 0x3ff }).map((u) => String.fromCharCode(u));
const name = fc.string({ maxLength: 5, unit: codeUnit });
const state = stateArbitrary({ name, maxArgBits: 4095, maxList: 3 });

const units = (s: string) => `[${Array.from(s, (_, i) => s.charCodeAt(i)).join("; ")}]`;
const list = (items: string[]) => `[${items.join("; ")}]`;

function coqState(s: LexState): string {
  const frames = s.frames.map((f) =>
    `{| fr_mode := ${MODE_NAMES[f.mode]}; fr_env := ${units(f.env)}; fr_depth := ${f.depth} |}`
  );
  const catcodes = s.catcodes.map((c) => `{| cc_char := ${c.char}; cc_cat := ${c.cat} |}`);
  return `{| s_mode := ${MODE_NAMES[s.mode]}; s_env := ${units(s.env)}; ` +
    `s_depth := ${s.depth}; s_argBits := ${s.argBits}; s_afterArg := ${s.afterArg}; ` +
    `s_frames := ${list(frames)}; s_catcodes := ${list(catcodes)}; ` +
    `s_verbatimEnvs := ${list(s.verbatimEnvs.map(units))}; s_defName := ${units(s.defName)}; ` +
    `s_defDepth := ${s.defDepth}; s_defStage := ${s.defStage}; ` +
    `s_bodyPend := ${s.bodyPend}; s_bodyDepth := ${s.bodyDepth}; ` +
    `s_shortVerb := ${units(s.shortVerb)}; s_saved := ${units(s.saved)}; ` +
    `s_verbOpts := ${s.verbOpts}; s_macrocode := ${s.macrocode} |}`;
}

/** Lists the decoders should judge: encodings and broken variants of them. */
function variants(encoded: number[]): number[][] {
  const mode7 = [MODE_COUNT, ...encoded.slice(1)];
  const afterArgAt = 1 + 1 + encoded[1]! + 2; // mode, env length, env, depth, argBits
  const afterArg2 = encoded.with(afterArgAt, 2);
  const unitTooBig = encoded[1]! > 0 ? encoded.with(2, 0x10000) : [0, 1, 0x10000];
  const tooLong = encoded.with(1, encoded.length);
  return [encoded, encoded.slice(0, -1), [...encoded, 0], mode7, afterArg2, unitTooBig, tooLong];
}

/** The value of each `Compute` in coqc's output, read as JSON (`;` separates list items). */
function computed(output: string): unknown[] {
  return [...output.matchAll(/^\s*= ([\s\S]*?)\n\s*: /gm)].map((m) =>
    JSON.parse(m[1]!.replaceAll(";", ","))
  );
}

Deno.test({
  name: "Coq encode/decode agree with encodeState()/decodeState() on sample states",
  ignore: COQ_MISSING,
  fn: async () => {
    const edge: LexState = {
      mode: Mode.EnvMath,
      env: "\uffff\u0000é",
      depth: 255,
      argBits: 4095,
      afterArg: true,
      frames: [{ mode: Mode.Verbatim, env: "", depth: 3 }],
      catcodes: [{ char: 64, cat: 11 }],
      verbatimEnvs: ["", "lstlisting"],
      defName: "x",
      defDepth: 1,
      defStage: 1,
      bodyPend: 31,
      bodyDepth: 255,
      shortVerb: "!\u000c|\u000d",
      saved: "\u0001\u0000\u0001@\u000c\u0000\u0003\u0000",
      verbOpts: true,
      macrocode: true,
    };
    const states = [edge, ...fc.sample(state, { seed: SEED, numRuns: 40 })];
    const lists = states.flatMap((s) => variants(encodeState(s)));

    const dir = await Deno.makeTempDir({ prefix: "lp-codec-" });
    try {
      await Deno.copyFile(new URL("proofs/Codec.v", ROOT), join(dir, "Codec.v"));
      const flags = ["-Q", ".", "LaTeXPerfectionist"];
      const build = await runCommand("coqc", [...flags, "Codec.v"], { cwd: dir });
      assertEquals(build.code, 0, build.stderr);
      await Deno.writeTextFile(
        join(dir, "Samples.v"),
        [
          "From Coq Require Import List. Import ListNotations.",
          "From LaTeXPerfectionist Require Import Codec.",
          // Coq cannot print a unary 65535 without a stack overflow, so it compares instead.
          "Fixpoint same (a b : list nat) : nat := match a, b with",
          "  | [], [] => 1 | x :: a', y :: b' => if Nat.eqb x y then same a' b' else 0",
          "  | _, _ => 0 end.",
          ...states.map((s) =>
            `Compute same (encode ${coqState(s)}) ${list(encodeState(s).map(String))}.`
          ),
          ...lists.map((l) =>
            `Compute match decode ${list(l.map(String))} with Some _ => 1 | None => 0 end.`
          ),
        ].join("\n"),
      );
      const run = await runCommand("coqc", [...flags, "Samples.v"], { cwd: dir });
      assertEquals(run.code, 0, run.stderr);
      const values = computed(run.stdout);
      assertEquals(values.length, states.length + lists.length, run.stdout);
      const sameEncoding = values.slice(0, states.length);
      const coqAccepts = values.slice(states.length);
      const mismatches = states.filter((_, i) => sameEncoding[i] !== 1);
      assertEquals(mismatches, [], `Coq's encode differs from encodeState (seed ${SEED})`);
      assertEquals(
        coqAccepts,
        lists.map((l) => decodeState(l) === undefined ? 0 : 1),
        `seed ${SEED}`,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
