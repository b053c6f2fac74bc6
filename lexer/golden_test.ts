import { assert, assertEquals } from "@std/assert";
import { goldenLines, readFixtures } from "./testdata/golden.ts";

Deno.test("tokenize() matches every golden fixture", async (t) => {
  const fixtures = await readFixtures();
  assert(fixtures.length >= 20, `found ${fixtures.length} fixtures`);
  for (const { path, fixture } of fixtures) {
    await t.step(`${path.pathname.split("/").pop()}: ${fixture.desc}`, () => {
      assert(fixture.lines.length > 0, "a fixture has expected lines");
      assertEquals(goldenLines(fixture.text, fixture.options), fixture.lines);
      // The fixtures are lossless too.
      const lines = fixture.text.split(/\r\n|\r|\n/);
      fixture.lines.forEach((tokens, i) => {
        assertEquals(tokens.map((tok) => tok[1]).join(""), lines[i]);
      });
    });
  }
});
