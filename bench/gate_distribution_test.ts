import { assertEquals, assertStringIncludes } from "@std/assert";
import { compareDistributions, formatDistributionGate } from "./gate_distribution.ts";
import type { GateInput } from "./gate_figures.ts";

/** One perf process's report with an edit p50, a batch CPU time and a 10 MB heap. */
function process(line: number, cpu = 100, heap = 24): GateInput {
  return {
    detailed_results: [
      { name: "line_5000KB", kind: "line", p50_ms: line, memory_mb: 0.1 },
      { name: "memory_10240KB", kind: "memory", p50_ms: 900, memory_mb: heap },
    ],
    throughput: [{ input: "generated_5000KB", api: "lexDocument", cpu_ms: cpu }],
  };
}

const verdict = (result: ReturnType<typeof compareDistributions>, test: string) =>
  result.rows.find((r) => r.test === test)?.verdict;

const BASE_LINES = [0.030, 0.033, 0.028, 0.045, 0.031, 0.029];

Deno.test("compareDistributions() passes a row whose processes overlap the baseline's, even over the ratio", () => {
  // Median ratio 1.33, but two current processes are faster than most baseline ones: noise.
  const current = [0.040, 0.027, 0.042, 0.030, 0.044, 0.041];
  const result = compareDistributions(
    BASE_LINES.map((l) => process(l)),
    current.map((l) => process(l)),
  );
  assertEquals(result.rows.find((r) => r.test === "line_5000KB")!.ratio > 1.25, true);
  assertEquals(verdict(result, "line_5000KB"), "noise");
  assertEquals(result.passed, true);
});

Deno.test("compareDistributions() fails a row whose processes are all clearly slower", () => {
  const current = BASE_LINES.map((l) => l * 1.6);
  const result = compareDistributions(
    BASE_LINES.map((l) => process(l)),
    current.map((l) => process(l)),
  );
  assertEquals(verdict(result, "line_5000KB"), "REGRESSED");
  assertEquals(verdict(result, "generated_5000KB lexDocument"), "ok");
  assertEquals(result.passed, false);
  assertStringIncludes(
    formatDistributionGate(result, "t"),
    "Gate FAILED: 1 of 4 figures regressed (edit 1, batch 0, heap 0)",
  );
});

Deno.test("compareDistributions() does not fail a significant shift under the ratio", () => {
  const BASE = [0.030, 0.031, 0.029, 0.032, 0.030, 0.031];
  const current = BASE.map((l) => l * 1.2);
  const result = compareDistributions(
    BASE.map((l) => process(l)),
    current.map((l) => process(l)),
  );
  assertEquals(result.rows.find((r) => r.test === "line_5000KB")!.p_slower! <= 0.01, true);
  assertEquals(verdict(result, "line_5000KB"), "ok");
});

Deno.test("compareDistributions() calls a clear speed-up faster, and never fails it", () => {
  const base = [100, 104, 98, 120, 101, 99].map((cpu) => process(0.03, cpu));
  const current = [60, 62, 58, 70, 61, 59].map((cpu) => process(0.03, cpu));
  const result = compareDistributions(base, current);
  assertEquals(verdict(result, "generated_5000KB lexDocument"), "faster");
  assertEquals(result.passed, true);
});

Deno.test("compareDistributions() never fails latencies under the floor", () => {
  const base = [0.001, 0.0011, 0.001, 0.0012, 0.001].map((l) => process(l));
  const current = [0.003, 0.0031, 0.003, 0.0032, 0.003].map((l) => process(l));
  assertEquals(verdict(compareDistributions(base, current), "line_5000KB"), "noise");
  assertEquals(
    verdict(compareDistributions(base, current, { floorMs: 0.0005 }), "line_5000KB"),
    "REGRESSED",
  );
});

Deno.test("compareDistributions() fails without a baseline, and when nothing is compared", () => {
  const current = [process(0.03)];
  const none = compareDistributions([], current);
  assertEquals(none.passed, false);
  assertEquals(none.error, "no baseline: no baseline process was measured");
  assertStringIncludes(formatDistributionGate(none, "t"), "Gate FAILED: no baseline");
  const disjoint = compareDistributions([{ detailed_results: [] }], current);
  assertEquals(disjoint.passed, false);
  assertEquals(disjoint.rows, []);
});

Deno.test("compareDistributions() heap rule: the median may grow by 2%, not more; small heaps never fail", () => {
  const base = [24.0, 24.1, 23.9, 24.0, 24.05].map((h) => process(0.03, 100, h));
  const within = [24.4, 24.5, 24.3, 24.4, 24.45].map((h) => process(0.03, 100, h)); // +1.7%
  const over = [24.6, 24.7, 24.5, 24.6, 24.65].map((h) => process(0.03, 100, h)); // +2.5%
  assertEquals(verdict(compareDistributions(base, within), "memory_10240KB"), "ok");
  assertEquals(verdict(compareDistributions(base, over), "memory_10240KB"), "REGRESSED");
  // One outlying process does not move the median.
  const outlier = [24.0, 30.0, 23.9, 24.0, 24.05].map((h) => process(0.03, 100, h));
  assertEquals(verdict(compareDistributions(base, outlier), "memory_10240KB"), "ok");
  const small = (h: number) => process(0.03, 100, h);
  assertEquals(
    verdict(
      compareDistributions([1, 1, 1].map(small), [1.5, 1.5, 1.5].map(small)),
      "memory_10240KB",
    ),
    "ok",
  );
  assertEquals(compareDistributions(base, over, { heapTolerance: 0.05 }).passed, true);
});

Deno.test("compareDistributions() lists figures missing from some process as not compared", () => {
  const withApi = (api: string): GateInput => ({
    detailed_results: [{ name: "line_100KB", kind: "line", p50_ms: 0.03, memory_mb: 0 }],
    throughput: [{ input: "generated_100KB", api, cpu_ms: 5 }],
  });
  const result = compareDistributions([withApi("lexDocument")], [withApi("IncrementalLexer")]);
  assertEquals(result.not_compared, [
    "batch generated_100KB lexDocument cpu_ms",
    "batch generated_100KB IncrementalLexer cpu_ms",
  ]);
  assertEquals(result.rows.map((r) => r.test), ["line_100KB"]);
  assertEquals(result.passed, true);
});
