/**
 * Replays every saved regression in `fuzz/regressions/` against the real lexer, checking
 * incremental = batch after every edit.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { fromFileUrl } from "@std/path";
import { realLexer } from "./real_lexer.ts";
import { loadRegressions } from "./regression_file.ts";
import { invalidEditIndex, replayCase } from "./replay.ts";

const DIR = fromFileUrl(new URL("./regressions/", import.meta.url));

Deno.test("fuzz/regressions: every saved case replays with incremental = batch", async (t) => {
  // The directory always exists (it holds a README), so an empty scan means no cases, not a
  // wrong path.
  assert((await Deno.stat(DIR)).isDirectory, `${DIR} is missing`);
  const saved = await loadRegressions(DIR);
  console.log(`fuzz/regressions: ${saved.length} regression${saved.length === 1 ? "" : "s"}`);
  for (const { path, regression } of saved) {
    await t.step(path.slice(DIR.length), () => {
      assertEquals(invalidEditIndex(regression), -1, "the file's edits are out of range");
      const r = replayCase(realLexer, regression, "every-edit");
      assertEquals(
        r.difference,
        null,
        `still fails after edit ${r.editsApplied}: ${regression.description}\n` +
          `replay: deno task fuzz --replay ${path}`,
      );
    });
  }
});
