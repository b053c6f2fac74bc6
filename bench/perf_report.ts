/**
 * The JSON report of `deno task perf`: its schema, the strategy's targets, our own goals, and how a
 * report's summary, failures and scaling ratios follow from its per-test results.
 *
 * @module
 */

import type { EditKind } from "./edit_workload.ts";
import type { MachineInfo } from "./machine_info.ts";

/** Bump when a field changes meaning or goes away; adding fields keeps the version. */
export const REPORT_SCHEMA_VERSION = 1;

/** The test strategy's latency targets (ms), compared with each edit test's p99. */
export const STRATEGY_TARGETS_MS: Readonly<Record<EditKind, number>> = {
  single_char: 1,
  line: 5,
  paragraph: 50,
  section: 100,
  large: 500,
};

/** The strategy's memory target: under 100 MB for a 10 MB document (scaled linearly by size). */
export const STRATEGY_MEMORY_MB_PER_10MB = 100;

/** Our own goal for a single-character edit's p99 (ms), in a 5 MB (5000 KB) document. */
export const GOAL_SINGLE_CHAR_P99_MS = 0.05;

/** The document size (KB) at which {@linkcode GOAL_SINGLE_CHAR_P99_MS} applies. */
export const GOAL_SINGLE_CHAR_SIZE_KB = 5000;

/** Our own memory goal: under 40 MB for a 10 MB document (scaled linearly by size). */
export const GOAL_MEMORY_MB_PER_10MB = 40;

/** 10 MB in KB: the size the memory target and goal are stated for. */
export const TEN_MB_KB = 10 * 1024;

/** A limit one test is held to. */
export interface Check {
  /** The statistic compared: `"p99_ms"` or `"memory_mb"`. */
  readonly statistic: "p99_ms" | "memory_mb";
  /** The statistic must be below this. */
  readonly limit: number;
  /** Whether it was. */
  readonly passed: boolean;
}

/** The results of one test: one edit kind at one document size, or the memory test. */
export interface TestResult {
  /** Unique name, such as `single_char_5000KB` or `memory_10240KB`. */
  readonly name: string;
  /** The edit kind, or `"memory"` for the memory test (whose times are the initial lex). */
  readonly kind: EditKind | "memory";
  /** The nominal document size in KB (1 KB = 1024 bytes). */
  readonly size_kb: number;
  /** The generated document's real size in bytes. */
  readonly document_bytes: number;
  /** Operations timed in each run. */
  readonly operations: number;
  /** Runs; every statistic below is the median over the runs. */
  readonly runs: number;
  /** Mean latency (ms). */
  readonly mean_ms: number;
  /** Smallest latency (ms). */
  readonly min_ms: number;
  /** Median latency (ms). */
  readonly p50_ms: number;
  /** 95th percentile latency (ms). */
  readonly p95_ms: number;
  /** 99th percentile latency (ms). */
  readonly p99_ms: number;
  /** Largest latency (ms). */
  readonly max_ms: number;
  /** Operations per second. */
  readonly ops_per_sec: number;
  /** Heap the lexer keeps (MB): heap used after a forced GC with the lexer alive, minus before. */
  readonly memory_mb: number;
  /** Whether `globalThis.gc` was available (run with `--v8-flags=--expose-gc`). */
  readonly gc_forced: boolean;
  /** The lexer's own account, `memoryUsage().bytes`, at the end of the run. */
  readonly lexer_bytes: number;
  /** Mean `EditResult.relexedLines` per operation (0 for the memory test). */
  readonly relexed_lines_mean: number;
  /** The strategy's target for this test. */
  readonly target: Check;
  /** Our own goal for this test, when one applies. */
  readonly goal: Check | null;
}

