import { assert, assertEquals, assertMatch, assertRejects, assertThrows } from "@std/assert";
import {
  formatRegression,
  loadRegressions,
  parseRegression,
  type Regression,
  REGRESSION_FORMAT,
  saveRegression,
} from "./regression_file.ts";

function sample(insert = "}"): Regression {
  return {
    format: REGRESSION_FORMAT,
    description: "tokens differ at line 0",
    options: { atLetter: true },
    startText: "a\r\nb😀",
    edits: [[0, 0, insert], [1, 2, ""]],
    difference: {
      kind: "tokens",
      line: 0,
      tokenIndex: 0,
      lineTokenIndex: 0,
      expected: { kind: "text", line: 0, column: 0, length: 1, text: "}", math: false },
      actual: null,
    },
    failingEdit: 1,
    found: {
      seed: 7,
      episode: 2,
      iteration: 12345,
      source: "generated",
      moduleVersion: "0.1.0",
      gitCommit: null,
    },
    shrink: { originalEdits: 500, originalTextLength: 9000, attempts: 321, complete: true },
  };
}

Deno.test("formatRegression() round-trips through parseRegression() with one edit per line", () => {
  const text = formatRegression(sample());
  assertEquals(parseRegression(text, "t.json"), sample());
  assert(text.includes(`\n    [0, 0, "}"],\n    [1, 2, ""]\n`), text);
});

Deno.test("parseRegression() names the field that is wrong", () => {
  const good = JSON.parse(formatRegression(sample()));
  const cases: [Record<string, unknown>, string][] = [
    [{ ...good, format: "x" }, '"format"'],
    [{ ...good, edits: [[0, "1", ""]] }, '"edits"'],
    [{ ...good, options: { bogus: true } }, '"options"'],
    [{ ...good, startText: 3 }, '"startText"'],
    [{ ...good, difference: {} }, '"difference"'],
  ];
  for (const [data, field] of cases) {
    assertThrows(() => parseRegression(JSON.stringify(data), "f.json"), SyntaxError, field);
  }
  assertThrows(() => parseRegression("{", "f.json"), SyntaxError, "not JSON");
});

Deno.test("saveRegression() names files by content and loadRegressions() reads them back sorted", async () => {
  const dir = await Deno.makeTempDir({ prefix: "fuzz_regressions_test_" });
  try {
    assertEquals(await loadRegressions(`${dir}/missing`), []);
    const a = await saveRegression(`${dir}/reg`, sample("}"));
    const again = await saveRegression(`${dir}/reg`, sample("}"));
    const b = await saveRegression(`${dir}/reg`, sample("{"));
    assertEquals(again, { path: a.path, existed: true });
    assert(!a.existed && !b.existed && a.path !== b.path);
    assertMatch(a.path, /tokens-[0-9a-f]{12}\.json$/);
    await Deno.writeTextFile(`${dir}/reg/notes.txt`, "ignored");
    const loaded = await loadRegressions(`${dir}/reg`);
    assertEquals(loaded.map((l) => l.path), [a.path, b.path].sort());
    assertEquals(loaded.map((l) => l.regression.edits[0]![2]).sort(), ["{", "}"]);
    await Deno.writeTextFile(`${dir}/reg/broken.json`, "[]");
    await assertRejects(() => loadRegressions(`${dir}/reg`), SyntaxError, "broken.json");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
