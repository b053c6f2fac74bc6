import { assertEquals } from "@std/assert";
import { auditWorkflow, denoTasksInScript, shardCoverageProblem } from "./workflow_audit.ts";

const setupDeno = (version: unknown, extra: Record<string, unknown> = {}) => ({
  uses: "denoland/setup-deno@v2",
  with: {
    "deno-version": version,
    cache: true,
    "cache-hash": "${{ hashFiles('deno.lock') }}",
    ...extra,
  },
});

/** A workflow that follows every rule; each test breaks one thing in a copy of it. */
function goodWorkflow() {
  return {
    permissions: {},
    jobs: {
      test: {
        "runs-on": "ubuntu-latest",
        permissions: { contents: "read" },
        steps: [{ uses: "actions/checkout@v4" }, setupDeno("2.9.6"), { run: "deno task test" }],
      },
      fuzz: {
        "runs-on": "ubuntu-latest",
        if: "github.event_name == 'schedule' || startsWith(github.ref, 'refs/tags/v')",
        permissions: { contents: "read" },
        strategy: { matrix: { shard: [1, 2, 3] } },
        steps: [{ run: "deno task fuzz --iterations 1000000 --shard ${{ matrix.shard }}/3" }],
      },
      "fuzz-merge": {
        "runs-on": "ubuntu-latest",
        needs: "fuzz",
        if: "always() && startsWith(github.ref, 'refs/tags/v')",
        permissions: { contents: "read" },
        steps: [{ run: "deno task fuzz:merge --out r.json fuzz/reports/*.json" }],
      },
      release: {
        "runs-on": "ubuntu-latest",
        needs: ["test", "fuzz", "fuzz-merge"],
        permissions: { contents: "read", "id-token": "write" },
        steps: [{ run: "deno publish" }],
      },
      summary: {
        needs: ["test", "fuzz", "fuzz-merge", "release"],
        if: "always()",
        permissions: {},
        steps: [],
      },
    },
  };
}

const options = {
  tasks: new Set(["test", "fuzz", "fuzz:merge"]),
  writeScopes: { release: ["id-token"] },
};
const rules = (workflow: unknown) =>
  auditWorkflow(workflow, options).map((f) => `${f.job} ${f.rule}`);

Deno.test("auditWorkflow() passes a workflow that follows every rule", () => {
  assertEquals(auditWorkflow(goodWorkflow(), options), []);
});

Deno.test("auditWorkflow() flags a deno task that deno.json lacks", () => {
  const w = goodWorkflow();
  w.jobs.test.steps.push({ run: "deno task tset" });
  assertEquals(rules(w), ["test task-exists"]);
});

Deno.test("auditWorkflow() flags setup-deno without an exact version or lock-keyed cache", async (t) => {
  for (const version of ["v2.x", "2.x", "latest", "lts", "canary", "~2.9", undefined, 2.9]) {
    await t.step(`deno-version ${version}`, () => {
      const w = goodWorkflow();
      w.jobs.test.steps[1] = setupDeno(version);
      assertEquals(rules(w), ["test setup-deno-pinned"]);
    });
  }
  await t.step("cache off", () => {
    const w = goodWorkflow();
    w.jobs.test.steps[1] = setupDeno("2.9.6", { cache: false });
    assertEquals(rules(w), ["test setup-deno-cache"]);
  });
  await t.step("cache keyed on something else", () => {
    const w = goodWorkflow();
    w.jobs.test.steps[1] = setupDeno("2.9.6", { "cache-hash": "${{ github.sha }}" });
    assertEquals(rules(w), ["test setup-deno-cache"]);
  });
});

Deno.test("auditWorkflow() flags actions not pinned to a version or commit", () => {
  for (const uses of ["actions/checkout@main", "actions/checkout", "denoland/setup-deno@latest"]) {
    const w = goodWorkflow();
    w.jobs.test.steps[0] = { uses };
    assertEquals(rules(w).includes("test action-pinned"), true, uses);
  }
  const w = goodWorkflow();
  w.jobs.test.steps[0] = { uses: "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683" };
  assertEquals(rules(w), []);
});

