/**
 * The plan of `deno task ci`: the phases of the GitHub Actions workflow, in its order, as data.
 *
 * Planning is pure: {@linkcode planPhases} takes what the runner found on the machine (the tasks
 * in `deno.json`, whether `../shared` exists, which sample documents it holds) and returns the
 * steps. Running them is `run_phases.ts`'s job.
 *
 * @module
 */

/** How large a run is: `quick` keeps to a few minutes on two cores; `full` is the nightly size. */
export type Mode = "quick" | "full";

/** A `deno` subprocess. */
export interface CommandStep {
  kind: "command";
  /** What the step checks, for the heading and the summary. */
  label: string;
  /** The arguments after `deno`. */
  args: string[];
  /** The `deno task` this step runs, if any: the step is skipped when the task is missing. */
  task?: string;
  /** Parse the subprocess's standard output as JSON and fail when it is not. @default false */
  expectJson?: boolean;
  /** Stop the subprocess after this many seconds. */
  timeoutSeconds: number;
  /** What particular exit codes mean, for the summary (e.g. a tool that is not installed). */
  exitNotes?: Readonly<Record<number, string>>;
}

/** A check that `deno task ci` does in its own process. */
export interface AuditStep {
  kind: "audit";
  label: string;
  /** `tasks`: least-privilege flags of every task; `workflow`: the rules of ci.yml. */
  audit: "tasks" | "workflow";
}

/** A step that cannot run here, kept in the plan so the summary says why. */
export interface SkipStep {
  kind: "skip";
  label: string;
  reason: string;
}

/** One step of a phase. */
export type Step = CommandStep | AuditStep | SkipStep;

/** One phase: the local mirror of a workflow job. */
export interface Phase {
  /** The phase's name, also the id of the workflow job it mirrors. */
  id: string;
  title: string;
  steps: Step[];
}

/** What the runner found on this machine, and how large the run is. */
export interface PlanInput {
  mode: Mode;
  /** Where `../shared` is, relative to the project root, or undefined when it is absent. */
  sharedDir?: string | undefined;
  /** Sample documents of the shared corpus to lex, relative to the project root. */
  sampleDocuments?: readonly string[];
  /** Full mode: the checkout or commit the performance suite is gated against with `perf:gate`. */
  baseline?: string | undefined;
}

/** The phase ids, in the order of the workflow. */
export const PHASE_IDS = [
  "proofs",
  "lint-types",
  "test",
  "performance",
  "fuzz",
  "integration",
  "security",
  "release",
] as const;

/**
 * Sizes of the two modes, each with why. `quick` must keep the whole run within a few minutes
 * on two shared cores; `full` matches the nightly workflow.
 */
export const SIZES = {
  quick: {
    /** Enough edits for several episodes, in two shards so that merging is exercised too. */
    fuzzIterations: 50_000,
    fuzzShards: 2,
    /** The shortest trace with multi-line edits (256 revisions of one chapter). */
    trace: "traces/hott-book-basics-git-history.json.gz",
    /** A guard against a hang, not a speed gate: two busy cores can make the tests slow. */
    stepTimeoutSeconds: 1800,
  },
  full: {
    /** The nightly campaign: one million edits over the same number of shards as the workflow. */
    fuzzIterations: 1_000_000,
    fuzzShards: 8,
    /** The keystroke trace: 259,778 single-character edits. */
    trace: "traces/automerge-paper.json.gz",
    stepTimeoutSeconds: 7200,
  },
} as const;

/**
 * The local campaign's seed: fixed, so that two local runs check the same edits and a failure
 * found here reproduces from the command line the summary prints.
 */
export const FUZZ_SEED = 1;

/** The rules `deno lint` adds in the security audit, on top of the configured tags. */
export const SECURITY_LINT_RULES = [
  "no-eval", // no code from strings
  // Not no-external-import: it also refuses `node:` built-ins such as node:sqlite, which the
  // project uses on purpose. no-import-prefix already refuses `https:`, `npm:` and `jsr:` URLs.
  "no-import-prefix", // dependencies only through deno.json imports, which the lockfile pins
  "no-unversioned-import",
  "no-deprecated-deno-api",
  "no-process-global", // Node's process would bypass the Deno permission model's intent
  "no-node-globals",
  "no-global-assign",
  "no-prototype-builtins",
  "no-sloppy-imports",
] as const;

function task(
  label: string,
  name: string,
  args: readonly string[],
  timeoutSeconds: number,
): CommandStep {
  return { kind: "command", label, args: ["task", name, ...args], task: name, timeoutSeconds };
}

function deno(label: string, args: readonly string[], timeoutSeconds: number): CommandStep {
  return { kind: "command", label, args: [...args], timeoutSeconds };
}

function fuzzSteps(mode: Mode, timeout: number): Step[] {
  const { fuzzIterations, fuzzShards } = SIZES[mode];
  const steps: Step[] = [];
  const reports: string[] = [];
  for (let shard = 1; shard <= fuzzShards; shard++) {
    // fuzz/reports/ is where the fuzz task may write (its --allow-write list).
    const report = `fuzz/reports/ci-shard-${shard}-of-${fuzzShards}.json`;
    reports.push(report);
    steps.push(task(
      `fuzz shard ${shard}/${fuzzShards} of ${fuzzIterations} edits (seed ${FUZZ_SEED})`,
      "fuzz",
      [
        "--iterations",
        String(fuzzIterations),
        "--seed",
        String(FUZZ_SEED),
        "--shard",
        `${shard}/${fuzzShards}`,
        "--report",
        report,
      ],
      timeout,
    ));
  }
  steps.push(
    task(
      "merge the shard reports",
      "fuzz:merge",
      ["--out", "fuzz_report.json", ...reports],
      timeout,
    ),
  );
  return steps;
}

