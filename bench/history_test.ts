import { assertEquals } from "@std/assert";
import { DatabaseSync } from "node:sqlite";
import { PerfHistory } from "./history.ts";
import type { PerfReport } from "./perf_report.ts";
import { machineInfo, machineKey } from "./machine_info.ts";

function report(commit: string, cores: number, p50: number): PerfReport {
  return {
    schema_version: 1,
    date: "2026-01-01T00:00:00.000Z",
    commit,
    machine: { ...machineInfo(), cores },
    config: { sizes_kb: [1], memory_size_kb: 0, runs: 1, operations: {} },
    detailed_results: [{
      name: "line_1KB",
      kind: "line",
      size_kb: 1,
      document_bytes: 1024,
      operations: 5,
      runs: 1,
      mean_ms: p50,
      min_ms: p50,
      p50_ms: p50,
      p95_ms: p50,
      p99_ms: p50,
      max_ms: p50,
      ops_per_sec: 1,
      memory_mb: 0.5,
      gc_forced: true,
      lexer_bytes: 100,
      relexed_lines_mean: 1,
      target: { statistic: "p99_ms", limit: 5, passed: true },
      goal: null,
    }],
  } as unknown as PerfReport;
}

Deno.test("PerfHistory records runs with every figure and finds a machine's baseline", () => {
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/sub/history.sqlite`;
  const history = new PerfHistory(path);
  history.record(report("c1", 2, 0.1));
  history.record(report("c2", 4, 0.2));
  history.record(report("c3", 2, 0.3));
  history.close();

  const reopened = new PerfHistory(path);
  assertEquals(reopened.runs().map((r) => r.commit), ["c1", "c2", "c3"]);
  const key = machineKey({ ...machineInfo(), cores: 2 });
  assertEquals(reopened.runs(key).map((r) => r.commit), ["c1", "c3"]);
  assertEquals(reopened.baseline(key)?.commit, "c3");
  assertEquals(reopened.baseline(key, "c1")?.report.detailed_results[0]?.p50_ms, 0.1);
  assertEquals(reopened.baseline("no such machine"), undefined);
  reopened.close();

  const db = new DatabaseSync(path);
  const rows = db.prepare("SELECT test, p50_ms FROM results ORDER BY run_id").all();
  assertEquals(rows.map((r) => [r.test, r.p50_ms]), [["line_1KB", 0.1], ["line_1KB", 0.2], [
    "line_1KB",
    0.3,
  ]]);
  db.close();
  Deno.removeSync(dir, { recursive: true });
});
