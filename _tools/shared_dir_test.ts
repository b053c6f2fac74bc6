import { assert, assertEquals } from "@std/assert";
import { PROJECT_ROOT, SHARED_URL, sharedPath } from "./shared_dir.ts";

Deno.test("PROJECT_ROOT is the folder of deno.json and SHARED_URL sits beside it", () => {
  assert(Deno.statSync(`${PROJECT_ROOT}deno.json`).isFile);
  assertEquals(new URL("../", SHARED_URL).href, new URL("../", `file://${PROJECT_ROOT}`).href);
});

Deno.test("sharedPath() finds ../shared/corpus when it exists and nothing that does not", () => {
  assertEquals(sharedPath("corpus/no-such-file.tex"), undefined);
  const corpus = sharedPath("corpus");
  if (corpus === undefined) {
    console.log("skipped the positive case: ../shared is absent");
    return;
  }
  assert(Deno.statSync(corpus).isDirectory);
});