Deno.test("auditWorkflow() flags a job without permissions, or with a blanket string", () => {
  const w = goodWorkflow();
  delete (w.jobs.fuzz as { permissions?: unknown }).permissions;
  (w.jobs.test as { permissions: unknown }).permissions = "write-all";
  assertEquals(rules(w), ["test job-permissions", "fuzz job-permissions"]);
});

Deno.test("auditWorkflow() flags write scopes outside the allowed jobs and a non-empty top level", () => {
  const w = goodWorkflow();
  (w.jobs.test.permissions as Record<string, string>).contents = "write";
  (w.jobs.release.permissions as Record<string, string>).contents = "write";
  (w as { permissions: unknown }).permissions = { contents: "read" };
  assertEquals(rules(w), [
    "(workflow) workflow-permissions",
    "test write-scopes",
    "release write-scopes",
  ]);
});

Deno.test("auditWorkflow() flags fuzz shards that do not cover 1..N exactly", () => {
  for (const shard of [[1, 2], [1, 2, 3, 4], [0, 1, 2], [1, 1, 3], ["1", 2, 3]]) {
    const w = goodWorkflow();
    w.jobs.fuzz.strategy.matrix.shard = shard as number[];
    assertEquals(rules(w), ["fuzz fuzz-shards"], JSON.stringify(shard));
  }
});

Deno.test("auditWorkflow() flags a summary job that does not wait for all or skips on failure", () => {
  const w = goodWorkflow();
  w.jobs.summary.needs = ["test", "fuzz", "fuzz-merge"];
  w.jobs.summary.if = "success()";
  assertEquals(rules(w), ["summary summary", "summary summary"]);
  const noSummary = goodWorkflow() as { jobs: Record<string, unknown> };
  delete noSummary.jobs.summary;
  assertEquals(rules(noSummary), ["summary summary"]);
});

Deno.test("auditWorkflow() refuses a document that is not a workflow", () => {
  assertEquals(rules(null), ["(workflow) shape"]);
  assertEquals(rules({ jobs: [] }), ["(workflow) shape"]);
});

Deno.test("denoTasksInScript() finds tasks after flags, across lines and continuations", () => {
  assertEquals(
    denoTasksInScript(
      "deno task -q --cwd sub perf --record\n" +
        "(cd base && deno task perf) || true\n" +
        "deno task \\\n  fuzz:merge a.json\n" +
        "echo deno tasks; deno fmt",
    ),
    ["perf", "perf", "fuzz:merge"],
  );
  // "deno task" alone lists the tasks: it runs none.
  assertEquals(denoTasksInScript("deno task"), []);
});

Deno.test("shardCoverageProblem() names what is missing, repeated or out of range", () => {
  assertEquals(shardCoverageProblem([3, 1, 2], 3), undefined);
  assertEquals(shardCoverageProblem([], 2), "shards 1..2: missing 1, 2");
  assertEquals(shardCoverageProblem([1, 2, 5], 2), "shards 1..2: out of range 5");
  assertEquals(shardCoverageProblem([1], 0), "shard total 0 is not a positive integer");
});

Deno.test("auditWorkflow() flags a release that does not wait for the full fuzz campaign", () => {
  const releaseFuzz = (workflow: ReturnType<typeof goodWorkflow>) =>
    auditWorkflow(workflow, options).filter((f) => f.rule === "release-fuzz").map((f) => f.message);
  const noMerge = goodWorkflow();
  noMerge.jobs.release.needs = ["test", "fuzz"];
  assertEquals(releaseFuzz(noMerge), [
    "does not wait for the job that merges the full fuzz campaign (fuzz:merge)",
  ]);
  const noShards = goodWorkflow();
  noShards.jobs.release.needs = ["test", "fuzz-merge"];
  assertEquals(releaseFuzz(noShards), ["does not wait for the fuzz shards (fuzz)"]);
  const notOnTags = goodWorkflow();
  notOnTags.jobs.fuzz.if = "github.event_name == 'schedule'";
  assertEquals(releaseFuzz(notOnTags), [
    "fuzz does not run on a release tag (its if: names no refs/tags/v)",
  ]);
  const short = goodWorkflow();
  short.jobs.fuzz.steps = [{
    run: "deno task fuzz --iterations 20000 --shard ${{ matrix.shard }}/3",
  }];
  assertEquals(releaseFuzz(short), ["the campaign of fuzz runs fewer than 1000000 edits"]);
});