/** Batch throughput of one API on one input. */
export interface ThroughputResult {
  /** A generated size (`generated_1000KB`) or a corpus file name. */
  readonly input: string;
  /**
   * `"tokenize"` (every token as an object: the reference API), `"lexDocument"` (tokens kept
   * packed, states per line), `"IncrementalLexer"` (opening one on the text), or one of the two
   * references of `references.ts` that set the scale on this machine: `"regex"` (a crude global
   * regular expression, counting matches) and `"loop"` (a bare `charCodeAt` loop with a class
   * table).
   */
  readonly api: "tokenize" | "lexDocument" | "IncrementalLexer" | "regex" | "loop";
  /** This API's speed over the regex reference's on the same input in the same run. */
  readonly vs_regex?: number;
  /** The input's size in bytes (UTF-8). */
  readonly bytes: number;
  /** How many times the call ran; the times are their medians. */
  readonly runs: number;
  /** Median wall-clock time of one call (ms). */
  readonly p50_ms: number;
  /** Median CPU time of one call, user + system of the whole process (ms): less disturbed than
   * wall time by other work on a shared machine, but it includes V8's helper threads. */
  readonly cpu_ms: number;
  /** Megabytes (10^6 bytes) per second at the median wall-clock time. */
  readonly mb_per_s: number;
}

/** How an edit kind's median latency grows from the smallest to the largest document. */
export interface ScalingResult {
  /** The edit kind. */
  readonly kind: EditKind;
  /** Smallest size (KB). */
  readonly smallest_kb: number;
  /** Largest size (KB). */
  readonly largest_kb: number;
  /** p50 at the largest size divided by p50 at the smallest: near 1 for size-independent edits. */
  readonly ratio: number;
}

/** A target of the strategy that a test missed. */
export interface Failure {
  /** The test. */
  readonly test: string;
  /** The statistic. */
  readonly statistic: string;
  /** Its value. */
  readonly value: number;
  /** The limit it had to stay under. */
  readonly limit: number;
  /** A sentence for people. */
  readonly message: string;
}

/** The report's summary block, with the strategy's field names. */
export interface Summary {
  /** Tests run (edit tests and the memory test). */
  readonly total_tests: number;
  /** Tests within the strategy's target. */
  readonly tests_passed: number;
  /** Tests over it. */
  readonly tests_failed: number;
  /** Mean of the edit tests' mean latencies (ms). */
  readonly overall_avg_time_ms: number;
  /** Largest latency of any edit test (ms). */
  readonly overall_max_time_ms: number;
  /** Largest `memory_mb` of any test. */
  readonly overall_max_memory_mb: number;
  /** `tests_passed / total_tests`, in percent. */
  readonly success_rate_percent: number;
}

/** The whole report written by `deno task perf --report PATH`. */
export interface PerfReport {
  /** {@linkcode REPORT_SCHEMA_VERSION}. */
  readonly schema_version: number;
  /** ISO-8601 time the run ended. */
  readonly date: string;
  /** The git commit of the checkout, or `"unknown"`. */
  readonly commit: string;
  /** The machine. */
  readonly machine: MachineInfo;
  /** What ran. */
  readonly config: {
    readonly sizes_kb: readonly number[];
    readonly memory_size_kb: number;
    readonly runs: number;
    readonly operations: Readonly<Record<EditKind, number>>;
  };
  /** The summary. */
  readonly summary: Summary;
  /** The limits used, as given by the strategy and by us. */
  readonly performance_targets: {
    readonly statistic: "p99_ms";
    readonly strategy_ms: Readonly<Record<EditKind, number>>;
    readonly strategy_memory_mb_per_10mb: number;
    readonly goal_single_char_p99_ms: number;
    readonly goal_single_char_size_kb: number;
    readonly goal_memory_mb_per_10mb: number;
    readonly memory_limits_scale: "linear in document size";
  };
  /** One entry per test. */
  readonly detailed_results: readonly TestResult[];
  /** Median-latency growth per edit kind. */
  readonly scaling: readonly ScalingResult[];
  /** Batch throughput. */
  readonly throughput: readonly ThroughputResult[];
  /** Targets missed. */
  readonly failures: readonly Failure[];
}

/**
 * The strategy's target for a test.
 *
 * @param kind The test's kind.
 * @param sizeKb The document size (KB), which scales the memory limit.
 * @param value The test's p99 (edit tests) or memory (memory test).
 * @returns The check.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(strategyCheck("line", 100, 0.2), { statistic: "p99_ms", limit: 5, passed: true });
 * assertEquals(strategyCheck("memory", 10240, 120).passed, false);
 * ```
 */
