/**
 * SVG charts of the performance history, drawn with Vega-Lite and rendered to SVG by Vega's
 * headless view (`renderer: "none"`, `view.toSVG()`): no browser and no canvas needed.
 *
 * @module
 */

import * as vega from "vega";
import * as vegaLite from "vega-lite";
import { EDIT_KINDS, type EditKind } from "./edit_workload.ts";
import type { RecordedRun } from "./history.ts";

/** One point of a chart: a test's figure in one run. */
export interface ChartPoint {
  /** The run's position in the series, 1 for the oldest. */
  readonly run: number;
  /** `#run commit` label for the x axis. */
  readonly label: string;
  /** The series: the test name. */
  readonly test: string;
  /** Orders the series in the legend (the document size). */
  readonly order: number;
  /** The figure. */
  readonly value: number;
}

/** The charts of one machine's history, as file name and SVG text. */
export interface Chart {
  /** A file name such as `latency_single_char.svg`. */
  readonly file: string;
  /** The SVG document. */
  readonly svg: string;
}

/**
 * Renders a Vega-Lite line chart to SVG.
 *
 * @param title The chart title.
 * @param yTitle The y axis title.
 * @param points The points; one line per `test`.
 * @param log Whether the y axis is logarithmic (latencies spanning decades); else it is linear
 *   from zero.
 * @returns The SVG document.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * const svg = await lineChartSvg("t", "ms", [
 *   { run: 1, label: "#1 abc", test: "a", order: 1, value: 1 },
 *   { run: 2, label: "#2 def", test: "a", order: 1, value: 2 },
 * ]);
 * assert(svg.startsWith("<svg") && svg.endsWith("</svg>"));
 * ```
 */
export async function lineChartSvg(
  title: string,
  yTitle: string,
  points: readonly ChartPoint[],
  log = true,
): Promise<string> {
  const useLog = log && points.every((p) => p.value > 0);
  const spec: vegaLite.TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width: 640,
    height: 320,
    background: "white",
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: "line", point: true },
    encoding: {
      x: {
        field: "label",
        type: "ordinal",
        sort: { field: "run" },
        title: "run (oldest first) and commit",
        axis: { labelAngle: -40 },
      },
      y: {
        field: "value",
        type: "quantitative",
        title: yTitle,
        scale: useLog ? { type: "log" } : { type: "linear", zero: true },
      },
      color: {
        field: "test",
        type: "nominal",
        title: "test",
        sort: { field: "order", op: "min" },
      },
      tooltip: [{ field: "test" }, { field: "label" }, { field: "value" }],
    },
  };
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function label(run: RecordedRun, index: number): string {
  return `#${index + 1} ${run.commit === "unknown" ? "?" : run.commit.slice(0, 7)}`;
}

/**
 * Draws the charts of one machine's runs: p50 latency over runs for each edit kind (one line per
 * document size), and the memory test's heap over runs.
 *
 * @param runs The runs, oldest first, all of one machine.
 * @returns The charts; none for no runs.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(await historyCharts([]), []);
 * ```
 */
export async function historyCharts(runs: readonly RecordedRun[]): Promise<Chart[]> {
  if (runs.length === 0) return [];
  const charts: Chart[] = [];
  const kinds: (EditKind | "memory")[] = [...EDIT_KINDS, "memory"];
  for (const kind of kinds) {
    const points: ChartPoint[] = [];
    const memory: ChartPoint[] = [];
    runs.forEach((run, i) => {
      for (const r of run.report.detailed_results) {
        if (r.kind !== kind) continue;
        const point = { run: i + 1, label: label(run, i), test: r.name, order: r.size_kb };
        points.push({ ...point, value: r.p50_ms });
        if (kind === "memory") memory.push({ ...point, value: r.memory_mb });
      }
    });
    if (points.length === 0) continue;
    const title = kind === "memory"
      ? "Initial lex of the memory test's document: p50 over runs"
      : `${kind} edits: p50 latency over runs`;
    charts.push({
      file: `latency_${kind}.svg`,
      svg: await lineChartSvg(title, "p50 (ms, log scale)", points),
    });
    if (memory.length > 0) {
      charts.push({
        file: "memory.svg",
        svg: await lineChartSvg(
          "Heap kept by the lexer after a forced GC, over runs",
          "MB",
          memory,
          false,
        ),
      });
    }
  }
  const heap: ChartPoint[] = runs.map((run, i) => ({
    run: i + 1,
    label: label(run, i),
    test: "largest heap of any test",
    order: 0,
    value: Math.max(0, ...run.report.detailed_results.map((r) => r.memory_mb)),
  }));
  if (!charts.some((c) => c.file === "memory.svg")) {
    charts.push({
      file: "memory.svg",
      svg: await lineChartSvg("Largest heap kept by the lexer, over runs", "MB", heap, false),
    });
  }
  return charts;
}
