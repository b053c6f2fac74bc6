/**
 * Checks the project's real workflow, read with the YAML parser, against deno.json and the rules.
 */
import { assert, assertEquals } from "@std/assert";
import { parse } from "@std/yaml";
import { PHASE_IDS, planPhases } from "./phases.ts";
import { parseTasks } from "./survey.ts";
import {
  auditWorkflow,
  denoTasksInScript,
  shardCoverageProblem,
  WRITE_SCOPES,
} from "./workflow_audit.ts";

type Mapping = Record<string, unknown>;
interface Step {
  uses?: string;
  run?: string;
  with?: Mapping;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
  strategy?: { matrix?: Mapping };
  needs?: string | string[];
  if?: string;
}

const workflow = parse(
  await Deno.readTextFile(new URL("../.github/workflows/ci.yml", import.meta.url)),
) as { on: Mapping; permissions: unknown; jobs: Record<string, Job> };
const tasks = parseTasks(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
const jobs = Object.entries(workflow.jobs);
const stepsOf = (job: Job) => job.steps ?? [];

Deno.test("ci.yml follows every rule of auditWorkflow()", () => {
  const findings = auditWorkflow(workflow, {
    tasks: new Set(tasks.keys()),
    writeScopes: WRITE_SCOPES,
  });
  assertEquals(findings.map((f) => `${f.job}: ${f.rule}: ${f.message}`), []);
});

Deno.test("ci.yml runs only deno tasks that deno.json defines", () => {
  const used = jobs.flatMap(([, job]) =>
    stepsOf(job).flatMap((s) => typeof s.run === "string" ? denoTasksInScript(s.run) : [])
  );
  assert(used.length >= 8, `expected the workflow to run the project's tasks, found ${used}`);
  const missing = [...new Set(used)].filter((name) => !tasks.has(name));
  assertEquals(missing, [], "tasks the workflow runs but deno.json lacks");
});

Deno.test("ci.yml pins setup-deno to exactly Deno 2.9.6 with a cache keyed on deno.lock", () => {
  const setups = jobs.flatMap(([, job]) =>
    stepsOf(job).filter((s) => s.uses?.startsWith("denoland/setup-deno@"))
  );
  assert(setups.length >= 8, "every job that runs deno sets it up");
  for (const step of setups) {
    assertEquals(step.uses, "denoland/setup-deno@v2");
    assertEquals(step.with?.["deno-version"], "2.9.6");
    assertEquals(step.with?.cache, true);
    assertEquals(step.with?.["cache-hash"], "${{ hashFiles('deno.lock') }}");
  }
  // A job that calls deno without setting it up would get whatever the runner image has.
  for (const [id, job] of jobs) {
    const runsDeno = stepsOf(job).some((s) => /(^|\s)deno\s/m.test(s.run ?? ""));
    const setsUp = stepsOf(job).some((s) => s.uses?.startsWith("denoland/setup-deno@"));
    assertEquals(runsDeno && !setsUp, false, `job ${id} runs deno without setup-deno`);
  }
});

Deno.test("ci.yml gives every job its own permissions block and writes only where it must", () => {
  assertEquals(workflow.permissions, {});
  for (const [id, job] of jobs) {
    assert(
      typeof job.permissions === "object" && job.permissions !== null,
      `job ${id} has no permissions block`,
    );
    const writes = Object.entries(job.permissions as Mapping)
      .filter(([, level]) => level === "write").map(([scope]) => scope);
    assertEquals(writes, [...(WRITE_SCOPES[id] ?? [])], `write scopes of job ${id}`);
  }
});

Deno.test("ci.yml splits the nightly million edits over shards that cover 1..N exactly", () => {
  assert(workflow.jobs["fuzz-nightly"] !== undefined, "the workflow has a fuzz-nightly job");
  const nightly = workflow.jobs["fuzz-nightly"]!;
  const run = stepsOf(nightly).map((s) => s.run ?? "").join("\n");
  const match = /--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(run);
  assert(match !== null, "the nightly job passes --shard ${{ matrix.shard }}/N");
  const total = Number(match![1]);
  assertEquals(
    shardCoverageProblem(nightly.strategy?.matrix?.shard as unknown[], total),
    undefined,
  );
  assert(/--iterations 1000000\b/.test(run), "the nightly campaign is one million edits");
  // All shards share one seed: the run's id, folded into the fuzzer's 32-bit seed range.
  assert(run.includes("seed=$(( ${{ github.run_id }} % 4294967296 ))"), "one seed per run");
  assert(run.includes('--seed "$seed"'), "every shard passes the run's seed");
  assert(String(nightly.if).includes("schedule"), "the sharded campaign runs on the schedule");
  const merge = workflow.jobs["fuzz-merge"];
  assertEquals(merge?.needs, "fuzz-nightly");
  assert(stepsOf(merge!).some((s) => denoTasksInScript(s.run ?? "").includes("fuzz:merge")));
});

Deno.test("ci.yml tests on Linux, macOS and Windows with coverage and JUnit output", () => {
  const test = workflow.jobs.test!;
  assertEquals(test.strategy?.matrix?.os, ["ubuntu-latest", "macos-latest", "windows-latest"]);
  const run = stepsOf(test).map((s) => s.run ?? "").join("\n");
  assert(run.includes("deno task test --coverage="), "tests collect coverage");
  assert(run.includes("--junit-path="), "tests write JUnit XML");
  assert(run.includes("deno coverage .coverage --lcov"), "coverage becomes lcov");
});

Deno.test("ci.yml publishes only on a tag, with an OIDC token for provenance", () => {
  const release = workflow.jobs.release!;
  assert(String(release.if).includes("refs/tags/v"));
  assertEquals((release.permissions as Mapping)["id-token"], "write");
  assert(stepsOf(release).some((s) => s.run?.trim() === "deno publish"));
  const bench = workflow.jobs["benchmark-history"]!;
  const action = stepsOf(bench).find((s) => s.uses?.startsWith("benchmark-action/"));
  assertEquals(action?.uses, "benchmark-action/github-action-benchmark@v1");
  assertEquals(action?.with?.tool, "customSmallerIsBetter");
});

Deno.test("ci.yml runs on push, pull requests, tags and a nightly schedule", () => {
  const on = workflow.on as { push: Mapping; schedule: unknown[] };
  assertEquals(on.push.tags, ["v*"]);
  assert("pull_request" in workflow.on);
  assertEquals(on.schedule.length, 1);
});

Deno.test("deno task ci mirrors the workflow: each phase is a job, in the workflow's order", () => {
  const jobIds = jobs.map(([id]) => id);
  const order = PHASE_IDS.map((id) => jobIds.indexOf(id));
  assertEquals(order.filter((i) => i < 0), [], "every phase has a job of the same name");
  assertEquals(order, [...order].sort((a, b) => a - b), "phases run in the workflow's order");
});

Deno.test("each local phase runs the tasks its workflow job runs", () => {
  const plan = planPhases({
    mode: "full",
    sharedDir: "../shared",
    sampleDocuments: ["a.tex"],
    baseline: ".baseline",
  });
  for (const phase of plan) {
    const job = workflow.jobs[phase.id]!;
    const jobTasks = new Set(stepsOf(job).flatMap((s) => denoTasksInScript(s.run ?? "")));
    // A job that runs `deno task ci --only X` runs the local phase itself.
    if (jobTasks.has("ci")) continue;
    const phaseTasks = new Set(
      phase.steps.flatMap((s) => s.kind === "command" && s.task !== undefined ? [s.task] : []),
    );
    // The nightly shards and their merge live in separate jobs of the workflow.
    if (phase.id === "fuzz") {
      for (const id of ["fuzz-nightly", "fuzz-merge"]) {
        for (const s of stepsOf(workflow.jobs[id]!)) {
          for (const t of denoTasksInScript(s.run ?? "")) jobTasks.add(t);
        }
      }
    }
    assertEquals([...phaseTasks].filter((t) => !jobTasks.has(t)), [], `phase ${phase.id}`);
    assertEquals([...jobTasks].filter((t) => !phaseTasks.has(t)), [], `job ${phase.id}`);
  }
});
