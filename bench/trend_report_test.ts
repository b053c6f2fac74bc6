import { assertStringIncludes } from "@std/assert";
import type { RecordedRun } from "./history.ts";
import { formatTrend } from "./trend_report.ts";

function recorded(id: number, p50: number): RecordedRun {
  return {
    id,
    commit: `${id}`.repeat(40).slice(0, 40),
    date: "2026-01-01",
    machineKey: "m",
    report: {
      machine: { deno: "2.9.6" },
      config: { runs: 3 },
      detailed_results: [{ name: "line_100KB", p50_ms: p50, p99_ms: 2 * p50, memory_mb: 1 }],
    },
  } as unknown as RecordedRun;
}

Deno.test("formatTrend() shows one column per run and the last/first ratio per test", () => {
  const text = formatTrend([recorded(1, 0.1), recorded(2, 0.2)]);
  assertStringIncludes(text, "## m");
  assertStringIncludes(text, "| test | #1 1111111 | #2 2222222 | last / first |");
  assertStringIncludes(text, "| line_100KB | 0.1000 | 0.2000 | 2.00 |");
  assertStringIncludes(text, "### p99 latency (ms)");
  assertStringIncludes(text, "### Heap kept by the lexer (MB)");
});

Deno.test("formatTrend() limits the runs shown per machine", () => {
  const text = formatTrend([recorded(1, 0.1), recorded(2, 0.2), recorded(3, 0.4)], { limit: 2 });
  assertStringIncludes(text, "3 run(s) recorded; the latest 2 shown.");
  assertStringIncludes(text, "| line_100KB | 0.2000 | 0.4000 | 2.00 |");
});
