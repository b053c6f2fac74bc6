/**
 * `deno task ci`: runs the phases of the GitHub Actions workflow locally, in the same order, each
 * with a heading and its timing, then prints a summary table and exits non-zero when a phase
 * failed. See ci/README.md.
 *
 * @module
 */

import { fromFileUrl, join } from "@std/path";
import { parseOptions } from "../_tools/options.ts";
import { checkOutputPath } from "../_tools/output_path.ts";
import { runMain } from "../_tools/run_main.ts";
import { UsageError } from "../_tools/usage_error.ts";
import { parse as parseYaml } from "@std/yaml";
import { auditTasks, BARE_READ_EXCEPTIONS, NET_EXCEPTIONS } from "./least_privilege.ts";
import {
  type AuditStep,
  type CommandStep,
  type Mode,
  PHASE_IDS,
  planPhases,
  SIZES,
} from "./phases.ts";
import { runPhases } from "./run_phases.ts";
import { ciSummary, countStatuses, formatSummary } from "./summary.ts";
import { pickSampleDocuments, surveyProject } from "./survey.ts";
import { auditWorkflow, WRITE_SCOPES } from "./workflow_audit.ts";
import { withWrappedCommands } from "./wrapped_tasks.ts";

/** Where the workflow lives, relative to the project root. */
export const WORKFLOW_PATH = ".github/workflows/ci.yml";

const HELP = `deno task ci: run the CI phases locally, in the order of .github/workflows/ci.yml

Usage: deno task ci [--quick | --full [--baseline REV|PATH]] [--only PHASES] [--skip PHASES]
                    [--json PATH] [--fail-fast] [--list]

Phases, in order: ${PHASE_IDS.join(", ")}

Options:
  --quick          Small sizes (the default): ${SIZES.quick.fuzzIterations} fuzz edits in ${SIZES.quick.fuzzShards} shards,
                   the performance suite on tiny documents, a short trace.
  --full           Nightly sizes: ${SIZES.full.fuzzIterations} fuzz edits in ${SIZES.full.fuzzShards} shards, the full performance
                   suite (recorded and gated), the keystroke trace, every corpus document, and
                   coverage and JUnit output of the tests.
  --baseline B     With --full: gate the performance phase against the checkout or commit B with
                   deno task perf:gate --baseline B (alternating processes, as the workflow gates a
                   pull request against its base); without it the full phase gates against the
                   last run recorded on this machine (perf --record --gate).
  --only PHASES    Run only these phases (comma-separated).
  --skip PHASES    Run every phase but these (comma-separated).
  --json PATH      Also write the summary as JSON to PATH (the task may write ci_report.json;
                   schema: ci/ci_report.schema.json). Checked before any phase runs.
  --fail-fast      Stop after the first failed phase (default: run them all, as the workflow does).
  --list           Print the plan (phases and commands) and exit without running it.
  -h, --help       Show this help.

Options take their value as --opt value or --opt=value.
Exit status: 0 when no phase failed (skipped phases do not fail the run), 1 when a phase failed,
2 for a usage or input error. A phase whose task is not in deno.json is reported as skipped (task missing).
Steps that need ../shared (corpus, traces) are skipped with a note when it is absent.`;

/** The options of a run, from the command line. */
export interface CliOptions {
  mode: Mode;
  phases: string[];
  json: string | undefined;
  failFast: boolean;
  list: boolean;
  /** With `--full`: the checkout or commit the performance phase is gated against (`perf:gate`). */
  baseline?: string | undefined;
}

function phaseList(value: unknown, flag: string): string[] {
  if (typeof value !== "string" || value === "") {
    throw new UsageError(`${flag} needs a comma-separated list of phases`);
  }
  const ids = value.split(",").map((s) => s.trim());
  const unknown = ids.filter((id) => !(PHASE_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `${flag}: unknown phase ${unknown.join(", ")}; the phases are ${PHASE_IDS.join(", ")}`,
    );
  }
  return ids;
}

/**
 * Reads the command line.
 *
 * @param args The arguments after `deno task ci`.
 * @returns The options, or `"help"` when help was asked for.
 * @throws {UsageError} For an unknown option, a bad phase name or a missing value.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { parseCliArgs } from "./cli.ts";
 * import { UsageError } from "../_tools/usage_error.ts";
 *
 * const options = parseCliArgs(["--full", "--only", "fuzz,security"]);
 * assertEquals(options !== "help" && options.phases, ["fuzz", "security"]);
 * assertThrows(() => parseCliArgs(["--only", "fuz"]), UsageError, "unknown phase fuz");
 * ```
 */
