/**
 * Checks a parsed GitHub Actions workflow (the object `@std/yaml`'s `parse` returns) against the
 * rules of this project: the tasks it runs exist, Deno and every action are pinned, every job
 * states its permissions and only the jobs that must write may, the nightly fuzz shards cover the
 * campaign exactly, a release waits for the full fuzz campaign, and the summary job waits for
 * every other job.
 *
 * @module
 */

import { splitCommands } from "./least_privilege.ts";

/** One rule the workflow breaks. */
export interface WorkflowFinding {
  /** The job id, or `"(workflow)"` for the top level. */
  job: string;
  /** A short rule name, e.g. `"task-exists"`. */
  rule: string;
  /** What is wrong, as a sentence. */
  message: string;
}

/** Options of {@linkcode auditWorkflow}. */
export interface WorkflowAuditOptions {
  /** The names of the tasks in `deno.json`. */
  tasks: ReadonlySet<string>;
  /** Jobs allowed a `write` scope, each mapped to the scopes it may write. @default {} */
  writeScopes?: Readonly<Record<string, readonly string[]>>;
  /** The id of the job that reports on all the others. @default "summary" */
  summaryJob?: string;
  /** The id of the job that publishes a release. @default "release" */
  releaseJob?: string;
  /** The fewest fuzz edits the campaign a release waits for must run. @default 1_000_000 */
  releaseFuzzEdits?: number;
}

/** The jobs of this project's workflow that write, and what each writes. */
export const WRITE_SCOPES: Readonly<Record<string, readonly string[]>> = {
  // JSR publishes with provenance by proving the run's identity through an OIDC token.
  release: ["id-token"],
  // github-action-benchmark commits the benchmark history to the gh-pages branch.
  "benchmark-history": ["contents"],
};

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The names of the tasks a shell script runs with `deno task NAME`, in order, repeats kept.
 * Lines ending in a backslash continue on the next line; flags of `deno task` itself
 * (`-q`, `--cwd DIR`, `--config FILE`) are skipped.
 *
 * @param script The `run:` text of a step.
 * @returns The task names.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { denoTasksInScript } from "./workflow_audit.ts";
 *
 * const script = "deno task test --coverage=cov\nif [ -d x ]; then deno task -q replay; fi";
 * assertEquals(denoTasksInScript(script), ["test", "replay"]);
 * ```
 */
export function denoTasksInScript(script: string): string[] {
  const names: string[] = [];
  const joined = script.replace(/\\\r?\n/g, " ");
  for (const line of joined.split(/\r?\n/)) {
    for (const words of splitCommands(line)) {
      for (let i = 0; i + 1 < words.length; i++) {
        if (words[i] !== "deno" || words[i + 1] !== "task") continue;
        let j = i + 2;
        while (j < words.length && words[j]!.startsWith("-")) {
          const flag = words[j]!;
          j += flag === "--cwd" || flag === "--config" || flag === "-c" ? 2 : 1;
        }
        const name = words[j];
        if (name !== undefined) names.push(name);
      }
    }
  }
  return names;
}

/**
 * Checks that a list of shard numbers is exactly 1..total, each once.
 *
 * @param shards The values of the job's `matrix.shard`.
 * @param total The N of `--shard I/N`.
 * @returns A message when the shards do not cover 1..total exactly, else undefined.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { shardCoverageProblem } from "./workflow_audit.ts";
 *
 * assertEquals(shardCoverageProblem([1, 2, 3, 4], 4), undefined);
 * assertEquals(shardCoverageProblem([1, 2, 2, 4], 4), "shards 1..4: missing 3, repeated 2");
 * ```
 */
