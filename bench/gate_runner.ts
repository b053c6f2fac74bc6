/**
 * What `perf:gate` runs: finds the baseline's checkout (a path, or a git worktree of a commit),
 * and runs each checkout's own `bench/perf.ts` in alternating processes, one report per process.
 *
 * Round `r` runs the baseline then the current checkout when `r` is odd, the current then the
 * baseline when it is even (ABBA), so a load that rises or falls during the gate weighs on both
 * sides alike. With a lock file, each perf process holds an exclusive `flock(2)` on it while it
 * runs (the lock `flock(1)` takes), and only then: other benchmarks of a shared machine run
 * between the processes, never during one.
 *
 * @module
 */

import { join, resolve } from "@std/path";
import type { GateInput } from "./gate_figures.ts";

/** A checkout whose `bench/perf.ts` the gate runs. */
export interface Checkout {
  /** Its top folder. */
  readonly path: string;
  /** Its commit (40 hex digits), or `"unknown"`. */
  readonly commit: string;
  /** Whether it has uncommitted changes to tracked files. */
  readonly dirty: boolean;
}

/** Which side of the gate a process measured. */
export type GateSide = "baseline" | "current";

/** One perf process of the gate. */
export interface GateProcess {
  /** The side. */
  readonly side: GateSide;
  /** The round, from 1. */
  readonly round: number;
  /** Its report (JSON). */
  readonly report: string;
  /** Wall time of the process (s), waiting for the lock excluded. */
  readonly seconds: number;
  /** The process's exit status (1 only says a strategy target was missed). */
  readonly exit_code: number;
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  try {
    const out = await new Deno.Command("git", { args, cwd, stdout: "piped", stderr: "null" })
      .output();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : null;
  } catch (error) {
    // No git, or a caller without --allow-run=git: no revision can be resolved.
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotCapable) {
      return null;
    }
    throw error;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/**
 * Describes a checkout: its commit and whether it has uncommitted changes.
 *
 * @param path The checkout's top folder.
 * @returns The checkout.
 */
export async function describeCheckout(path: string): Promise<Checkout> {
  const commit = await git(path, ["rev-parse", "HEAD"]);
  const status = await git(path, ["status", "--porcelain", "--untracked-files=no"]);
  return { path, commit: commit ?? "unknown", dirty: status !== null && status !== "" };
}

/**
 * Finds the baseline's checkout: `spec` is a folder holding `bench/perf.ts`, or a revision
 * (commit, prefix, branch) of which a git worktree is checked out.
 *
 * @param spec The `--baseline` value.
 * @param root The current checkout (where revisions are resolved).
 * @returns The checkout, or a sentence saying why there is none.
 */
export async function findBaseline(
  spec: string,
  root: string,
): Promise<Checkout | { readonly missing: string }> {
  const asPath = resolve(root, spec);
  if (await isFile(join(asPath, "bench", "perf.ts"))) return await describeCheckout(asPath);
  const commit = await git(root, ["rev-parse", "--verify", "--quiet", `${spec}^{commit}`]);
  if (commit === null) {
    return {
      missing:
        `"${spec}" is neither a checkout with bench/perf.ts nor a commit git knows (git rev-parse failed)`,
    };
  }
  const list = await git(root, ["worktree", "list", "--porcelain"]) ?? "";
  const here = resolve(root);
  let candidate: string | undefined;
  for (const block of list.split("\n\n")) {
    const path = /^worktree (.+)$/m.exec(block)?.[1];
    const head = /^HEAD ([0-9a-f]{40})$/m.exec(block)?.[1];
    if (path === undefined || head !== commit) continue;
    if (!(await isFile(join(path, "bench", "perf.ts")))) continue;
    if (resolve(path) !== here) {
      candidate = path;
      break;
    }
    candidate ??= path;
  }
  if (candidate === undefined) {
    return {
      missing: `no worktree has ${commit.slice(0, 12)} (${spec}) checked out; create one with ` +
        `\`git worktree add --detach ../wt-base ${spec}\` and run again, or pass its path`,
    };
  }
  return await describeCheckout(candidate);
}

/** What {@linkcode runRounds} runs. */
export interface RoundsOptions {
  /** The baseline's checkout. */
  readonly baseline: Checkout;
  /** The current checkout. */
  readonly current: Checkout;
  /** Rounds: each runs one process of each side. */
  readonly rounds: number;
  /** Options given to every perf process (`--sizes 5000`, ...): both perf.ts must know them. */
  readonly perfArgs: readonly string[];
  /** The folder for the reports and logs (created). */
  readonly outDir: string;
  /** A file to `flock` around each process, or `undefined`. */
  readonly lockPath?: string;
  /** Called with progress lines. */
  readonly onProgress: (line: string) => void;
  /** Called after each process (to save the list so far). */
  readonly onProcess?: (processes: readonly GateProcess[]) => Promise<void>;
}

/**
 * The order of the sides in a round: ABBA, so a drifting load weighs on both alike.
 *
 * @param round The round, from 1.
 * @returns The two sides in the order they run.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals([1, 2].map(roundOrder), [["baseline", "current"], ["current", "baseline"]]);
 * ```
 */
export function roundOrder(round: number): readonly [GateSide, GateSide] {
  return round % 2 === 1 ? ["baseline", "current"] : ["current", "baseline"];
}

async function withLock<T>(path: string | undefined, run: () => Promise<T>): Promise<T> {
  if (path === undefined) return await run();
  const file = await Deno.open(path, { read: true, write: true, create: true });
  try {
    await file.lock(true);
    return await run();
  } finally {
    file.close();
  }
}

async function runPerfProcess(
  checkout: Checkout,
  report: string,
  options: RoundsOptions,
): Promise<{ code: number; seconds: number; log: string }> {
  const shared = resolve(checkout.path, "..", "shared");
  const args = [
    "run",
    "--no-prompt",
    `--allow-read=${checkout.path},${shared}`,
    `--allow-write=${options.outDir}`,
    "--v8-flags=--expose-gc",
    join(checkout.path, "bench", "perf.ts"),
    "--report",
    report,
    "--action-json",
    report.replace(/\.json$/, "_action.json"),
    ...options.perfArgs,
  ];
  return await withLock(options.lockPath, async () => {
    const start = performance.now();
    const out = await new Deno.Command("deno", {
      args,
      cwd: checkout.path,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return {
      code: out.code,
      seconds: (performance.now() - start) / 1000,
      log: decoder.decode(out.stdout) + decoder.decode(out.stderr),
    };
  });
}

/**
 * Runs the rounds: in each, one perf process of each checkout, in {@linkcode roundOrder}.
 * Stops at the first process that fails to write a report (exit status other than 0 and 1).
 *
 * @param options What to run.
 * @returns The processes, in the order they ran.
 * @throws {Error} When a perf process fails; its log is in the out folder.
 */
export async function runRounds(options: RoundsOptions): Promise<GateProcess[]> {
  await Deno.mkdir(options.outDir, { recursive: true });
  const processes: GateProcess[] = [];
  const total = options.rounds * 2;
  for (let round = 1; round <= options.rounds; round++) {
    for (const side of roundOrder(round)) {
      const checkout = side === "baseline" ? options.baseline : options.current;
      const report = join(options.outDir, `${side}-${round}.json`);
      options.onProgress(
        `process ${processes.length + 1} of ${total}: round ${round}, ${side} ${
          checkout.commit.slice(0, 12)
        } (${checkout.path})${
          options.lockPath === undefined ? "" : `, waiting for ${options.lockPath}`
        }`,
      );
      const { code, seconds, log } = await runPerfProcess(checkout, report, options);
      const logPath = join(options.outDir, `${side}-${round}.log`);
      await Deno.writeTextFile(logPath, log);
      if (code !== 0 && code !== 1) {
        throw new Error(
          `the ${side}'s perf process exited with ${code} (log: ${logPath}): ${
            log.trim().split("\n").slice(-3).join(" / ")
          }`,
        );
      }
      processes.push({ side, round, report, seconds, exit_code: code });
      options.onProgress(`${side} round ${round}: ${seconds.toFixed(0)} s`);
      await options.onProcess?.(processes);
    }
  }
  return processes;
}

/**
 * Reads the reports of the processes of one side.
 *
 * @param processes The processes.
 * @param side Which side.
 * @returns Their reports, in round order.
 */
export async function readReports(
  processes: readonly GateProcess[],
  side: GateSide,
): Promise<GateInput[]> {
  const mine = processes.filter((p) => p.side === side).sort((a, b) => a.round - b.round);
  return await Promise.all(
    mine.map(async (p) => JSON.parse(await Deno.readTextFile(p.report)) as GateInput),
  );
}
