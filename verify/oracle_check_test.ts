import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { Mode } from "../lexer/mode.ts";
import { Sfc32 } from "../_tools/sfc32.ts";
import { generateDocument } from "../fuzz/document_generator.ts";
import {
  checkChained,
  type CheckCounts,
  checkIncremental,
  constructOf,
  ORACLE_CONFIGS,
  shrinkCase,
  typescriptOutcome,
} from "./oracle_check.ts";
import { runOracle } from "./oracle_run.ts";
import { encodeState } from "../lexer/state_codec.ts";
import { COMMENT_IN_MATH_IS_TEXT, fakeExtracted } from "./testdata/fake_extracted.ts";

const counts = (): CheckCounts => ({ lines: 0, tokens: 0, units: 0 });
const TEXT = "\\documentclass{article}\n\\begin{document}\n$a % b\nc$ and % d\n\\end{document}\n";

Deno.test("ORACLE_CONFIGS covers every combination of the three flags, with and without extra environments", () => {
  assertEquals(ORACLE_CONFIGS.length, 16);
  assertEquals(new Set(ORACLE_CONFIGS.map((c) => c.name)).size, 16);
  const keys = new Set(
    ORACLE_CONFIGS.map((c) =>
      JSON.stringify([c.options.atLetter, c.options.explSyntax, c.options.docTeX, c.coq.math_envs])
    ),
  );
  assertEquals(keys.size, 16);
  for (const c of ORACLE_CONFIGS) {
    assertEquals(c.coq.verbatim_envs, c.options.verbatimEnvironments);
    assertEquals(c.coq.doctex, c.options.docTeX);
  }
});

Deno.test("checkChained() finds no difference with a lexer that is the TypeScript lexer", async () => {
  const coq = fakeExtracted();
  for (const config of ORACLE_CONFIGS) {
    const c = counts();
    assertEquals(await checkChained(coq, TEXT, config, c), null);
    assertEquals(c.lines, 6);
  }
});

Deno.test("checkChained() finds the first line where a mutant differs, and shrinkCase() reduces it", async () => {
  const coq = fakeExtracted(COMMENT_IN_MATH_IS_TEXT);
  const config = ORACLE_CONFIGS[0]!;
  const d = await checkChained(coq, TEXT, config, counts());
  if (d === null) throw new Error("the mutant was not caught");
  assertEquals([d.kind, d.line], ["tokens", 2]);
  const small = await shrinkCase(coq, d.case);
  // A comment in math needs a % and a math state (or a $ before it).
  assertStringIncludes(small.line, "%");
  assert(small.line.length <= 3, JSON.stringify(small.line));
  assert(small.state.mode !== Mode.Text || small.line.includes("$"), JSON.stringify(small));
  const ts = typescriptOutcome(small)!;
  const ex = (await coq.lexLines(config.coq, [{
    state: encodeState(small.state),
    line: small.line,
  }]))[0]!;
  assertEquals(constructOf(ts, ex), "tokens: comment (extracted: text)");
});

Deno.test("constructOf() names the first differing state field", () => {
  const end0 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const end1 = [1, ...end0.slice(1)];
  assertEquals(
    constructOf({ tokens: [12, 1, 0], end: end0 }, { tokens: [12, 1, 0], end: end1 }),
    "state: mode",
  );
  assertEquals(
    constructOf({ tokens: [12, 1, 0], end: end0 }, { tokens: [12, 2, 0], end: end0 }),
    "tokens: text of another length",
  );
});

Deno.test("checkIncremental() agrees with batch on generated documents under every configuration", () => {
  for (let seed = 0; seed < 3; seed++) {
    const text = generateDocument(new Sfc32(seed), { targetLines: 60 }).text;
    for (const config of ORACLE_CONFIGS) {
      assertEquals(checkIncremental(text, config, new Sfc32(seed + 100)), null, config.name);
    }
  }
});

Deno.test("runOracle() reports no difference for a faithful lexer and names the mutant's construct", async () => {
  const texts = [{ source: "t", read: () => TEXT }];
  const good = await runOracle({ coq: fakeExtracted(), texts, seed: 1 });
  assertEquals([good.checks, good.checksAgreeing, good.differences], [16, 16, []]);
  const bad = await runOracle({ coq: fakeExtracted(COMMENT_IN_MATH_IS_TEXT), texts, seed: 1 });
  assertEquals(bad.checksAgreeing, 0);
  assertEquals(bad.byConstruct, [{ construct: "tokens: comment (extracted: text)", count: 16 }]);
  const shrunk = bad.differences.filter((d) => d.replay !== undefined);
  assertEquals(shrunk.length, 3);
  assertStringIncludes(shrunk[0]!.replay!, "deno task oracle --replay verify/oracle_regressions/");
});