export function shardCoverageProblem(
  shards: readonly unknown[],
  total: number,
): string | undefined {
  if (!Number.isInteger(total) || total < 1) {
    return `shard total ${total} is not a positive integer`;
  }
  const bad = shards.filter((s) =>
    !Number.isInteger(s) || (s as number) < 1 || (s as number) > total
  );
  const seen = new Map<number, number>();
  for (const s of shards) {
    if (Number.isInteger(s)) seen.set(s as number, (seen.get(s as number) ?? 0) + 1);
  }
  const missing: number[] = [];
  for (let i = 1; i <= total; i++) if (!seen.has(i)) missing.push(i);
  const repeated = [...seen].filter(([s, n]) => n > 1 && s >= 1 && s <= total).map(([s]) => s);
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing ${missing.join(", ")}`);
  if (repeated.length > 0) parts.push(`repeated ${repeated.join(", ")}`);
  if (bad.length > 0) parts.push(`out of range ${bad.map((b) => JSON.stringify(b)).join(", ")}`);
  return parts.length === 0 ? undefined : `shards 1..${total}: ${parts.join(", ")}`;
}

/** An exact Deno version such as `2.9.6` (not `v2.x`, `2.x`, `lts`, `latest` or `canary`). */
const EXACT_VERSION = /^\d+\.\d+\.\d+$/;
/** An action reference pinned to a major tag, a full version tag, or a commit. */
const PINNED_REF = /^(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;

/** The steps of a job, each as a mapping (anything else is dropped). */
function stepsOf(job: Mapping): Mapping[] {
  return Array.isArray(job.steps) ? job.steps.filter(isMapping) : [];
}

function checkSteps(id: string, job: Mapping, options: WorkflowAuditOptions): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const reported = new Set<string>();
  for (const step of stepsOf(job)) {
    if (typeof step.run === "string") {
      for (const task of denoTasksInScript(step.run)) {
        if (!options.tasks.has(task) && !reported.has(task)) {
          reported.add(task);
          findings.push({
            job: id,
            rule: "task-exists",
            message: `runs \`deno task ${task}\`, which deno.json does not define`,
          });
        }
      }
    }
    if (typeof step.uses !== "string") continue;
    const [action, ref] = step.uses.split("@");
    if (!step.uses.startsWith("./") && (ref === undefined || !PINNED_REF.test(ref))) {
      findings.push({
        job: id,
        rule: "action-pinned",
        message: `uses ${step.uses}; pin it to a version tag or a commit`,
      });
    }
    if (action === "denoland/setup-deno") findings.push(...checkSetupDeno(id, step));
  }
  return findings;
}

function checkSetupDeno(id: string, step: Mapping): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const inputs = isMapping(step.with) ? step.with : {};
  const version = String(inputs["deno-version"] ?? "(default)");
  if (!EXACT_VERSION.test(version)) {
    findings.push({
      job: id,
      rule: "setup-deno-pinned",
      message: `setup-deno installs Deno ${version}; pin an exact version such as 2.9.6`,
    });
  }
  if (inputs.cache !== true || !String(inputs["cache-hash"] ?? "").includes("deno.lock")) {
    findings.push({
      job: id,
      rule: "setup-deno-cache",
      message: "setup-deno must cache with `cache: true` and a cache-hash of deno.lock",
    });
  }
  return findings;
}

function checkPermissions(
  id: string,
  job: Mapping,
  options: WorkflowAuditOptions,
): WorkflowFinding[] {
  if (!isMapping(job.permissions)) {
    return [{
      job: id,
      rule: "job-permissions",
      message: job.permissions === undefined
        ? "has no permissions block"
        : `permissions is ${JSON.stringify(job.permissions)}; list each scope`,
    }];
  }
  const allowed = options.writeScopes?.[id] ?? [];
  return Object.entries(job.permissions)
    .filter(([scope, level]) => level === "write" && !allowed.includes(scope))
    .map(([scope]) => ({
      job: id,
      rule: "write-scopes",
      message: `writes ${scope}, which only ${
        Object.entries(options.writeScopes ?? {}).filter(([, s]) => s.includes(scope))
          .map(([j]) => j).join(", ") || "no job"
      } may`,
    }));
}

/** `--shard ${{ matrix.shard }}/N` in a run script: the N. */
const SHARD_FLAG = /--shard[= ]+\$\{\{\s*matrix\.shard\s*\}\}\/(\d+)/;

function checkShards(id: string, job: Mapping): WorkflowFinding[] {
  const totals = stepsOf(job).flatMap((step) => {
    const m = typeof step.run === "string" ? SHARD_FLAG.exec(step.run) : null;
    return m === null ? [] : [Number(m[1])];
  });
  if (totals.length === 0) return [];
  const strategy = isMapping(job.strategy) ? job.strategy : {};
  const matrix = isMapping(strategy.matrix) ? strategy.matrix : {};
  const shards = Array.isArray(matrix.shard) ? matrix.shard : [];
  return totals.flatMap((total) => {
    const problem = shardCoverageProblem(shards, total);
    return problem === undefined ? [] : [{ job: id, rule: "fuzz-shards", message: problem }];
  });
}

const TAG_CONDITION = "refs/tags/v";
const ITERATIONS_FLAG = /--iterations[= ]+(\d[\d_]*)/;

function needsOf(job: Mapping): unknown[] {
  return Array.isArray(job.needs) ? job.needs : job.needs === undefined ? [] : [job.needs];
}

/**
 * The release must wait for the full fuzz campaign: it needs a job that merges the shard
 * reports (runs `deno task fuzz:merge`) and the sharded job that merge waits for; both run on
 * a release tag, and the shards run at least `minEdits` edits in all.
 */