function integrationSteps(input: PlanInput, timeout: number): Step[] {
  const steps: Step[] = [
    { ...task("lex the embedded sample as JSON", "lex", ["--json"], timeout), expectJson: true },
  ];
  if (input.sharedDir === undefined) {
    steps.push({
      kind: "skip",
      label: "lex corpus documents, replay a trace",
      reason: "../shared is absent",
    });
    return steps;
  }
  for (const doc of input.sampleDocuments ?? []) {
    steps.push({
      ...task(`lex ${doc} as JSON`, "lex", ["--json", doc], timeout),
      expectJson: true,
    });
  }
  const trace = `${input.sharedDir}/${SIZES[input.mode].trace}`;
  steps.push(task(`replay ${trace}`, "replay", ["--trace", trace], timeout));
  return steps;
}

/**
 * Plans the phases of a local CI run, in the workflow's order.
 *
 * @param input The mode and what exists on this machine.
 * @returns The phases with their steps.
 *
 * @example The quick plan runs the fuzzer in two shards and merges them
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { planPhases } from "./phases.ts";
 *
 * const fuzz = planPhases({ mode: "quick" }).find((p) => p.id === "fuzz")!;
 * const tasks = fuzz.steps.map((s) => s.kind === "command" ? s.task : s.kind);
 * assertEquals(tasks, ["fuzz", "fuzz", "fuzz:merge"]);
 * ```
 */
export function planPhases(input: PlanInput): Phase[] {
  const t = SIZES[input.mode].stepTimeoutSeconds;
  const full = input.mode === "full";
  return [
    {
      id: "proofs",
      title: "Formal verification (Coq)",
      steps: [{
        ...task("build the proofs, check assumptions and admits, coqchk", "verify", [], t),
        // verify's documented status for a machine without Coq: say how to install it.
        exitNotes: {
          2: "usage or input error; if Coq, make or OCaml is missing: apt-get install -y coq ocaml make",
        },
      }, {
        ...task(
          "the extracted Coq lexer against the TypeScript lexer",
          "oracle",
          ["--no-traces", "--documents", "20"],
          t,
        ),
        exitNotes: { 2: "usage or input error; the driver is built by `deno task verify` first" },
      }, task("a one-rule mutant of the Coq lexer must be caught", "oracle:mutant", [], t)],
    },
    {
      id: "lint-types",
      title: "Lint and types",
      steps: [
        deno("format", ["fmt", "--check"], t),
        deno("lint", ["lint"], t),
        deno("type-check", ["check"], t),
        deno("documentation lint of the public API", ["doc", "--lint", "mod.ts"], t),
        deno("publish dry run", ["publish", "--dry-run", "--allow-dirty"], t),
      ],
    },
    {
      id: "test",
      title: "Unit, property and doc tests",
      steps: full
        ? [
          task("tests with coverage and JUnit output", "test", [
            "--coverage=.coverage",
            "--junit-path=.coverage/junit.xml",
          ], t),
          deno("coverage as lcov", [
            "coverage",
            ".coverage",
            "--lcov",
            "--output=.coverage/lcov.info",
          ], t),
        ]
        : [task("tests", "test", [], t)],
    },
    {
      id: "performance",
      title: "Performance",
      steps: [
        // Full mode with a baseline gates as the workflow gates a pull request against its base
        // (alternating processes of both checkouts), then records this run; without one it is
        // gated against the last run recorded on this machine.
        ...(full && input.baseline !== undefined
          ? [
            task(
              `performance gate against ${input.baseline}`,
              "perf:gate",
              ["--baseline", input.baseline],
              t,
            ),
            task("performance suite, recorded in the history", "perf", ["--record"], t),
          ]
          : [
            task(
              full
                ? "performance suite, gated against the recorded baseline"
                : "performance suite (tiny sizes)",
              "perf",
              full ? ["--record", "--gate"] : ["--quick"],
              t,
            ),
          ]),
        input.sharedDir === undefined
          ? { kind: "skip", label: "replay an editing session", reason: "../shared is absent" }
          : task("replay an editing session", "replay", [
            "--trace",
            `${input.sharedDir}/${SIZES[input.mode].trace}`,
            "--report",
            ".perf/replay_report.json",
          ], t),
        task("trend report and charts of the recorded history", "perf:report", [], t),
      ],
    },
    { id: "fuzz", title: "Equivalence fuzzing", steps: fuzzSteps(input.mode, t) },
    { id: "integration", title: "Integration", steps: integrationSteps(input, t) },
    {
      id: "security",
      title: "Security audit",
      steps: [
        deno("frozen lockfile", ["install", "--frozen"], t),
        { kind: "audit", label: "least-privilege task permissions", audit: "tasks" },
        { kind: "audit", label: "workflow rules", audit: "workflow" },
        deno("security lint rules", [
          "lint",
          `--rules-include=${SECURITY_LINT_RULES.join(",")}`,
        ], t),
      ],
    },
    {
      id: "release",
      title: "Release",
      steps: [{
        kind: "skip",
        label: "deno publish with provenance",
        reason: "publishes only in GitHub Actions on a v* tag",
      }],
    },
  ];
}
