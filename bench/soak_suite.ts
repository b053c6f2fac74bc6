/**
 * The soak suite (issue 10): many edits on documents whose lines change catcodes, switch expl3
 * and `\makeatletter`, and open and close verbatim, with the heap retained after GC sampled at
 * intervals and judged by {@linkcode judgeHeap}.
 *
 * @module
 */

import { churnLine } from "../fuzz/adversarial_shapes.ts";
import { IncrementalLexer, type LexerOptions } from "../mod.ts";
import { type HeapSample, type HeapTolerance, type HeapVerdict, judgeHeap } from "./heap_trend.ts";

/** A document and the edit stream applied to it. */
export interface SoakScenario {
  /** A short name. */
  readonly name: string;
  /** What it exercises. */
  readonly description: string;
  /** The document's lines. */
  lines(): string[];
  /** Lexer options. */
  readonly options?: LexerOptions;
  /**
   * Applies edit number `i` (each odd edit undoes the even one before it, so the document keeps
   * its size and shape however long the run).
   */
  edit(lexer: IncrementalLexer, i: number): void;
}

const LINES = 4000;
const GOLDEN = 0.6180339887498949;

function insertAt(lexer: IncrementalLexer, line: number, character: number, text: string): void {
  const at = { line, character };
  lexer.editRange({ start: at, end: at }, text);
}

function deleteAt(lexer: IncrementalLexer, line: number, character: number, length: number): void {
  lexer.editRange({ start: { line, character }, end: { line, character: character + length } }, "");
}

/**
 * The edits of the churn scenario: what is typed, and where on the line. Each changes the state
 * of the following lines up to a line of the document that sets it back (at most 8 lines on), so
 * an edit stays cheap and a million of them take a minute, not an hour.
 */
const CHURN_INSERTS: readonly { readonly text: string; readonly atEnd: boolean }[] = [
  { text: "x", atEnd: false },
  { text: "\\catcode`\\|=13 ", atEnd: false },
  { text: "\\begin{verbatim}", atEnd: true },
  { text: "\\ExplSyntaxOn ", atEnd: false },
  { text: "\\makeatletter ", atEnd: false },
];

/**
 * The scenarios: issue 10's reproducer (a `\makeatletter`/`\makeatother` document, one character
 * typed and deleted at the start of each line in turn) and a churn document (catcodes, expl3,
 * `\makeatletter` and verbatim on every line, with edits that change the state the following
 * lines start in, and undo it).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(SOAK_SCENARIOS.map((s) => s.name), ["makeatletter", "churn"]);
 * ```
 */
export const SOAK_SCENARIOS: readonly SoakScenario[] = [
  {
    name: "makeatletter",
    description:
      "issue 10: 4,000 lines alternating \\makeatletter \\def\\@xN{a} and \\makeatother text N; type and delete a character at the start of each line in turn",
    lines: () =>
      Array.from(
        { length: LINES },
        (_, i) =>
          i % 2 === 0 ? `\\makeatletter \\def\\@x${i >> 1}{a}` : `\\makeatother text ${i >> 1}`,
      ),
    edit(lexer, i) {
      const line = (i >> 1) % LINES;
      if (i % 2 === 0) insertAt(lexer, line, 0, "x");
      else deleteAt(lexer, line, 0, 1);
    },
  },
  {
    name: "churn",
    description:
      "4,000 lines cycling \\makeatletter, \\makeatother, \\ExplSyntaxOn/Off, \\catcode changes and verbatim begin/end; insert and remove \\catcode, \\begin{verbatim}, \\ExplSyntaxOn, \\makeatletter or a letter at lines spread over the document",
    lines: () => Array.from({ length: LINES }, (_, i) => churnLine(i)),
    edit(lexer, i) {
      const pair = i >> 1;
      const line = Math.floor(((pair * GOLDEN) % 1) * LINES);
      const kind = CHURN_INSERTS[pair % CHURN_INSERTS.length]!;
      const length = lexer.lineText(line).length;
      if (i % 2 === 0) {
        insertAt(lexer, line, kind.atEnd ? length : 0, kind.text);
      } else {
        deleteAt(lexer, line, kind.atEnd ? length - kind.text.length : 0, kind.text.length);
      }
    },
  },
];

