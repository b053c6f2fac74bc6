// The oracle's regression files replayed against the TypeScript lexer: no OCaml needed.
import { assert, assertEquals, assertRejects } from "@std/assert";
import { join } from "@std/path";
import { readRegression, REGRESSIONS_DIR, replayAgainstTypeScript } from "./oracle_regression.ts";

const ROOT = new URL("../", import.meta.url);
const SAMPLE = new URL("testdata/oracle_regression_sample.json", import.meta.url).pathname;

function regressionFiles(): string[] {
  const dir = new URL(`${REGRESSIONS_DIR}/`, ROOT).pathname;
  try {
    return [...Deno.readDirSync(dir)].filter((e) => e.isFile && e.name.endsWith(".json"))
      .map((e) => join(dir, e.name)).sort();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
}

Deno.test("every oracle regression file still gives the TypeScript lexer's saved outcome", async (t) => {
  for (const path of [SAMPLE, ...regressionFiles()]) {
    await t.step(path.slice(path.lastIndexOf("/") + 1), async () => {
      const r = await replayAgainstTypeScript(path);
      assert(r.actual !== undefined, "the TypeScript lexer refuses the start state");
      assertEquals(r.actual, r.expected);
    });
  }
});

Deno.test("replayAgainstTypeScript() fails when the saved outcome is not the lexer's", async () => {
  const data = JSON.parse(await Deno.readTextFile(SAMPLE));
  data.expected.tokens[0][0] = 0;
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "tampered.json");
    await Deno.writeTextFile(path, JSON.stringify(data));
    assertEquals((await replayAgainstTypeScript(path)).same, false);
    await Deno.writeTextFile(path, JSON.stringify({ ...data, start_state: [9] }));
    await assertRejects(() => readRegression(path), SyntaxError, "start_state does not decode");
    await Deno.writeTextFile(path, JSON.stringify({ ...data, line: 3 }));
    await assertRejects(() => readRegression(path), SyntaxError, "$.line");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