export function strategyCheck(kind: EditKind | "memory", sizeKb: number, value: number): Check {
  if (kind === "memory") {
    const limit = STRATEGY_MEMORY_MB_PER_10MB * sizeKb / TEN_MB_KB;
    return { statistic: "memory_mb", limit, passed: value < limit };
  }
  const limit = STRATEGY_TARGETS_MS[kind];
  return { statistic: "p99_ms", limit, passed: value < limit };
}

/**
 * Our own goal for a test, if one applies: single-character p99 at 5000 KB, and memory.
 *
 * @param kind The test's kind.
 * @param sizeKb The document size (KB).
 * @param value The test's p99 (edit tests) or memory (memory test).
 * @returns The check, or `null` when no goal applies to this test.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(goalCheck("single_char", 5000, 0.01)?.passed, true);
 * assertEquals(goalCheck("single_char", 100, 0.01), null);
 * ```
 */
export function goalCheck(kind: EditKind | "memory", sizeKb: number, value: number): Check | null {
  if (kind === "memory") {
    const limit = GOAL_MEMORY_MB_PER_10MB * sizeKb / TEN_MB_KB;
    return { statistic: "memory_mb", limit, passed: value < limit };
  }
  if (kind === "single_char" && sizeKb === GOAL_SINGLE_CHAR_SIZE_KB) {
    return {
      statistic: "p99_ms",
      limit: GOAL_SINGLE_CHAR_P99_MS,
      passed: value < GOAL_SINGLE_CHAR_P99_MS,
    };
  }
  return null;
}

/**
 * Computes the summary block from per-test results.
 *
 * @param results The tests.
 * @returns The summary (zeros for no tests).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(summarizeResults([]).total_tests, 0);
 * ```
 */
export function summarizeResults(results: readonly TestResult[]): Summary {
  const edits = results.filter((r) => r.kind !== "memory");
  const passed = results.filter((r) => r.target.passed).length;
  return {
    total_tests: results.length,
    tests_passed: passed,
    tests_failed: results.length - passed,
    overall_avg_time_ms: edits.length === 0
      ? 0
      : edits.reduce((sum, r) => sum + r.mean_ms, 0) / edits.length,
    overall_max_time_ms: edits.reduce((max, r) => Math.max(max, r.max_ms), 0),
    overall_max_memory_mb: results.reduce((max, r) => Math.max(max, r.memory_mb), 0),
    success_rate_percent: results.length === 0 ? 0 : (100 * passed) / results.length,
  };
}

/**
 * Lists the strategy targets that tests missed.
 *
 * @param results The tests.
 * @returns One failure per missed target.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(failuresOf([]), []);
 * ```
 */
export function failuresOf(results: readonly TestResult[]): Failure[] {
  return results.filter((r) => !r.target.passed).map((r) => {
    const value = r.target.statistic === "memory_mb" ? r.memory_mb : r.p99_ms;
    return {
      test: r.name,
      statistic: r.target.statistic,
      value,
      limit: r.target.limit,
      message: `${r.name}: ${r.target.statistic} ${value.toFixed(3)} is not under ${
        r.target.limit.toFixed(3)
      }`,
    };
  });
}

/**
 * Computes, per edit kind, p50 at the largest size over p50 at the smallest size.
 *
 * @param results The tests.
 * @returns One entry per edit kind measured at two sizes or more.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(scalingOf([]), []);
 * ```
 */
export function scalingOf(results: readonly TestResult[]): ScalingResult[] {
  const byKind = new Map<EditKind, TestResult[]>();
  for (const r of results) {
    if (r.kind === "memory") continue;
    byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  }
  const out: ScalingResult[] = [];
  for (const [kind, list] of byKind) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => a.size_kb - b.size_kb);
    const small = sorted[0]!;
    const large = sorted[sorted.length - 1]!;
    out.push({
      kind,
      smallest_kb: small.size_kb,
      largest_kb: large.size_kb,
      ratio: small.p50_ms > 0 ? large.p50_ms / small.p50_ms : Infinity,
    });
  }
  return out;
}
