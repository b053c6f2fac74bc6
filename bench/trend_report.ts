/**
 * The markdown trend of the performance history: per machine, one row per test and one column
 * per recorded run, for the p50, the p99 and the heap.
 *
 * @module
 */

import type { RecordedRun } from "./history.ts";
import type { TestResult } from "./perf_report.ts";

/** Options of {@linkcode formatTrend}. */
export interface TrendOptions {
  /**
   * How many of the latest runs of each machine to show.
   * @default {8}
   */
  readonly limit?: number;
}

function cell(value: number | undefined, digits: number): string {
  return value === undefined ? "-" : value.toFixed(digits);
}

function metricTable(
  runs: readonly RecordedRun[],
  title: string,
  pick: (r: TestResult) => number,
  digits: number,
): string[] {
  const names: string[] = [];
  for (const run of runs) {
    for (const r of run.report.detailed_results) if (!names.includes(r.name)) names.push(r.name);
  }
  const header = runs.map((run) => `#${run.id} ${run.commit.slice(0, 7)}`);
  const lines = [
    `### ${title}`,
    "",
    `| test | ${header.join(" | ")} | last / first |`,
    `| --- |${" ---: |".repeat(runs.length)} ---: |`,
  ];
  for (const name of names) {
    const values = runs.map((run) => {
      const r = run.report.detailed_results.find((t) => t.name === name);
      return r === undefined ? undefined : pick(r);
    });
    const present = values.filter((v): v is number => v !== undefined);
    const first = present[0];
    const last = present[present.length - 1];
    const change = first !== undefined && last !== undefined && present.length > 1 && first > 0
      ? (last / first).toFixed(2)
      : "-";
    lines.push(`| ${name} | ${values.map((v) => cell(v, digits)).join(" | ")} | ${change} |`);
  }
  lines.push("");
  return lines;
}

/**
 * Renders the trend of recorded runs as markdown, grouped by machine.
 *
 * @param runs The runs, oldest first (any machines).
 * @param options How many runs per machine.
 * @returns The markdown text.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * assertStringIncludes(formatTrend([]), "No runs recorded yet");
 * ```
 */
export function formatTrend(runs: readonly RecordedRun[], options: TrendOptions = {}): string {
  const limit = options.limit ?? 8;
  const lines = ["# Performance history", ""];
  if (runs.length === 0) {
    lines.push("No runs recorded yet: run `deno task perf --record`.");
    return lines.join("\n");
  }
  const machines = [...new Set(runs.map((r) => r.machineKey))];
  for (const key of machines) {
    const all = runs.filter((r) => r.machineKey === key);
    const shown = all.slice(-limit);
    lines.push(`## ${key}`, "");
    lines.push(`${all.length} run(s) recorded; the latest ${shown.length} shown.`, "");
    lines.push(
      "| run | commit | date | Deno | runs per test |",
      "| --- | --- | --- | --- | ---: |",
    );
    for (const run of shown) {
      lines.push(
        `| #${run.id} | ${
          run.commit.slice(0, 12)
        } | ${run.date} | ${run.report.machine.deno} | ${run.report.config.runs} |`,
      );
    }
    lines.push("");
    lines.push(...metricTable(shown, "p50 latency (ms)", (r) => r.p50_ms, 4));
    lines.push(...metricTable(shown, "p99 latency (ms)", (r) => r.p99_ms, 4));
    lines.push(...metricTable(shown, "Heap kept by the lexer (MB)", (r) => r.memory_mb, 1));
  }
  return lines.join("\n");
}
