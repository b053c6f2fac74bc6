import { assertEquals } from "@std/assert";
import { loopReference, regexReference } from "./references.ts";

Deno.test("regexReference() counts one match per crude token", () => {
  assertEquals(regexReference(""), 0);
  assertEquals(regexReference("a % c\nb"), 4); // "a ", "% c", "\n", "b"
  assertEquals(regexReference("$$x$$"), 3);
});

Deno.test("loopReference() records every class run and every special on its own", () => {
  const r = loopReference("aa\\bb{{}\n", new Uint32Array(2));
  assertEquals([...r.out.subarray(0, r.runs)], [0, 2, 3, 5, 6, 7, 8]);
});
