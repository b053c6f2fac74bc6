/**
 * The performance suite behind `deno task perf`: edit latency per edit kind and document size,
 * memory for a large document, and batch throughput.
 *
 * Each test runs on a fresh lexer over the generated document; its edits accumulate. Each test is
 * repeated `runs` times and every statistic is the median over the runs.
 *
 * @module
 */

import process from "node:process";
import { IncrementalLexer, lexDocument, lexerOptionsForPath, tokenize } from "../mod.ts";
import { EDIT_KINDS, type EditKind, EditWorkload } from "./edit_workload.ts";
import { generateDocument } from "./generate_document.ts";
import { type MachineInfo, machineInfo } from "./machine_info.ts";
import {
  failuresOf,
  GOAL_MEMORY_MB_PER_10MB,
  GOAL_SINGLE_CHAR_P99_MS,
  GOAL_SINGLE_CHAR_SIZE_KB,
  goalCheck,
  type PerfReport,
  REPORT_SCHEMA_VERSION,
  scalingOf,
  STRATEGY_MEMORY_MB_PER_10MB,
  STRATEGY_TARGETS_MS,
  strategyCheck,
  summarizeResults,
  type TestResult,
  type ThroughputResult,
} from "./perf_report.ts";
import { largestCorpusFiles } from "./shared_dir.ts";
import { loopReference, regexReference } from "./references.ts";
import { type LatencyStats, median, medianStats, summarize } from "./stats.ts";

/** The strategy's operation counts per edit kind (section and large edits: our choice). */
export const FULL_OPERATIONS: Readonly<Record<EditKind, number>> = {
  single_char: 1000,
  line: 500,
  paragraph: 100,
  section: 50,
  large: 20,
};

/** The strategy's document sizes (KB). */
export const FULL_SIZES_KB: readonly number[] = [100, 500, 1000, 3000, 5000];

/** The size of the memory test's document (KB): 10 MB. */
export const FULL_MEMORY_SIZE_KB = 10 * 1024;

/** What {@linkcode runPerf} runs. */
export interface PerfOptions {
  /** Document sizes (KB, 1 KB = 1024 bytes) of the edit tests. */
  readonly sizesKb: readonly number[];
  /** Size (KB) of the memory test's document; 0 skips the memory test. */
  readonly memorySizeKb: number;
  /** How often each test is repeated. */
  readonly runs: number;
  /** Operations per run, per edit kind. */
  readonly operations: Readonly<Record<EditKind, number>>;
  /** How many of the largest corpus files to measure throughput on (0: none). */
  readonly corpusFiles: number;
  /**
   * Whether to run every edit kind on a small document first, untimed, so the JIT has compiled
   * the lexer's hot paths before the timed runs.
   * @default {true}
   */
  readonly warmup?: boolean;
  /** The commit to put in the report. */
  readonly commit: string;
  /** Called with progress messages (the CLI prints them on stderr). */
  readonly onProgress?: (message: string) => void;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap used after a forced GC (when `--expose-gc` made `gc` available), in bytes. */
function heapAfterGc(): number {
  gc?.();
  return Deno.memoryUsage().heapUsed;
}

const MB = 1024 * 1024;

interface RunOutcome {
  stats: LatencyStats;
  heapBytes: number;
  lexerBytes: number;
  relexedMean: number;
}

function runEdits(text: string, kind: EditKind, operations: number): RunOutcome {
  const workload = new EditWorkload(text);
  const samples: number[] = new Array(operations).fill(0);
  const before = heapAfterGc();
  const lexer = new IncrementalLexer(text);
  let relexed = 0;
  for (let j = 0; j < operations; j++) {
    const { from, to, insert } = workload.next(kind);
    const start = performance.now();
    const result = lexer.edit(from, to, insert);
    samples[j] = performance.now() - start;
    relexed += result.relexedLines;
  }
  const heapBytes = heapAfterGc() - before;
  return {
    stats: summarize(samples),
    heapBytes,
    lexerBytes: lexer.memoryUsage().bytes,
    relexedMean: relexed / operations,
  };
}

function lexFreshDocument(sizeBytes: number): { lexer: IncrementalLexer; ms: number } {
  const text = generateDocument(sizeBytes);
  const start = performance.now();
  const lexer = new IncrementalLexer(text);
  return { lexer, ms: performance.now() - start };
}

function runMemory(sizeBytes: number): RunOutcome {
  const before = heapAfterGc();
  // The text goes out of scope here: what stays on the heap is what the lexer keeps.
  const { lexer, ms } = lexFreshDocument(sizeBytes);
  const heapBytes = heapAfterGc() - before;
  return {
    stats: summarize([ms]),
    heapBytes,
    lexerBytes: lexer.memoryUsage().bytes,
    relexedMean: 0,
  };
}

function resultOf(
  name: string,
  kind: EditKind | "memory",
  sizeKb: number,
  documentBytes: number,
  outcomes: readonly RunOutcome[],
): TestResult {
  const stats = medianStats(outcomes.map((o) => o.stats));
  const memoryMb = median(outcomes.map((o) => o.heapBytes)) / MB;
  const value = kind === "memory" ? memoryMb : stats.p99;
  return {
    name,
    kind,
    size_kb: sizeKb,
    document_bytes: documentBytes,
    operations: stats.count,
    runs: outcomes.length,
    mean_ms: stats.mean,
    min_ms: stats.min,
    p50_ms: stats.p50,
    p95_ms: stats.p95,
    p99_ms: stats.p99,
    max_ms: stats.max,
    ops_per_sec: stats.opsPerSec,
    memory_mb: memoryMb,
    gc_forced: gc !== undefined,
    lexer_bytes: median(outcomes.map((o) => o.lexerBytes)),
    relexed_lines_mean: median(outcomes.map((o) => o.relexedMean)),
    target: strategyCheck(kind, sizeKb, value),
    goal: goalCheck(kind, sizeKb, value),
  };
}

function throughputOf(
  input: string,
  text: string,
  bytes: number,
  runs: number,
  path?: string,
): ThroughputResult[] {
  const options = path === undefined ? {} : lexerOptionsForPath(path);
  let scratch: Uint32Array = new Uint32Array(1024);
  const apis = [
    ["regex", () => regexReference(text)],
    ["loop", () => {
      scratch = loopReference(text, scratch).out;
    }],
    ["tokenize", () => tokenize(text, options)],
    ["lexDocument", () => lexDocument(text, options)],
    ["IncrementalLexer", () => new IncrementalLexer(text, options)],
  ] as const;
  const results = apis.map(([api, call]): ThroughputResult => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      call();
      wall.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
    const ms = median(wall);
    return {
      input,
      api,
      bytes,
      runs,
      p50_ms: ms,
      cpu_ms: median(cpu),
      mb_per_s: bytes / 1e6 / (ms / 1000),
    };
  });
  const regex = results[0]!.p50_ms;
  return results.map((r) => ({ ...r, vs_regex: regex / r.p50_ms }));
}

