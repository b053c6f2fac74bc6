import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { main } from "./perf.ts";
import type { PerfReport } from "./perf_report.ts";
import type { ActionBenchmarkEntry } from "./action_json.ts";
import { EDIT_KINDS } from "./edit_workload.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const TINY = ["--sizes", "2,4", "--memory-size", "8", "--runs", "2", "--corpus", "0", "--quick"];

Deno.test("perf main() writes a report with the strategy's schema and a table", async () => {
  const dir = Deno.makeTempDirSync();
  const { out, err, io } = capture();
  const status = await main(
    [...TINY, "--report", `${dir}/r/report.json`, "--action-json", `${dir}/a.json`],
    io,
  );
  // Exit 1 only for a missed target: timing is not asserted here, only the output's form.
  assert(status === 0 || status === 1);
  const report = JSON.parse(Deno.readTextFileSync(`${dir}/r/report.json`)) as PerfReport;
  assertEquals(
    Object.keys(report.summary).sort(),
    [
      "overall_avg_time_ms",
      "overall_max_memory_mb",
      "overall_max_time_ms",
      "success_rate_percent",
      "tests_failed",
      "tests_passed",
      "total_tests",
    ],
  );
  assertEquals(report.summary.total_tests, 2 * EDIT_KINDS.length + 1);
  assertEquals(report.summary.tests_failed, report.failures.length);
  assertEquals(status, report.failures.length === 0 ? 0 : 1);
  assertEquals(report.config.runs, 2);
  assertEquals(report.performance_targets.strategy_ms.single_char, 1);
  assertEquals(report.detailed_results.map((r) => r.name).slice(0, 2), [
    "single_char_2KB",
    "line_2KB",
  ]);
  for (const r of report.detailed_results) {
    assertEquals(r.runs, 2);
    assert(r.min_ms <= r.p50_ms && r.p50_ms <= r.p95_ms && r.p95_ms <= r.p99_ms, r.name);
    assert(r.p99_ms <= r.max_ms && r.ops_per_sec > 0 && r.lexer_bytes > 0, r.name);
    assertEquals(r.gc_forced, typeof (globalThis as { gc?: unknown }).gc === "function");
  }
  assertEquals(report.scaling.length, EDIT_KINDS.length);
  const apis = ["regex", "loop", "tokenize", "lexDocument", "IncrementalLexer"];
  assertEquals(
    report.throughput.map((t) => `${t.input} ${t.api}`),
    ["generated_2KB", "generated_4KB"].flatMap((input) => apis.map((api) => `${input} ${api}`)),
  );
  for (const t of report.throughput) {
    assert(t.vs_regex! > 0, `${t.input} ${t.api} has a ratio to the regex`);
    if (t.api === "regex") assertEquals(t.vs_regex, 1);
  }
  assertEquals(report.machine.deno, Deno.version.deno);
  const action = JSON.parse(Deno.readTextFileSync(`${dir}/a.json`)) as ActionBenchmarkEntry[];
  assert(action.length > 0 && action.every((e) => typeof e.value === "number" && e.unit !== ""));
  const text = out.join("\n");
  assertStringIncludes(text, "single_char_2KB");
  assertStringIncludes(text, "Runs per test: 2");
  assertStringIncludes(text, "tests within the strategy's targets");
  assert(err.some((l) => l.startsWith("perf: line edits at 4 KB: run 2 of 2")));
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("perf main() records runs and gates against the baseline of the same machine", async () => {
  const dir = Deno.makeTempDirSync();
  const paths = [
    "--report",
    `${dir}/r.json`,
    "--action-json",
    `${dir}/a.json`,
    "--sizes",
    "2",
    "--runs",
    "1",
  ];
  const db = ["--db", `${dir}/h/history.sqlite`];
  const first = capture();
  await main([...TINY, ...paths, ...db, "--gate"], first.io);
  assertStringIncludes(first.out.join("\n"), "Gate: no recorded baseline");
  await main([...TINY, ...paths, ...db, "--record"], capture().io);
  const second = capture();
  await main([...TINY, ...paths, ...db, "--gate", "--gate-ratio", "1000"], second.io);
  const text = second.out.join("\n");
  assertStringIncludes(text, "| test | baseline p50 ms | current p50 ms | ratio | verdict |");
  assertStringIncludes(text, "Gate passed.");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("perf main() rejects bad options with status 2 and prints help", async () => {
  for (const args of [["--runs", "0"], ["--sizes", "a"], ["--nope"], ["--gate-ratio", "-1"]]) {
    const { err, io } = capture();
    assertEquals(await main(args, io), 2, args.join(" "));
    assertStringIncludes(err.join("\n"), "--help");
  }
  const denied = capture();
  assertEquals(await main(["--quick", "--report", "/not-allowed.json"], denied.io), 2);
  assertStringIncludes(denied.err.join("\n"), "--report: no permission to write /not-allowed.json");
  const { out, io } = capture();
  assertEquals(await main(["--help"], io), 0);
  assertStringIncludes(out.join("\n"), "--record");
});
