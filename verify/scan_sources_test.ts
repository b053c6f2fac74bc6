import { assertEquals } from "@std/assert";
import { blankCommentsAndStrings, scanCoqSource } from "./scan_sources.ts";

const constructs = (src: string) => scanCoqSource(src).map((f) => [f.construct, f.line, f.column]);

Deno.test("scanCoqSource() names each forbidden construct with its line and column", () => {
  const src = [
    "Lemma a : True.", // 1
    "Proof. admit. Qed.", // 2
    "Axiom ax : False.", // 3
    "Parameters p q : nat.", // 4
    "Conjecture c : 1 = 2.", // 5
    "Lemma b : True. Proof. give_up. Defined.", // 6
    "Local Unset   Guard", // 7
    "  Checking.", // 8
    "Lemma d : True. Proof. Admitted.", // 9
    "#[bypass_check(positivity)] Inductive t := T.", // 10
  ].join("\n");
  assertEquals(constructs(src), [
    ["admit", 2, 8],
    ["Axiom", 3, 1],
    ["Parameter", 4, 1],
    ["Conjecture", 5, 1],
    ["give_up", 6, 24],
    ["Unset Guard Checking", 7, 7],
    ["Admitted", 9, 24],
    ["bypass_check", 10, 3],
  ]);
});

Deno.test("scanCoqSource() ignores comments, nested comments and strings", () => {
  const src = [
    "(* Admitted. (* Axiom x : False. *) admit *)",
    '(* a string in a comment: "*)" Axiom still in the comment *)',
    'Definition s := "Admitted".',
    "(** Doc comment naming Parameter and give_up. *)",
  ].join("\n");
  assertEquals(scanCoqSource(src), []);
});

Deno.test("scanCoqSource() does not flag identifiers that merely contain a forbidden word", () => {
  const src = [
    "Definition admitted_count := 0.",
    "Definition p_admit := 1.",
    "Lemma admit' : True.",
    "Proof. admit. Qed.",
  ].join("\n");
  assertEquals(constructs(src), [["admit", 4, 8]]);
});

Deno.test("scanCoqSource() allows Variable and Hypothesis inside a Section only", () => {
  const src = [
    "Section S.", // 1
    "Variable x : nat.", // 2
    "Hypothesis h : x = 0.", // 3
    "End S.", // 4
    "Variable y : nat.", // 5
    "Module M.", // 6
    "Section T.", // 7
    "Context (z : nat).", // 8
    "End T.", // 9
    "Hypotheses h1 h2 : False.", // 10
    "End M.", // 11
  ].join("\n");
  assertEquals(constructs(src), [
    ["Variable outside a Section", 5, 1],
    ["Hypotheses outside a Section", 10, 1],
  ]);
});

Deno.test("scanCoqSource() reports the trimmed source line", () => {
  assertEquals(scanCoqSource("\n   Axiom  cheat : False.  \n")[0]?.text, "Axiom  cheat : False.");
});

Deno.test("blankCommentsAndStrings() keeps line breaks and positions", () => {
  const src = '(* one\ntwo *) x "y\nz" w';
  const out = blankCommentsAndStrings(src);
  assertEquals(out.length, src.length);
  assertEquals(out.split("\n").map((l) => l.trim()), ["", "x", "w"]);
});
