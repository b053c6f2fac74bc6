/**
 * The complexity suite (issue 10): for every adversarial shape, lines of growing length made by
 * repeating the shape with and without its closer; the median time to lex each line; the growth
 * exponent fitted over the large sizes; and a verdict against a largest exponent (1.2).
 *
 * The timing is injected ({@linkcode ComplexityOptions.measure}), so the suite's logic (sizes,
 * the time budget, which points are fitted, the verdict) is tested with cost models, not clocks.
 *
 * @module
 */

import process from "node:process";
import { type AdversarialShape, repeatedLine } from "../fuzz/adversarial_shapes.ts";
import { IncrementalLexer, lexDocument } from "../mod.ts";
import { fitGrowth } from "./growth_fit.ts";
import { median } from "./stats.ts";

/** What is timed on each line. */
export const COMPLEXITY_APIS = ["lexDocument", "incremental", "edit"] as const;
/** One of {@linkcode COMPLEXITY_APIS}. */
export type ComplexityApi = typeof COMPLEXITY_APIS[number];

/** The largest growth exponent that passes: linear with noise and GC, never quadratic. */
export const DEFAULT_MAX_EXPONENT = 1.2;

/** Options of {@linkcode runComplexity}. */
export interface ComplexityOptions {
  /** The shapes. */
  readonly shapes: readonly AdversarialShape[];
  /** The APIs timed on each line. */
  readonly apis: readonly ComplexityApi[];
  /** The line lengths (KB of 1024 code units), ascending. */
  readonly sizesKb: readonly number[];
  /**
   * The figure of a size: the median of its runs, or their minimum (noise on a busy machine only
   * adds time, so the minimum is the steadier estimate of a cost's growth with few runs).
   */
  readonly statistic: "median" | "min";
  /** The exponent is fitted on the sizes from this one (KB). */
  readonly fitFromKb: number;
  /**
   * Timed runs per size; the figure is their median. The sizes are timed in rounds (every size
   * once, then again), so a change of load on the machine hits every size alike.
   */
  readonly runs: number;
  /** The largest exponent that passes. */
  readonly maxExponent: number;
  /**
   * Once a size's first run exceeds this (ms), larger sizes of that series are skipped (a
   * quadratic shape at 1 MB would take a minute per run); the exponent is then fitted on the sizes
   * measured. Two sizes are always measured.
   */
  readonly budgetMs: number;
  /**
   * Times one call on one line (ms). The default is {@linkcode cpuTime}: CPU time, which a
   * machine shared with other work disturbs far less than wall time.
   */
  readonly measure?: (api: ComplexityApi, line: string) => number;
  /** Progress messages. */
  readonly onProgress?: (message: string) => void;
}

/** One size of a series. */
export interface ComplexityPoint {
  /** The line's length (code units). */
  readonly bytes: number;
  /** The median over the runs (ms). */
  readonly median_ms: number;
  /** The fastest run (ms). */
  readonly min_ms: number;
  /** How many runs. */
  readonly runs: number;
}

/** One shape, form and API over the sizes. */
export interface ComplexitySeries {
  /** The shape's name. */
  readonly shape: string;
  /** `"open"` (the unit without its closer) or `"closed"`. */
  readonly form: "open" | "closed";
  /** The repeated unit. */
  readonly unit: string;
  /** The API timed. */
  readonly api: ComplexityApi;
  /** Every size measured. */
  readonly points: readonly ComplexityPoint[];
  /** The sizes the exponent was fitted on (code units). */
  readonly fitted_bytes: readonly number[];
  /** The growth exponent. */
  readonly exponent: number;
  /** The fit's r² in log-log space. */
  readonly r2: number;
  /** True when the budget stopped the series before its largest size. */
  readonly cut_short: boolean;
  /** True when the exponent is at most the maximum. */
  readonly passed: boolean;
}

/** The suite's result. */
export interface ComplexityResult {
  /** Every series. */
  readonly series: readonly ComplexitySeries[];
  /** The series that failed. */
  readonly failures: readonly ComplexitySeries[];
  /** The largest exponent found. */
  readonly max_exponent_found: number;
}

