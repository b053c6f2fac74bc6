import { assertEquals } from "@std/assert";
import { type CommandStep, PHASE_IDS, planPhases, SIZES } from "./phases.ts";

const commands = (phase: { steps: readonly { kind: string }[] }) =>
  phase.steps.filter((s): s is CommandStep => s.kind === "command");

Deno.test("planPhases() returns every phase once, in PHASE_IDS order, in both modes", () => {
  for (const mode of ["quick", "full"] as const) {
    assertEquals(planPhases({ mode }).map((p) => p.id), [...PHASE_IDS]);
  }
});

Deno.test("planPhases() splits the fuzz campaign into shards that cover 1..N and merges them", () => {
  for (const mode of ["quick", "full"] as const) {
    const fuzz = planPhases({ mode }).find((p) => p.id === "fuzz")!;
    const shards = commands(fuzz).filter((s) => s.task === "fuzz").map((s) =>
      s.args[s.args.indexOf("--shard") + 1]
    );
    const n = SIZES[mode].fuzzShards;
    assertEquals(shards, Array.from({ length: n }, (_, i) => `${i + 1}/${n}`));
    for (const step of commands(fuzz).filter((s) => s.task === "fuzz")) {
      assertEquals(
        step.args[step.args.indexOf("--iterations") + 1],
        String(SIZES[mode].fuzzIterations),
      );
    }
    const merge = commands(fuzz).at(-1)!;
    assertEquals(merge.task, "fuzz:merge");
  }
  assertEquals(SIZES.full.fuzzIterations, 1_000_000);
});

Deno.test("planPhases() skips the steps that need ../shared when it is absent", () => {
  const absent = planPhases({ mode: "quick" });
  const integration = absent.find((p) => p.id === "integration")!;
  assertEquals(integration.steps.map((s) => s.kind), ["command", "skip"]);
  const present = planPhases({
    mode: "quick",
    sharedDir: "../shared",
    sampleDocuments: ["../shared/corpus/a.tex"],
  });
  const withShared = present.find((p) => p.id === "integration")!;
  assertEquals(commands(withShared).map((s) => s.args.slice(1)), [
    ["lex", "--json"],
    ["lex", "--json", "../shared/corpus/a.tex"],
    ["replay", "--trace", "../shared/traces/hott-book-basics-git-history.json.gz"],
  ]);
  assertEquals(
    commands(withShared).filter((s) => s.task === "lex").every((s) => s.expectJson),
    true,
  );
});

Deno.test("planPhases() adds coverage and JUnit output to the tests only in full mode", () => {
  const args = (mode: "quick" | "full") =>
    commands(planPhases({ mode }).find((p) => p.id === "test")!).map((s) => s.args.join(" "));
  assertEquals(args("quick"), ["task test"]);
  assertEquals(args("full"), [
    "task test --coverage=.coverage --junit-path=.coverage/junit.xml",
    "coverage .coverage --lcov --output=.coverage/lcov.info",
  ]);
});

Deno.test("planPhases() gives every command a timeout", () => {
  for (const mode of ["quick", "full"] as const) {
    for (const phase of planPhases({ mode, sharedDir: "../shared" })) {
      for (const step of commands(phase)) {
        assertEquals(step.timeoutSeconds, SIZES[mode].stepTimeoutSeconds, step.label);
      }
    }
  }
});