function checkReleaseFuzz(jobs: Mapping, releaseId: string, minEdits: number): WorkflowFinding[] {
  const release = jobs[releaseId];
  if (!isMapping(release)) return [];
  const finding = (message: string) => ({ job: releaseId, rule: "release-fuzz", message });
  const job = (id: unknown) => (isMapping(jobs[String(id)]) ? jobs[String(id)] as Mapping : {});
  const runsTask = (j: Mapping, task: string) =>
    stepsOf(j).some((s) => typeof s.run === "string" && denoTasksInScript(s.run).includes(task));
  const mergeId = needsOf(release).find((id) => runsTask(job(id), "fuzz:merge"));
  if (mergeId === undefined) {
    return [finding("does not wait for the job that merges the full fuzz campaign (fuzz:merge)")];
  }
  const shardId = needsOf(job(mergeId)).find((id) =>
    stepsOf(job(id)).some((s) => typeof s.run === "string" && SHARD_FLAG.test(s.run))
  );
  if (shardId === undefined) return [finding(`${mergeId} does not wait for a sharded fuzz job`)];
  const findings: WorkflowFinding[] = [];
  if (!needsOf(release).includes(shardId)) {
    findings.push(finding(`does not wait for the fuzz shards (${shardId})`));
  }
  for (const id of [shardId, mergeId]) {
    const condition = job(id).if;
    if (typeof condition === "string" && !condition.includes(TAG_CONDITION)) {
      findings.push(
        finding(`${id} does not run on a release tag (its if: names no ${TAG_CONDITION})`),
      );
    }
  }
  const edits = stepsOf(job(shardId)).flatMap((s) => {
    const m = typeof s.run === "string" ? ITERATIONS_FLAG.exec(s.run) : null;
    return m === null ? [] : [Number(m[1]!.replaceAll("_", ""))];
  });
  if (edits.length === 0 || Math.max(...edits) < minEdits) {
    findings.push(finding(`the campaign of ${shardId} runs fewer than ${minEdits} edits`));
  }
  return findings;
}

function checkSummary(jobs: Mapping, summaryId: string): WorkflowFinding[] {
  const summary = jobs[summaryId];
  if (!isMapping(summary)) {
    return [{ job: summaryId, rule: "summary", message: "the workflow has no summary job" }];
  }
  const needs = Array.isArray(summary.needs) ? summary.needs : [summary.needs];
  const findings: WorkflowFinding[] = Object.keys(jobs)
    .filter((id) => id !== summaryId && !needs.includes(id))
    .map((id) => ({ job: summaryId, rule: "summary", message: `does not wait for job ${id}` }));
  if (typeof summary.if !== "string" || !summary.if.includes("always()")) {
    findings.push({
      job: summaryId,
      rule: "summary",
      message: "must run with `if: always()` so it reports failed and skipped jobs too",
    });
  }
  return findings;
}

/**
 * Audits a parsed workflow against the project's CI rules.
 *
 * @param workflow The object `parse` from `@std/yaml` returned for the workflow file.
 * @param options The tasks that exist, the jobs allowed to write, the summary job's id.
 * @returns Every finding; empty when the workflow follows the rules.
 *
 * @example A job that runs a missing task and has no permissions block
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { auditWorkflow } from "./workflow_audit.ts";
 *
 * const workflow = {
 *   permissions: {},
 *   jobs: {
 *     a: { "runs-on": "ubuntu-latest", steps: [{ run: "deno task nope" }] },
 *     summary: { needs: ["a"], if: "always()", permissions: {}, steps: [] },
 *   },
 * };
 * const rules = auditWorkflow(workflow, { tasks: new Set(["test"]) }).map((f) => f.rule);
 * assertEquals(rules, ["job-permissions", "task-exists"]);
 * ```
 */
export function auditWorkflow(workflow: unknown, options: WorkflowAuditOptions): WorkflowFinding[] {
  if (!isMapping(workflow) || !isMapping(workflow.jobs)) {
    return [{ job: "(workflow)", rule: "shape", message: "the workflow has no jobs mapping" }];
  }
  const findings: WorkflowFinding[] = [];
  if (!isMapping(workflow.permissions) || Object.keys(workflow.permissions).length > 0) {
    findings.push({
      job: "(workflow)",
      rule: "workflow-permissions",
      message: "the top level must set `permissions: {}` so a job without its own block gets none",
    });
  }
  for (const [id, job] of Object.entries(workflow.jobs)) {
    if (!isMapping(job)) {
      findings.push({ job: id, rule: "shape", message: "the job is not a mapping" });
      continue;
    }
    findings.push(
      ...checkPermissions(id, job, options),
      ...checkSteps(id, job, options),
      ...checkShards(id, job),
    );
  }
  findings.push(
    ...checkReleaseFuzz(
      workflow.jobs,
      options.releaseJob ?? "release",
      options.releaseFuzzEdits ?? 1_000_000,
    ),
    ...checkSummary(workflow.jobs, options.summaryJob ?? "summary"),
  );
  return findings;
}