/** Options of {@linkcode runSoak}. */
export interface SoakOptions {
  /** Edits per scenario. */
  readonly edits: number;
  /** A sample every this many edits. */
  readonly sampleEvery: number;
  /** The scenarios. */
  readonly scenarios: readonly SoakScenario[];
  /**
   * Measures the retained memory (bytes) after a forced GC. The default:
   * `Deno.memoryUsage()`'s `heapUsed + external` after two `globalThis.gc()` calls.
   */
  readonly measure?: () => number;
  /**
   * The growth and estimate tolerances.
   *
   * @default {DEFAULT_HEAP_TOLERANCE}
   */
  readonly tolerance?: HeapTolerance;
  /** Progress messages. */
  readonly onProgress?: (message: string) => void;
}

/** The result of one scenario. */
export interface SoakScenarioResult {
  /** The scenario's name. */
  readonly scenario: string;
  /** Its description. */
  readonly description: string;
  /**
   * The heap without the lexer (bytes, as {@linkcode SoakOptions.measure} gives it): measured
   * before the lexer was built and after it was dropped; `used`, the lower, is what every sample's
   * `retained` is relative to.
   */
  readonly baseline: {
    readonly before: number;
    readonly after_drop: number;
    readonly used: number;
  };
  /** The samples: the first right after the lexer was built (not judged), then one per interval. */
  readonly samples: readonly HeapSample[];
  /** The verdict on the samples from the first interval on. */
  readonly verdict: HeapVerdict;
  /** Edits per second (wall time of the edit loop, samples excluded). */
  readonly edits_per_second: number;
  /** The lexer's `memoryUsage()` at the end. */
  readonly final_memory_usage: Readonly<Record<string, number>>;
}

function warmUp(scenario: SoakScenario, edits: number): void {
  const lexer = new IncrementalLexer(scenario.lines().join("\n"), scenario.options);
  for (let i = 0; i < edits; i++) scenario.edit(lexer, i);
}

function measureDefault(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = Deno.memoryUsage();
  return m.heapUsed + m.external;
}

/**
 * Runs the scenarios.
 *
 * @param options Edits, interval, scenarios.
 * @returns One result per scenario.
 */
export function runSoak(options: SoakOptions): SoakScenarioResult[] {
  const measure = options.measure ?? measureDefault;
  const results: SoakScenarioResult[] = [];
  for (const scenario of options.scenarios) {
    // A warm-up lexer, dropped before the baseline: the code V8 compiles for these edits, and its
    // inline caches, live in the heap too, but the lexer measured does not retain them.
    warmUp(scenario, Math.min(2000, options.edits));
    const before = measure();
    let lexer: IncrementalLexer | undefined = new IncrementalLexer(
      scenario.lines().join("\n"),
      scenario.options,
    );
    const raw: { edits: number; heap: number; estimated: number }[] = [];
    const take = (edits: number) => {
      const s = { edits, heap: measure(), estimated: lexer!.memoryUsage().bytes };
      raw.push(s);
      return s;
    };
    take(0);
    let editMs = 0;
    for (let done = 0; done < options.edits;) {
      const next = Math.min(done + options.sampleEvery, options.edits);
      const t0 = performance.now();
      for (let i = done; i < next; i++) scenario.edit(lexer, i);
      editMs += performance.now() - t0;
      done = next;
      const s = take(done);
      options.onProgress?.(
        `${scenario.name}: ${done} edits, retained ${
          ((s.heap - before) / 1048576).toFixed(2)
        } MB, memoryUsage ${(s.estimated / 1048576).toFixed(2)} MB`,
      );
    }
    const finalUsage = { ...lexer.memoryUsage() } as Record<string, number>;
    lexer = undefined;
    const afterDrop = measure();
    // The heap without the lexer, measured twice: before it was built and after it was dropped.
    // The lower one is the baseline: garbage of the warm-up that a GC before the lexer was built
    // did not free yet (seen in CI: 0.6 MB, freed during the first interval) would otherwise be
    // subtracted from every sample, and something the lexer left behind when it was dropped must
    // not be subtracted either.
    const baseline = Math.min(before, afterDrop);
    const samples: HeapSample[] = raw.map((s) => ({
      edits: s.edits,
      retained: s.heap - baseline,
      estimated: s.estimated,
    }));
    const judged = samples.slice(1);
    results.push({
      scenario: scenario.name,
      description: scenario.description,
      baseline: { before, after_drop: afterDrop, used: baseline },
      samples,
      verdict: judgeHeap(judged.length >= 2 ? judged : samples, options.tolerance),
      edits_per_second: options.edits / (editMs / 1000),
      final_memory_usage: finalUsage,
    });
  }
  return results;
}