function cpuMs(since: { user: number; system: number }): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/**
 * Times one call of an API on a line, in CPU time of the process (`process.cpuUsage`: user and
 * system, microseconds), so time the process spends descheduled on a busy machine is not counted.
 *
 * @param api What to time: `lexDocument(line)`, `new IncrementalLexer(line)`, or one character
 * typed in the middle of an `IncrementalLexer` built beforehand (not timed).
 * @param line The line.
 * @returns Milliseconds.
 */
export function cpuTime(api: ComplexityApi, line: string): number {
  if (api === "edit") {
    const lexer = new IncrementalLexer(line);
    const mid = line.length >> 1;
    const c0 = process.cpuUsage();
    lexer.edit(mid, mid, "x");
    return cpuMs(c0);
  }
  const c0 = process.cpuUsage();
  if (api === "lexDocument") lexDocument(line);
  else new IncrementalLexer(line);
  return cpuMs(c0);
}

function measureSeries(
  unit: string,
  api: ComplexityApi,
  options: ComplexityOptions,
  measure: (api: ComplexityApi, line: string) => number,
): ComplexityPoint[] {
  const lines: string[] = [];
  const times: number[][] = [];
  // The first round, ascending, finds the sizes within the budget.
  for (const kb of options.sizesKb) {
    const line = repeatedLine(unit, kb * 1024);
    const t = measure(api, line);
    lines.push(line);
    times.push([t]);
    if (lines.length >= 2 && t > options.budgetMs) break;
  }
  // The later rounds skip sizes whose first run exceeded the budget: one run says enough there.
  for (let r = 1; r < options.runs; r++) {
    for (let i = 0; i < lines.length; i++) {
      if (times[i]![0]! <= options.budgetMs) times[i]!.push(measure(api, lines[i]!));
    }
  }
  return lines.map((line, i) => ({
    bytes: line.length,
    median_ms: median(times[i]!),
    min_ms: Math.min(...times[i]!),
    runs: times[i]!.length,
  }));
}

/**
 * The sizes an exponent is fitted on: those from `fitFromKb` when there are at least two, else
 * the two largest measured (a series the budget cut short).
 *
 * @param points The sizes measured, ascending.
 * @param fitFromBytes The first size of the fit.
 * @returns The points to fit.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const p = (bytes: number) => ({ bytes, median_ms: 1, min_ms: 1, runs: 1 });
 * assertEquals(fitPoints([p(1), p(2), p(4), p(8)], 2).length, 3);
 * assertEquals(fitPoints([p(1), p(2), p(4), p(8)], 8).length, 2);
 * ```
 */
export function fitPoints(
  points: readonly ComplexityPoint[],
  fitFromBytes: number,
): readonly ComplexityPoint[] {
  const large = points.filter((p) => p.bytes >= fitFromBytes);
  return large.length >= 2 ? large : points.slice(-2);
}

/**
 * Runs the suite.
 *
 * @param options Shapes, sizes, runs, the verdict's maximum and the timing.
 * @returns Every series and the failures.
 *
 * @example A quadratic cost model fails, a linear one passes
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const shapes = [{ name: "s", open: "\\lstinline[a", closed: "\\lstinline[a]{x}" }];
 * const base = { shapes, apis: ["lexDocument"] as const, sizesKb: [1, 2, 4, 8], fitFromKb: 1, runs: 1, statistic: "median" as const, maxExponent: 1.2, budgetMs: 1e9 };
 * const quadratic = runComplexity({ ...base, measure: (_, line) => line.length ** 2 });
 * assertEquals(quadratic.failures.length, 2);
 * const linear = runComplexity({ ...base, measure: (_, line) => line.length });
 * assertEquals(linear.failures.length, 0);
 * ```
 */
