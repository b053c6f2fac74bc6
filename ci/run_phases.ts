/**
 * Runs the planned phases one after another: a heading per phase, each step timed, `deno`
 * spawned through `Deno.Command` with the output streamed through, and the audits done in this
 * process. A phase whose task is missing from `deno.json` is skipped with a note, not crashed.
 *
 * @module
 */

import type { AuditStep, CommandStep, Phase, Step } from "./phases.ts";

/** How a step or a phase ended. */
export type Status = "passed" | "failed" | "skipped";

/** The result of one step. */
export interface StepResult {
  label: string;
  /** The command line, for command steps. */
  command?: string;
  status: Status;
  /** Why it failed or was skipped. */
  note?: string;
  /** The subprocess's exit code, for command steps that ran. */
  exitCode?: number;
  seconds: number;
}

/** The result of one phase. */
export interface PhaseResult {
  id: string;
  title: string;
  status: Status;
  note?: string;
  seconds: number;
  steps: StepResult[];
}

/** What the runner needs from its surroundings; tests pass doubles. */
export interface RunContext {
  /** The names of the tasks in `deno.json`. */
  tasks: ReadonlySet<string>;
  /** Runs an audit step and returns its problems, one sentence each (empty when it passes). */
  audit(step: AuditStep): Promise<string[]>;
  /** Spawns `deno` with these arguments; resolves with the exit code (and stdout when captured). */
  spawn(step: CommandStep): Promise<{ code: number; stdout?: string }>;
  /** Prints a line of the run's log. */
  log(line: string): void;
  /** Stop at the first failed phase. @default false */
  failFast?: boolean;
}

/**
 * Combines step results into the phase's status: failed when a step failed; skipped when every
 * step was skipped; passed otherwise, noting how many steps were skipped.
 *
 * @param steps The phase's step results.
 * @returns The status and an optional note.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { phaseStatus } from "./run_phases.ts";
 *
 * const skipped = { label: "a", status: "skipped" as const, note: "task missing: x", seconds: 0 };
 * const passed = { label: "b", status: "passed" as const, seconds: 1 };
 * assertEquals(phaseStatus([skipped]), { status: "skipped", note: "task missing: x" });
 * assertEquals(phaseStatus([passed, skipped]), { status: "passed", note: "1 step skipped" });
 * ```
 */
export function phaseStatus(steps: readonly StepResult[]): { status: Status; note?: string } {
  const failed = steps.filter((s) => s.status === "failed");
  const skipped = steps.filter((s) => s.status === "skipped");
  if (failed.length > 0) {
    return { status: "failed", note: failed.map((s) => s.label).join("; ") };
  }
  if (steps.length === 0 || skipped.length === steps.length) {
    const reasons = [...new Set(skipped.map((s) => s.note ?? "skipped"))];
    return { status: "skipped", note: reasons.join("; ") || "no steps" };
  }
  if (skipped.length > 0) {
    const n = skipped.length;
    return { status: "passed", note: `${n} step${n === 1 ? "" : "s"} skipped` };
  }
  return { status: "passed" };
}

/**
 * Formats seconds for a log or a table: `0.4 s`, `12.3 s`, `3 m 05 s`.
 *
 * @param seconds A duration.
 * @returns The readable duration.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatSeconds } from "./run_phases.ts";
 *
 * assertEquals(formatSeconds(12.34), "12.3 s");
 * assertEquals(formatSeconds(185), "3 m 05 s");
 * ```
 */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return `${m} m ${String(s).padStart(2, "0")} s`;
}

