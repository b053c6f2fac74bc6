import { assert, assertEquals } from "@std/assert";
import { historyCharts, lineChartSvg } from "./charts.ts";
import type { RecordedRun } from "./history.ts";

/** Checks that tags open and close in a balanced way (enough to catch a cut or broken SVG). */
function assertBalancedSvg(svg: string): void {
  assert(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) assertEquals(stack.pop(), name);
    else stack.push(name!);
  }
  assertEquals(stack, []);
}

Deno.test("lineChartSvg() renders a well-formed SVG with one line per series", async () => {
  const svg = await lineChartSvg("title", "ms", [
    { run: 1, label: "#1 a", test: "x", order: 1, value: 1 },
    { run: 2, label: "#2 b", test: "x", order: 1, value: 2 },
    { run: 1, label: "#1 a", test: "y", order: 2, value: 3 },
    { run: 2, label: "#2 b", test: "y", order: 2, value: 4 },
  ]);
  assertBalancedSvg(svg);
  // Vega draws each series of a line mark as its own group.
  assertEquals(svg.match(/class="mark-line role-mark/g)?.length, 2);
  assertEquals(svg.match(/class="mark-symbol role-legend-symbol"/g)?.length, 2);
});

Deno.test("historyCharts() draws one latency chart per kind measured and a memory chart", async () => {
  const run = (id: number) =>
    ({
      id,
      commit: "abcdef1234",
      date: "",
      machineKey: "m",
      report: {
        detailed_results: [
          { name: "line_1KB", kind: "line", size_kb: 1, p50_ms: 0.1 * id, memory_mb: 1 },
          { name: "memory_8KB", kind: "memory", size_kb: 8, p50_ms: 5, memory_mb: 2 * id },
        ],
      },
    }) as unknown as RecordedRun;
  const charts = await historyCharts([run(1), run(2)]);
  assertEquals(charts.map((c) => c.file).sort(), [
    "latency_line.svg",
    "latency_memory.svg",
    "memory.svg",
  ]);
  for (const chart of charts) assertBalancedSvg(chart.svg);
});
