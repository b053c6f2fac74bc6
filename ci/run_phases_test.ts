import { assertEquals } from "@std/assert";
import type { CommandStep, Phase } from "./phases.ts";
import { formatSeconds, phaseStatus, type RunContext, runPhases } from "./run_phases.ts";

const command = (label: string, task?: string, expectJson = false): CommandStep => ({
  kind: "command",
  label,
  args: task === undefined ? [label] : ["task", task],
  ...(task === undefined ? {} : { task }),
  expectJson,
  timeoutSeconds: 5,
});

/** A context whose spawn answers from a table of exit codes and outputs, recording the calls. */
function context(
  outcomes: Record<string, { code: number; stdout?: string } | Error>,
  extra: Partial<RunContext> = {},
): RunContext & { spawned: string[]; lines: string[] } {
  const spawned: string[] = [];
  const lines: string[] = [];
  return {
    tasks: new Set(["test", "lex", "fuzz"]),
    audit: () => Promise.resolve([]),
    spawn: (step) => {
      const key = step.args.join(" ");
      spawned.push(key);
      const outcome = outcomes[key] ?? { code: 0 };
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
    log: (line) => lines.push(line),
    ...extra,
    spawned,
    lines,
  };
}

const phase = (id: string, ...steps: Phase["steps"]): Phase => ({ id, title: id, steps });

Deno.test("runPhases() runs every phase after a failure and reports each status", async () => {
  const ctx = context({ "task test": { code: 1 } });
  const results = await runPhases([
    phase("lint", command("fmt"), command("lint")),
    phase("test", command("tests", "test")),
    phase("fuzz", command("fuzz", "fuzz")),
  ], ctx);
  assertEquals(results.map((r) => [r.id, r.status, r.note]), [
    ["lint", "passed", undefined],
    ["test", "failed", "tests"],
    ["fuzz", "passed", undefined],
  ]);
  assertEquals(results[1]!.steps[0]!.note, "exit code 1");
  assertEquals(ctx.spawned, ["fmt", "lint", "task test", "task fuzz"]);
  assertEquals(ctx.lines.filter((l) => l.startsWith("== ")), [
    "== [1/3] lint: lint ==",
    "== [2/3] test: test ==",
    "== [3/3] fuzz: fuzz ==",
  ]);
});

Deno.test("runPhases() with failFast skips the phases after the first failure", async () => {
  const ctx = context({ "task test": { code: 3 } }, { failFast: true });
  const results = await runPhases([
    phase("test", command("tests", "test")),
    phase("fuzz", command("fuzz", "fuzz")),
  ], ctx);
  assertEquals(results.map((r) => r.status), ["failed", "skipped"]);
  assertEquals(ctx.spawned, ["task test"]);
});

Deno.test("runPhases() skips a step whose task deno.json lacks, without spawning it", async () => {
  const ctx = context({});
  const results = await runPhases([
    phase("performance", command("perf", "perf"), command("replay", "replay")),
    phase("mixed", command("tests", "test"), command("perf", "perf")),
  ], ctx);
  assertEquals(results.map((r) => [r.status, r.note]), [
    ["skipped", "task missing: perf; task missing: replay"],
    ["passed", "1 step skipped"],
  ]);
  assertEquals(ctx.spawned, ["task test"]);
});

Deno.test("runPhases() fails a step whose JSON output does not parse, or whose spawn throws", async () => {
  const ctx = context({
    "task lex": { code: 0, stdout: "{not json" },
    "task fuzz": new Error("timed out after 5 s and was stopped"),
  });
  const results = await runPhases([
    phase("integration", command("lex", "lex", true)),
    phase("fuzz", command("fuzz", "fuzz")),
  ], ctx);
  assertEquals(results.map((r) => r.steps[0]!.note), [
    "its output is not valid JSON",
    "timed out after 5 s and was stopped",
  ]);
  assertEquals(results.map((r) => r.status), ["failed", "failed"]);
  const ok = await runPhases(
    [phase("integration", command("lex", "lex", true))],
    context({ "task lex": { code: 0, stdout: '{"tokens": []}' } }),
  );
  assertEquals(ok[0]!.status, "passed");
});

Deno.test("runPhases() fails an audit step that reports problems and logs each one", async () => {
  const ctx = context({}, {
    audit: (step) => Promise.resolve(step.audit === "tasks" ? ["task x: -A: grants all"] : []),
  });
  const results = await runPhases([
    phase(
      "security",
      { kind: "audit", label: "tasks", audit: "tasks" },
      { kind: "audit", label: "workflow", audit: "workflow" },
      { kind: "skip", label: "publish", reason: "tag only" },
    ),
  ], ctx);
  assertEquals(results[0]!.steps.map((s) => [s.status, s.note]), [
    ["failed", "1 problem"],
    ["passed", undefined],
    ["skipped", "tag only"],
  ]);
  assertEquals(ctx.lines.includes("    task x: -A: grants all"), true);
});

Deno.test("phaseStatus() calls a phase without steps skipped, not passed", () => {
  assertEquals(phaseStatus([]), { status: "skipped", note: "no steps" });
});

Deno.test("formatSeconds() switches to minutes at 60 s", () => {
  assertEquals(formatSeconds(0), "0.0 s");
  assertEquals(formatSeconds(59.94), "59.9 s");
  assertEquals(formatSeconds(60), "1 m 00 s");
  assertEquals(formatSeconds(3725), "62 m 05 s");
});

Deno.test("runPhases() explains an exit code the step documents", async () => {
  const step = { ...command("verify", "verify"), exitNotes: { 3: "Coq is not installed" } };
  const ctx = context({ "task verify": { code: 3 } });
  ctx.tasks = new Set(["verify"]);
  const [result] = await runPhases([phase("proofs", step)], ctx);
  assertEquals([result!.status, result!.steps[0]!.note], ["failed", "Coq is not installed"]);
  const [other] = await runPhases([phase("proofs", step)], {
    ...ctx,
    spawn: () => Promise.resolve({ code: 1 }),
  });
  assertEquals(other!.steps[0]!.note, "exit code 1");
});
