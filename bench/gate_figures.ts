/**
 * Which figures of a `deno task perf` report the distribution gate compares (`perf:gate`), read
 * from reports of any commit: the fields used here are those `ec3d77f`'s reports already had.
 *
 * - **edit**: each edit test's median latency (`p50_ms`, wall time);
 * - **batch**: each throughput row's median CPU time of one call (`cpu_ms`) for `tokenize`,
 *   `lexDocument` and `IncrementalLexer` (the machine references `regex` and `loop` set a scale,
 *   they are not the lexer), and the memory test's opening of an `IncrementalLexer` on its
 *   document (`p50_ms`: the only figure of a lexer's construction that old reports have);
 * - **heap**: the memory test's heap kept after a forced GC (`memory_mb`).
 *
 * @module
 */

/** The part of the gate a figure belongs to. */
export type GateSection = "edit" | "batch" | "heap";

/** The statistic a figure is. */
export type GateStatistic = "p50_ms" | "cpu_ms" | "memory_mb";

/** One figure of one report. */
export interface GateFigure {
  /** The part of the gate. */
  readonly section: GateSection;
  /** The test (`line_5000KB`), `input api` for throughput, or the memory test's name. */
  readonly test: string;
  /** The statistic. */
  readonly statistic: GateStatistic;
  /** Its value (ms or MB). */
  readonly value: number;
}

/** The fields of a perf report the gate reads (present in every report since `ec3d77f`). */
export interface GateInput {
  /** The edit tests and the memory test. */
  readonly detailed_results: readonly {
    readonly name: string;
    readonly kind: string;
    readonly p50_ms: number;
    readonly memory_mb: number;
  }[];
  /** Batch throughput rows (absent from the oldest reports). */
  readonly throughput?: readonly {
    readonly input: string;
    readonly api: string;
    readonly cpu_ms: number;
  }[];
}

/** Throughput rows of these APIs are machine references, not the lexer: never gated. */
export const REFERENCE_APIS: ReadonlySet<string> = new Set(["regex", "loop"]);

/**
 * The key that names the same figure in every report: `section test statistic`.
 *
 * @param figure The figure.
 * @returns The key.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(figureKey({ section: "edit", test: "line_100KB", statistic: "p50_ms" }), "edit line_100KB p50_ms");
 * ```
 */
export function figureKey(figure: Omit<GateFigure, "value">): string {
  return `${figure.section} ${figure.test} ${figure.statistic}`;
}

/**
 * The gated figures of one report, in the report's order: edits, then batch rows, then the
 * memory test's construction time, then its heap.
 *
 * @param report A perf report (of this commit or an older one).
 * @returns The figures.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const figures = gateFigures({
 *   detailed_results: [
 *     { name: "line_100KB", kind: "line", p50_ms: 0.03, memory_mb: 0.1 },
 *     { name: "memory_10240KB", kind: "memory", p50_ms: 900, memory_mb: 24 },
 *   ],
 *   throughput: [{ input: "generated_100KB", api: "regex", cpu_ms: 1 }, { input: "generated_100KB", api: "lexDocument", cpu_ms: 9 }],
 * });
 * assertEquals(figures.map(figureKey), [
 *   "edit line_100KB p50_ms",
 *   "batch generated_100KB lexDocument cpu_ms",
 *   "batch memory_10240KB new IncrementalLexer p50_ms",
 *   "heap memory_10240KB memory_mb",
 * ]);
 * ```
 */
export function gateFigures(report: GateInput): GateFigure[] {
  const edits: GateFigure[] = [];
  const batch: GateFigure[] = [];
  const heap: GateFigure[] = [];
  for (const t of report.detailed_results) {
    if (t.kind === "memory") {
      batch.push({
        section: "batch",
        test: `${t.name} new IncrementalLexer`,
        statistic: "p50_ms",
        value: t.p50_ms,
      });
      heap.push({ section: "heap", test: t.name, statistic: "memory_mb", value: t.memory_mb });
    } else {
      edits.push({ section: "edit", test: t.name, statistic: "p50_ms", value: t.p50_ms });
    }
  }
  const rows: GateFigure[] = [];
  for (const t of report.throughput ?? []) {
    if (REFERENCE_APIS.has(t.api)) continue;
    rows.push({
      section: "batch",
      test: `${t.input} ${t.api}`,
      statistic: "cpu_ms",
      value: t.cpu_ms,
    });
  }
  return [...edits, ...rows, ...batch, ...heap];
}
