/**
 * Regenerates the expected tokens of the golden fixtures from their texts:
 * `deno run --allow-read=lexer/testdata --allow-write=lexer/testdata lexer/testdata/update_golden.ts`.
 * Review the diff before committing: the fixtures are the specification.
 *
 * @module
 */

import { goldenLines, readFixtures } from "./golden.ts";

for (const { path, fixture } of await readFixtures()) {
  fixture.lines = goldenLines(fixture.text, fixture.options);
  const json = JSON.stringify(fixture, null, 1)
    // One token a line keeps diffs readable.
    .replace(
      /\[\n\s+("[a-z_]+"),\n\s+(".*?"),?\n?\s*("math")?\n\s+\]/g,
      (_m, k, t, m) => `[${k}, ${t}${m ? ", " + m : ""}]`,
    );
  await Deno.writeTextFile(path, json + "\n");
  console.log(`updated ${path}`);
}