export function runComplexity(options: ComplexityOptions): ComplexityResult {
  const measure = options.measure ?? cpuTime;
  const figure = (p: ComplexityPoint) => options.statistic === "min" ? p.min_ms : p.median_ms;
  const series: ComplexitySeries[] = [];
  const fitFrom = options.fitFromKb * 1024;
  const largest = options.sizesKb[options.sizesKb.length - 1]! * 1024;
  for (const shape of options.shapes) {
    for (const form of ["open", "closed"] as const) {
      const unit = form === "open" ? shape.open : shape.closed;
      for (const api of options.apis) {
        // A warm-up: the JIT compiles the paths this unit takes before anything is timed. (No
        // forced GC: V8 then shrinks its young generation, and the first large lines pay for
        // many scavenges of their live tokens, a transient that looks superlinear.)
        measure(api, repeatedLine(unit, 4096));
        const points = measureSeries(unit, api, options, measure);
        const fitted = fitPoints(points, fitFrom);
        const fit = fitted.length >= 2
          ? fitGrowth(fitted.map((p) => ({ size: p.bytes, cost: Math.max(figure(p), 1e-6) })))
          : { exponent: NaN, r2: NaN };
        const passed = fit.exponent <= options.maxExponent;
        const s: ComplexitySeries = {
          shape: shape.name,
          form,
          unit,
          api,
          points,
          fitted_bytes: fitted.map((p) => p.bytes),
          exponent: fit.exponent,
          r2: fit.r2,
          cut_short: points[points.length - 1]!.bytes < largest,
          passed,
        };
        series.push(s);
        options.onProgress?.(
          `${shape.name} ${form} ${api}: exponent ${fit.exponent.toFixed(2)}${
            s.cut_short ? ` (stopped at ${points[points.length - 1]!.bytes >> 10} KB)` : ""
          }${passed ? "" : " FAIL"}`,
        );
      }
    }
  }
  const failures = series.filter((s) => !s.passed);
  const max = Math.max(...series.map((s) => (Number.isNaN(s.exponent) ? -Infinity : s.exponent)));
  return { series, failures, max_exponent_found: max };
}

/**
 * Renders the result as a table: one row per series with its exponent and the time at the largest
 * size measured.
 *
 * @param result The result.
 * @param maxExponent The verdict's maximum, for the summary line.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * const shapes = [{ name: "s", open: "a", closed: "b" }];
 * const r = runComplexity({ shapes, apis: ["lexDocument"], sizesKb: [1, 2, 4], fitFromKb: 1, runs: 1, statistic: "median" as const, maxExponent: 1.2, budgetMs: 1e9, measure: (_, l) => l.length });
 * assertStringIncludes(formatComplexity(r, 1.2), "| s | open | lexDocument | 1.00 |");
 * ```
 */
export function formatComplexity(result: ComplexityResult, maxExponent: number): string {
  const lines = [
    "| shape | form | api | exponent | fitted KB | largest KB | ms there | verdict |",
    "| --- | --- | --- | ---: | --- | ---: | ---: | --- |",
  ];
  for (const s of result.series) {
    const last = s.points[s.points.length - 1]!;
    const fitted = s.fitted_bytes.map((b) => b >> 10);
    lines.push(
      `| ${s.shape} | ${s.form} | ${s.api} | ${s.exponent.toFixed(2)} | ${fitted[0]}-${
        fitted[fitted.length - 1]
      } | ${last.bytes >> 10} | ${last.median_ms.toFixed(2)} | ${s.passed ? "ok" : "FAIL"}${
        s.cut_short ? " (budget)" : ""
      } |`,
    );
  }
  lines.push(
    "",
    result.failures.length === 0
      ? `Complexity passed: every exponent <= ${maxExponent} (largest ${
        result.max_exponent_found.toFixed(2)
      }).`
      : `Complexity FAILED: ${result.failures.length} series above ${maxExponent}: ${
        result.failures.map((s) => `${s.shape}/${s.form}/${s.api} ${s.exponent.toFixed(2)}`).join(
          ", ",
        )
      }.`,
  );
  return lines.join("\n");
}
