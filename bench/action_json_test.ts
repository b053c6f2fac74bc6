import { assertEquals } from "@std/assert";
import { toActionEntries } from "./action_json.ts";
import type { PerfReport } from "./perf_report.ts";

Deno.test("toActionEntries() writes p50, p99 and heap entries in customSmallerIsBetter form", () => {
  const report = {
    commit: "abc",
    config: { runs: 3 },
    detailed_results: [
      {
        name: "line_100KB",
        kind: "line",
        operations: 500,
        p50_ms: 0.1,
        p95_ms: 0.2,
        p99_ms: 0.3,
        memory_mb: 1,
      },
      {
        name: "memory_10240KB",
        kind: "memory",
        operations: 1,
        p50_ms: 900,
        p99_ms: 900,
        memory_mb: 30,
      },
    ],
  } as unknown as PerfReport;
  const entries = toActionEntries(report);
  assertEquals(entries.map((e) => [e.name, e.unit, e.value]), [
    ["line_100KB p50", "ms", 0.1],
    ["line_100KB p99", "ms", 0.3],
    ["line_100KB heap", "MB", 1],
    ["memory_10240KB initial lex", "ms", 900],
    ["memory_10240KB heap", "MB", 30],
  ]);
  for (const e of entries) {
    assertEquals(typeof e.name === "string" && typeof e.unit === "string", true);
    assertEquals(Number.isFinite(e.value), true);
  }
});