/**
 * Runs the performance suite.
 *
 * Before the timed runs (unless `warmup` is false), every edit kind runs once on a small
 * document so the JIT has compiled the lexer's hot paths (those warm-up figures are dropped).
 *
 * @param options What to run.
 * @param machine The machine information to put in the report.
 * @returns The report; its `failures` list the strategy targets missed.
 *
 * @example A tiny run
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const report = runPerf({
 *   sizesKb: [2], memorySizeKb: 4, runs: 1, corpusFiles: 0, commit: "unknown", warmup: false,
 *   operations: { single_char: 4, line: 2, paragraph: 1, section: 1, large: 1 },
 * });
 * assertEquals(report.summary.total_tests, 6);
 * ```
 */
export function runPerf(options: PerfOptions, machine: MachineInfo = machineInfo()): PerfReport {
  const progress = options.onProgress ?? (() => {});
  if (options.warmup ?? true) {
    const warm = generateDocument(16 * 1024);
    for (const kind of EDIT_KINDS) runEdits(warm, kind, Math.min(50, FULL_OPERATIONS[kind]));
  }

  const results: TestResult[] = [];
  const throughput: ThroughputResult[] = [];
  for (const sizeKb of options.sizesKb) {
    const text = generateDocument(sizeKb * 1024);
    for (const kind of EDIT_KINDS) {
      const operations = options.operations[kind];
      if (operations <= 0) continue;
      const outcomes: RunOutcome[] = [];
      for (let run = 1; run <= options.runs; run++) {
        progress(
          `${kind} edits at ${sizeKb} KB: run ${run} of ${options.runs} (${operations} ops)`,
        );
        outcomes.push(runEdits(text, kind, operations));
      }
      results.push(resultOf(`${kind}_${sizeKb}KB`, kind, sizeKb, text.length, outcomes));
    }
    progress(`batch throughput at ${sizeKb} KB`);
    throughput.push(
      ...throughputOf(`generated_${sizeKb}KB`, text, text.length, Math.max(options.runs, 3)),
    );
  }
  if (options.memorySizeKb > 0) {
    const outcomes: RunOutcome[] = [];
    for (let run = 1; run <= options.runs; run++) {
      progress(`memory at ${options.memorySizeKb} KB: run ${run} of ${options.runs}`);
      outcomes.push(runMemory(options.memorySizeKb * 1024));
    }
    const bytes = generateDocument(options.memorySizeKb * 1024).length;
    results.push(
      resultOf(`memory_${options.memorySizeKb}KB`, "memory", options.memorySizeKb, bytes, outcomes),
    );
  }
  if (options.corpusFiles > 0) {
    const files = largestCorpusFiles(options.corpusFiles);
    if (files.length === 0) progress("../shared/corpus is absent: skipping corpus throughput");
    for (const file of files) {
      progress(`batch throughput on ${file.name}`);
      const text = new TextDecoder().decode(Deno.readFileSync(file.path));
      throughput.push(
        ...throughputOf(file.name, text, file.bytes, Math.max(options.runs, 3), file.path),
      );
    }
  }
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    date: new Date().toISOString(),
    commit: options.commit,
    machine,
    config: {
      sizes_kb: options.sizesKb,
      memory_size_kb: options.memorySizeKb,
      runs: options.runs,
      operations: options.operations,
    },
    summary: summarizeResults(results),
    performance_targets: {
      statistic: "p99_ms",
      strategy_ms: STRATEGY_TARGETS_MS,
      strategy_memory_mb_per_10mb: STRATEGY_MEMORY_MB_PER_10MB,
      goal_single_char_p99_ms: GOAL_SINGLE_CHAR_P99_MS,
      goal_single_char_size_kb: GOAL_SINGLE_CHAR_SIZE_KB,
      goal_memory_mb_per_10mb: GOAL_MEMORY_MB_PER_10MB,
      memory_limits_scale: "linear in document size",
    },
    detailed_results: results,
    scaling: scalingOf(results),
    throughput,
    failures: failuresOf(results),
  };
}
