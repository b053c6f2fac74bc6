import { assertEquals } from "@std/assert";
import {
  checkedAxioms,
  checkerArgs,
  dealLibraries,
  librariesScript,
  libraryOf,
  parseLoadedLibraries,
} from "./checker.ts";

Deno.test("parseLoadedLibraries() reads Coq 8.16's list and stops at the next output", () => {
  const out = "Loaded library files: \n  Coq.Init.Notations\n  Coq.Lists.List\n" +
    '  LaTeXPerfectionist.Codec\n\nFile "x.v", line 3: Warning: something\n';
  assertEquals(parseLoadedLibraries(out), [
    "Coq.Init.Notations",
    "Coq.Lists.List",
    "LaTeXPerfectionist.Codec",
  ]);
  assertEquals(parseLoadedLibraries("Error: no such library\n"), []);
});

Deno.test("dealLibraries() puts every library in exactly one group", () => {
  const libs = Array.from({ length: 207 }, (_, i) => `L.m${i}`);
  for (const n of [1, 2, 3, 300]) {
    const groups = dealLibraries(libs, n);
    assertEquals(groups.flat().toSorted(), libs.toSorted());
    assertEquals(groups.length, Math.min(n, libs.length));
    const sizes = groups.map((g) => g.length);
    assertEquals(Math.max(...sizes) - Math.min(...sizes) <= 1, true);
  }
  assertEquals(dealLibraries([], 2), []);
  assertEquals(dealLibraries(["a"], 0), [["a"]]);
});

Deno.test("libraryOf() takes the longest library prefix, on dots only", () => {
  const libs = ["Coq.ssr", "Coq.ssr.ssrunder", "LP.Law"];
  assertEquals(libraryOf("Coq.ssr.ssrunder.Under_rel.Over_rel", libs), "Coq.ssr.ssrunder");
  assertEquals(libraryOf("Coq.ssr.x", libs), "Coq.ssr");
  assertEquals(libraryOf("LP.LawWf.x", libs), undefined);
  assertEquals(libraryOf("LP.Law.x", libs), "LP.Law");
});

Deno.test("checkedAxioms() keeps the checked libraries' axioms and unknown ones, drops the others", () => {
  const libs = ["Coq.ssr.ssrunder", "LP.A", "LP.B"];
  // As coqchk prints them: process 1 checked LP.A only and lists the assumed parts of the
  // unchecked ssrunder; process 2 checked ssrunder and LP.B.
  const p1 = ["Coq.ssr.ssrunder.Under_rel.Over_rel", "LP.A.verify_test_axiom"];
  assertEquals(checkedAxioms(p1, ["LP.A"], libs), ["LP.A.verify_test_axiom"]);
  assertEquals(checkedAxioms(p1, ["Coq.ssr.ssrunder", "LP.B"], libs), [
    "Coq.ssr.ssrunder.Under_rel.Over_rel",
  ]);
  assertEquals(checkedAxioms(["Elsewhere.ax"], [], libs), ["Elsewhere.ax"]);
});

Deno.test("librariesScript() and checkerArgs() build what coqc and coqchk take", () => {
  assertEquals(librariesScript(["LP.A"]), "Require LP.A.\nPrint Libraries.\n");
  assertEquals(librariesScript([]), "Print Libraries.\n");
  assertEquals(checkerArgs(["-Q", ".", "LP"], ["LP.A"]), [
    "-silent",
    "-o",
    "-Q",
    ".",
    "LP",
    "-norec",
    "LP.A",
  ]);
});
