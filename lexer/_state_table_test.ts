import { assert, assertEquals, assertStrictEquals } from "@std/assert";
import { lexDocument } from "./document_lexer.ts";
import { INITIAL_STATE } from "./state.ts";
import { StateTable } from "./_state_table.ts";

Deno.test("StateTable.intern() interns by value: equal copies of a state get one id and one record", () => {
  const s = lexDocument("\\makeatletter\\begin{align}\n").finalState;
  const table = new StateTable();
  const id = table.intern(s);
  const copy = structuredClone(s);
  assertEquals(table.intern(copy), id);
  assertStrictEquals(table.state(table.intern(copy)), table.state(id));
  assertEquals(table.size, 1);
});

Deno.test("StateTable shares one canonical list among states with equal lists", () => {
  const table = new StateTable();
  const a = table.state(table.intern({ ...INITIAL_STATE, catcodes: [{ char: 64, cat: 11 }] }));
  const b = table.state(
    table.intern({ ...INITIAL_STATE, depth: 2, catcodes: [{ char: 64, cat: 11 }] }),
  );
  assertStrictEquals(a.catcodes, b.catcodes);
  assertEquals(table.catcodes(1)[64], 11);
});

Deno.test("StateTable.bytes grows with new states and lists only", () => {
  const table = new StateTable();
  table.intern(INITIAL_STATE);
  const one = table.bytes;
  for (let i = 0; i < 100; i++) table.intern(structuredClone(INITIAL_STATE));
  assertEquals(table.bytes, one);
  table.intern({ ...INITIAL_STATE, verbatimEnvs: ["x"] });
  assert(table.bytes > one);
});

Deno.test("StateTable.find() knows the table's own records only", () => {
  const table = new StateTable();
  const id = table.intern(INITIAL_STATE);
  assertEquals(table.find(table.state(id)), id);
  assertEquals(table.find(structuredClone(INITIAL_STATE)), -1);
});