export function parseCliArgs(args: readonly string[]): CliOptions | "help" {
  const o = parseOptions(args, {
    boolean: ["quick", "full", "fail-fast", "list", "help"],
    string: ["only", "skip", "json", "baseline"],
    alias: { h: "help" },
  });
  if (o.flags.help) return "help";
  const parsed = {
    quick: o.flags.quick === true,
    full: o.flags.full === true,
    only: o.strings.only,
    skip: o.strings.skip,
    json: o.strings.json,
    "fail-fast": o.flags["fail-fast"] === true,
    list: o.flags.list === true,
    baseline: o.strings.baseline,
  };
  if (parsed.quick && parsed.full) throw new UsageError("choose one of --quick and --full");
  if (parsed.baseline !== undefined && !parsed.full) {
    throw new UsageError("--baseline needs --full (the quick performance phase is not gated)");
  }
  if (parsed.only !== undefined && parsed.skip !== undefined) {
    throw new UsageError("choose one of --only and --skip");
  }
  let phases: string[] = [...PHASE_IDS];
  if (parsed.only !== undefined) {
    const only = phaseList(parsed.only, "--only");
    phases = phases.filter((id) => only.includes(id));
  } else if (parsed.skip !== undefined) {
    const skip = phaseList(parsed.skip, "--skip");
    phases = phases.filter((id) => !skip.includes(id));
  }
  return {
    mode: parsed.full ? "full" : "quick",
    phases,
    json: parsed.json,
    failFast: parsed["fail-fast"],
    list: parsed.list,
    baseline: parsed.baseline,
  };
}

async function spawnDeno(
  root: string,
  step: CommandStep,
): Promise<{ code: number; stdout?: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), step.timeoutSeconds * 1000);
  try {
    const child = new Deno.Command("deno", {
      args: step.args,
      cwd: root,
      stdin: "null",
      stdout: step.expectJson === true ? "piped" : "inherit",
      stderr: "inherit",
      signal: controller.signal,
    }).spawn();
    const output = await child.output();
    if (controller.signal.aborted) {
      throw new Error(`timed out after ${step.timeoutSeconds} s and was stopped`);
    }
    return step.expectJson === true
      ? { code: output.code, stdout: new TextDecoder().decode(output.stdout) }
      : { code: output.code };
  } finally {
    clearTimeout(timer);
  }
}

async function runAudit(
  root: string,
  tasks: ReadonlyMap<string, string>,
  step: AuditStep,
): Promise<string[]> {
  if (step.audit === "tasks") {
    const audited = withWrappedCommands(tasks);
    return auditTasks(Object.fromEntries(audited), {
      bareReadExceptions: BARE_READ_EXCEPTIONS,
      netExceptions: NET_EXCEPTIONS,
    })
      .map((v) => `task ${v.task}: ${v.flag}: ${v.message}`);
  }
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, WORKFLOW_PATH));
  } catch (error) {
    return [`cannot read ${WORKFLOW_PATH}: ${error instanceof Error ? error.message : error}`];
  }
  return auditWorkflow(parseYaml(text), { tasks: new Set(tasks.keys()), writeScopes: WRITE_SCOPES })
    .map((f) => `${f.job}: ${f.rule}: ${f.message}`);
}

/**
 * Runs `deno task ci` with these arguments and returns the exit status.
 *
 * @param args The arguments after `deno task ci`.
 * @returns 0 when no phase failed, 1 when one did, 2 for a usage error.
 *
 * @example
 * ```ts ignore
 * Deno.exit(await main(["--only", "security"]));
 * ```
 */
export function main(args: readonly string[]): Promise<number> {
  return runMain("ci", () => run(args));
}

async function run(args: readonly string[]): Promise<number> {
  const options = parseCliArgs(args);
  if (options === "help") {
    console.log(HELP);
    return 0;
  }
  // Checked before the phases run: their minutes must not be lost to a path it may not write.
  if (options.json !== undefined) checkOutputPath(options.json, "--json");
  const root = fromFileUrl(new URL("../", import.meta.url));
  const survey = await surveyProject(root);
  const samples = pickSampleDocuments(survey.corpus, options.mode)
    .map((name) => `${survey.sharedDir}/corpus/${name}`);
  const selected = new Set(options.phases);
  const plan = planPhases({
    mode: options.mode,
    sharedDir: survey.sharedDir,
    sampleDocuments: samples,
    baseline: options.baseline,
  }).filter((phase) => selected.has(phase.id));

  if (options.list) {
    for (const phase of plan) {
      console.log(`${phase.id}: ${phase.title}`);
      for (const step of phase.steps) {
        const what = step.kind === "command"
          ? `deno ${step.args.join(" ")}`
          : step.kind === "audit"
          ? `(in process) ${step.label}`
          : `(skipped: ${step.reason}) ${step.label}`;
        console.log(`  ${what}`);
      }
    }
    return 0;
  }

  const startedAt = new Date();
  const start = performance.now();
  console.log(
    `deno task ci --${options.mode}: ${plan.length} phases, Deno ${Deno.version.deno}, ` +
      `../shared ${survey.sharedDir === undefined ? "absent" : "present"}`,
  );
  const results = await runPhases(plan, {
    tasks: new Set(survey.tasks.keys()),
    audit: (step) => runAudit(root, survey.tasks, step),
    spawn: (step) => spawnDeno(root, step),
    log: (line) => console.log(line),
    failFast: options.failFast,
  });
  const totalSeconds = (performance.now() - start) / 1000;
  console.log("");
  console.log(formatSummary(results, totalSeconds));

  const counts = countStatuses(results);
  if (options.json !== undefined) {
    const summary = ciSummary(results, { mode: options.mode, startedAt, totalSeconds });
    await Deno.writeTextFile(options.json, JSON.stringify(summary, null, 2) + "\n");
  }
  return counts.failed === 0 ? 0 : 1;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
