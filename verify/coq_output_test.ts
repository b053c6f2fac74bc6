import { assertEquals } from "@std/assert";
import { parseAssumptions, parseCheckerContext } from "./coq_output.ts";

Deno.test("parseAssumptions() splits the output at the markers, one block per theorem", () => {
  const out = [
    "@@theorem M.a",
    "Closed under the global context",
    "@@theorem M.b",
    "Axioms:",
    "cheat : False",
    "lemma_admitted : 1 = 1",
    "@@theorem M.c",
  ].join("\n");
  assertEquals(parseAssumptions(out), [
    { name: "M.a", closed: true, assumptions: [] },
    {
      name: "M.b",
      closed: false,
      assumptions: ["Axioms:", "cheat : False", "lemma_admitted : 1 = 1"],
    },
    { name: "M.c", closed: false, assumptions: [] },
  ]);
});

Deno.test("parseAssumptions() does not call a block closed when more follows the closed line", () => {
  const out = "@@theorem M.a\nClosed under the global context\nAxioms:\nx : False\n";
  assertEquals(parseAssumptions(out)[0]?.closed, false);
});

Deno.test("parseAssumptions() ignores output before the first marker", () => {
  assertEquals(parseAssumptions("Closed under the global context\n"), []);
});

// The summary as coqchk 8.16 prints it for a module with an axiom and an admitted lemma.
const WITH_AXIOMS = `
CONTEXT SUMMARY
===============

* Theory: Set is predicative
  
* Axioms:
    T.T.cheat
    T.T.bar
  
* Constants/Inductives relying on type-in-type: <none>
  
* Constants/Inductives relying on unsafe (co)fixpoints: T.T.loop
  
* Inductives whose positivity is assumed: <none>
  
`;

Deno.test("parseCheckerContext() lists axioms and unsafe constructs", () => {
  assertEquals(parseCheckerContext(WITH_AXIOMS), {
    found: true,
    axioms: ["T.T.cheat", "T.T.bar"],
    unsafe: ["Constants/Inductives relying on unsafe (co)fixpoints: T.T.loop"],
  });
});

Deno.test("parseCheckerContext() flags a non-default theory and a missing summary", () => {
  const impredicative = WITH_AXIOMS.replace("Set is predicative", "Set is impredicative");
  assertEquals(parseCheckerContext(impredicative).unsafe[0], "Theory: Set is impredicative");
  assertEquals(parseCheckerContext("Fatal Error: ...").found, false);
});
