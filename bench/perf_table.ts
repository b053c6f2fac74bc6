/**
 * The readable table `deno task perf` prints.
 *
 * @module
 */

import type { PerfReport } from "./perf_report.ts";

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)).join("  ");
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [
    pad(header, widths),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map((r) => pad(r, widths)),
  ]
    .join("\n");
}

function ms(value: number): string {
  return value < 1 ? value.toFixed(4) : value.toFixed(2);
}

/**
 * Renders a report as plain-text tables: per test, scaling, throughput and the summary.
 *
 * @param report The report.
 * @returns The text, lines joined with `\n`.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * const report = {
 *   schema_version: 1, date: "", commit: "unknown",
 *   machine: { deno: "2", v8: "1", typescript: "5", os: "linux", arch: "x86_64", cpu_model: "X", cores: 2, label: "" },
 *   config: { sizes_kb: [], memory_size_kb: 0, runs: 1,
 *     operations: { single_char: 0, line: 0, paragraph: 0, section: 0, large: 0 } },
 *   summary: { total_tests: 0, tests_passed: 0, tests_failed: 0, overall_avg_time_ms: 0,
 *     overall_max_time_ms: 0, overall_max_memory_mb: 0, success_rate_percent: 0 },
 *   performance_targets: { statistic: "p99_ms" as const,
 *     strategy_ms: { single_char: 1, line: 5, paragraph: 50, section: 100, large: 500 },
 *     strategy_memory_mb_per_10mb: 100, goal_single_char_p99_ms: 0.05, goal_single_char_size_kb: 5000,
 *     goal_memory_mb_per_10mb: 40, memory_limits_scale: "linear in document size" as const },
 *   detailed_results: [], scaling: [], throughput: [], failures: [],
 * };
 * assertStringIncludes(formatPerfTable(report), "0 of 0 tests within the strategy's targets");
 * ```
 */
export function formatPerfTable(report: PerfReport): string {
  const out: string[] = [];
  out.push(
    `Machine: ${report.machine.cpu_model}, ${report.machine.cores} cores, Deno ${report.machine.deno}, V8 ${report.machine.v8}`,
    `Commit: ${report.commit}   Runs per test: ${report.config.runs} (every figure is the median over the runs)`,
    "",
  );
  out.push(table(
    [
      "test",
      "ops",
      "mean ms",
      "min ms",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "ops/s",
      "heap MB",
      "lexer MB",
      "relexed",
      "strategy",
      "our goal",
    ],
    report.detailed_results.map((r) => {
      const unit = r.target.statistic === "memory_mb" ? "MB" : "ms";
      return [
        r.name,
        String(r.operations),
        ms(r.mean_ms),
        ms(r.min_ms),
        ms(r.p50_ms),
        ms(r.p95_ms),
        ms(r.p99_ms),
        ms(r.max_ms),
        r.ops_per_sec.toFixed(0),
        r.memory_mb.toFixed(1),
        (r.lexer_bytes / 1048576).toFixed(1),
        r.relexed_lines_mean.toFixed(1),
        `${r.target.passed ? "PASS" : "FAIL"} <${r.target.limit}${unit}`,
        r.goal === null ? "-" : `${r.goal.passed ? "met" : "not yet"} <${r.goal.limit}${unit}`,
      ];
    }),
  ));
  if (report.scaling.length > 0) {
    out.push(
      "",
      "Scaling: p50 at the largest size / p50 at the smallest (near 1 is size-independent)",
    );
    out.push(table(
      ["kind", "sizes KB", "ratio"],
      report.scaling.map((
        s,
      ) => [s.kind, `${s.smallest_kb} -> ${s.largest_kb}`, s.ratio.toFixed(2)]),
    ));
  }
  if (report.throughput.length > 0) {
    out.push(
      "",
      "Batch throughput: median wall and CPU time of one call; x regex is the speed over the crude",
      "regex reference's in the same run (regex and loop are references, not lexers)",
    );
    out.push(table(
      ["input", "api", "bytes", "runs", "p50 ms", "cpu ms", "MB/s", "x regex"],
      report.throughput.map((t) => [
        t.input,
        t.api,
        String(t.bytes),
        String(t.runs),
        t.p50_ms.toFixed(1),
        t.cpu_ms.toFixed(1),
        t.mb_per_s.toFixed(1),
        t.vs_regex === undefined ? "-" : t.vs_regex.toFixed(2),
      ]),
    ));
  }
  const s = report.summary;
  out.push(
    "",
    `${s.tests_passed} of ${s.total_tests} tests within the strategy's targets (${
      s.success_rate_percent.toFixed(1)
    }%); mean latency ${ms(s.overall_avg_time_ms)} ms, max ${
      ms(s.overall_max_time_ms)
    } ms, max heap ${s.overall_max_memory_mb.toFixed(1)} MB`,
  );
  for (const f of report.failures) out.push(`FAIL ${f.message}`);
  return out.join("\n");
}