async function runStep(step: Step, ctx: RunContext): Promise<StepResult> {
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  if (step.kind === "skip") {
    return { label: step.label, status: "skipped", note: step.reason, seconds: 0 };
  }
  if (step.kind === "audit") {
    const problems = await ctx.audit(step);
    for (const p of problems) ctx.log(`    ${p}`);
    return problems.length === 0 ? { label: step.label, status: "passed", seconds: elapsed() } : {
      label: step.label,
      status: "failed",
      note: `${problems.length} problem${problems.length === 1 ? "" : "s"}`,
      seconds: elapsed(),
    };
  }
  const command = ["deno", ...step.args].join(" ");
  if (step.task !== undefined && !ctx.tasks.has(step.task)) {
    return {
      label: step.label,
      command,
      status: "skipped",
      note: `task missing: ${step.task}`,
      seconds: 0,
    };
  }
  ctx.log(`  $ ${command}`);
  let code: number;
  let stdout: string | undefined;
  try {
    ({ code, stdout } = await ctx.spawn(step));
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    return { label: step.label, command, status: "failed", note, seconds: elapsed() };
  }
  if (code !== 0) {
    return {
      label: step.label,
      command,
      status: "failed",
      note: step.exitNotes?.[code] ?? `exit code ${code}`,
      exitCode: code,
      seconds: elapsed(),
    };
  }
  if (step.expectJson === true) {
    try {
      JSON.parse(stdout ?? "");
    } catch {
      return {
        label: step.label,
        command,
        status: "failed",
        note: "its output is not valid JSON",
        exitCode: code,
        seconds: elapsed(),
      };
    }
  }
  return { label: step.label, command, status: "passed", exitCode: code, seconds: elapsed() };
}

/**
 * Runs the phases in order and returns their results. Every phase runs even after a failure
 * (as the workflow's jobs do) unless `ctx.failFast` is set, in which case the rest are skipped.
 *
 * @param phases The plan from `planPhases`.
 * @param ctx The tasks that exist, how to spawn and audit, where to log.
 * @returns One result per phase, in order.
 *
 * @example A phase whose task is missing is skipped, not failed
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { runPhases } from "./run_phases.ts";
 *
 * const phases = [{
 *   id: "fuzz",
 *   title: "Fuzzing",
 *   steps: [{ kind: "command" as const, label: "fuzz", args: ["task", "fuzz"], task: "fuzz", timeoutSeconds: 1 }],
 * }];
 * const results = await runPhases(phases, {
 *   tasks: new Set(),
 *   audit: () => Promise.resolve([]),
 *   spawn: () => Promise.resolve({ code: 0 }),
 *   log: () => {},
 * });
 * assertEquals(results[0]!.status, "skipped");
 * assertEquals(results[0]!.note, "task missing: fuzz");
 * ```
 */
export async function runPhases(
  phases: readonly Phase[],
  ctx: RunContext,
): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  let stopped = false;
  for (const [index, phase] of phases.entries()) {
    if (stopped) {
      results.push({
        id: phase.id,
        title: phase.title,
        status: "skipped",
        note: "an earlier phase failed (--fail-fast)",
        seconds: 0,
        steps: [],
      });
      continue;
    }
    ctx.log("");
    ctx.log(`== [${index + 1}/${phases.length}] ${phase.id}: ${phase.title} ==`);
    const start = performance.now();
    const steps: StepResult[] = [];
    for (const step of phase.steps) {
      // Sequential on purpose: steps share two cores and later steps read earlier outputs.
      const result = await runStep(step, ctx);
      steps.push(result);
      const note = result.note === undefined ? "" : ` (${result.note})`;
      ctx.log(`  ${result.status} in ${formatSeconds(result.seconds)}: ${step.label}${note}`);
    }
    const { status, note } = phaseStatus(steps);
    const seconds = (performance.now() - start) / 1000;
    ctx.log(`-- ${phase.id} ${status} in ${formatSeconds(seconds)}${note ? ` (${note})` : ""}`);
    results.push({
      id: phase.id,
      title: phase.title,
      status,
      ...(note === undefined ? {} : { note }),
      seconds,
      steps,
    });
    if (status === "failed" && ctx.failFast === true) stopped = true;
  }
  return results;
}
