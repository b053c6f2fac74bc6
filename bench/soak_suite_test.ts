import { assert, assertEquals } from "@std/assert";
import { IncrementalLexer, tokenize } from "../mod.ts";
import { main } from "./soak.ts";
import { runSoak, SOAK_SCENARIOS } from "./soak_suite.ts";

Deno.test("SOAK_SCENARIOS: each odd edit undoes the even one, and the tokens equal a batch lex", () => {
  for (const s of SOAK_SCENARIOS) {
    const text = s.lines().join("\n");
    const lexer = new IncrementalLexer(text, s.options);
    for (let i = 0; i < 60; i++) {
      s.edit(lexer, i);
      if (i % 2 === 1) assertEquals(lexer.text, text, `${s.name} after edit ${i}`);
      else assert(lexer.text !== text, `${s.name}: edit ${i} changes the text`);
      if (i % 12 === 0) assertEquals(lexer.tokens(), tokenize(lexer.text, s.options));
    }
  }
});

Deno.test("SOAK_SCENARIOS: the churn edits change the state of the lines after them", () => {
  const churn = SOAK_SCENARIOS.find((s) => s.name === "churn")!;
  const lexer = new IncrementalLexer(churn.lines().join("\n"));
  const relexed: number[] = [];
  for (let i = 0; i < 24; i += 2) {
    const before = lexer.tokens().length;
    churn.edit(lexer, i);
    relexed.push(Math.abs(lexer.tokens().length - before));
    churn.edit(lexer, i + 1);
  }
  assert(relexed.some((n) => n > 10), `token count changes: ${relexed}`);
});

Deno.test("runSoak() judges the samples it took, from the first interval on", () => {
  let heap = 1000;
  const results = runSoak({
    edits: 40,
    sampleEvery: 10,
    scenarios: SOAK_SCENARIOS.slice(0, 1),
    // A fake heap that grows by 1 MiB per sample: a leak.
    measure: () => (heap += 1048576),
  });
  const r = results[0]!;
  assertEquals(r.samples.map((s) => s.edits), [0, 10, 20, 30, 40]);
  assert(r.verdict.problems.some((p) => p.startsWith("retained heap grew by 3.00 MB")));
});

Deno.test("runSoak(): warm-up garbage freed during the run is not subtracted from the samples", () => {
  // CI saw this: the heap measured before the lexer was built still held 0.6 MB of the warm-up
  // lexer's garbage, freed in the first interval, so the lexer seemed to retain 0.04 MB.
  const KB = 1024;
  const MB = 1024 * KB;
  const heaps = [
    10 * MB + 600 * KB, // before: garbage not freed yet
    11 * MB + 200 * KB, // right after the lexer was built: not judged
    10 * MB + 600 * KB, // samples: the garbage freed, the lexer 0.6 MB
    10 * MB + 600 * KB,
    10 * MB + 600 * KB,
    10 * MB, // after the lexer was dropped
  ];
  let call = 0;
  const r = runSoak({
    edits: 30,
    sampleEvery: 10,
    scenarios: SOAK_SCENARIOS.slice(0, 1),
    measure: () => heaps[call++]!,
  })[0]!;
  assertEquals(call, heaps.length);
  assertEquals(r.baseline, { before: 10 * MB + 600 * KB, after_drop: 10 * MB, used: 10 * MB });
  assertEquals(r.samples.slice(1).map((s) => s.retained / KB), [600, 600, 600]);
  assertEquals(r.verdict.problems, []);
});

Deno.test("bench:soak main() refuses to run without a forced GC or with too few edits", async () => {
  const quiet = { out: () => {}, err: () => {} };
  assertEquals(await main(["--edits", "10", "--sample-every", "10"], quiet), 2);
  assertEquals(await main(["--scenarios", "nope"], quiet), 2);
});
