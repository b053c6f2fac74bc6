/**
 * The browser benchmark's options, rows and JSON report (`editors/bench/results.json`, schema
 * `editors/bench/browser_bench.schema.json`): the parts of editors/bench/browser_bench.ts that
 * need no browser, so that a test checks them.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import type { MachineInfo } from "../../bench/machine_info.ts";
import { summarize } from "../../bench/stats.ts";

/** The report's `schema` field. */
export const BROWSER_BENCH_SCHEMA = "latex-perfectionist/browser-bench@1";

/** The editors, in the order they run. */
export const EDITORS = ["ours", "stex", "lezer", "plain"] as const;
/** One editor of the playground's page. */
export type EditorKey = typeof EDITORS[number];

/** The editors' names in the table. */
export const NAMES: Record<EditorKey, string> = {
  ours: "LaTeX Perfectionist",
  stex: "stex (legacy mode)",
  lezer: "codemirror-lang-latex",
  plain: "plain text (no language)",
};

/** The document sizes, by name. */
export const SIZES: Readonly<Record<string, number>> = {
  "100k": 100 * 1024,
  "1m": 1 << 20,
  "5m": 5 << 20,
};

/** The benchmark's options. */
export interface BenchOptions {
  /** Size names, in order. */
  sizes: string[];
  /** Editors, in order. */
  editors: EditorKey[];
  /** Keystrokes per editor and size (after the warm-up). */
  keys: number;
  /** Keystrokes for stex, by size name (stex re-parses to the end on every one). */
  stexKeys: Record<string, number>;
  /** Keystrokes dropped at the start of each run (JIT warm-up). */
  warmup: number;
  /** Empty transactions measured per run (the floor). */
  floor: number;
  /** Loads per run for the first screen (the median is kept). */
  screens: number;
  /** Seconds one run (one editor at one size) may take before it is abandoned. */
  timeoutSeconds: number;
  /** Where the JSON report goes. */
  out: string;
}

/** The usage text. */
export const USAGE = `Usage: flock /tmp/heavy.lock deno task bench:browser [options]

Per keystroke, in headless Chromium: our CodeMirror 6 language, CodeMirror's stex mode,
codemirror-lang-latex and a plain editor (no language: CodeMirror's own floor), on the
strategy's generated documents. Prints progress and a table, writes a JSON report.

  --sizes LIST      100k,1m,5m (default: all three)
  --editors LIST    ours,stex,lezer,plain (default: all four)
  --keys N          keystrokes per editor and size after the warm-up (default 100)
  --stex-keys N     keystrokes for stex at every size (default: N at 100k, 40 at 1m, 20 at 5m)
  --warmup N        keystrokes dropped first (default 10)
  --floor N         empty transactions measured per run, the frame floor (default 40)
  --screens N       loads per run for the first screen, the median kept (default 3)
  --timeout S       seconds one run (one editor, one size) may take (default 240)
  --out FILE        the JSON report (default editors/bench/results.json)
  --help            this text`;

/** A usage error: a message for the user, exit status 2. */
export class BenchUsageError extends Error {}

function count(value: string, what: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new BenchUsageError(
      `Invalid ${what} ${JSON.stringify(value)}: expected an integer >= ${min}`,
    );
  }
  return n;
}

/**
 * Parses the command line.
 *
 * @param argv The arguments.
 * @returns The options, or `"help"`.
 * @throws {BenchUsageError} On an unknown option, size or editor, or a bad number.
 */
export function parseOptions(argv: readonly string[]): BenchOptions | "help" {
  const known = ["sizes", "editors", "keys", "stex-keys", "warmup", "floor", "screens", "timeout"];
  const a = parseArgs([...argv], {
    string: [...known, "out"],
    boolean: ["help"],
    default: {
      sizes: "100k,1m,5m",
      editors: EDITORS.join(","),
      keys: "100",
      warmup: "10",
      floor: "40",
      screens: "3",
      timeout: "240",
      out: "editors/bench/results.json",
    },
    unknown: (arg: string) => {
      if (arg.startsWith("-")) throw new BenchUsageError(`Unknown option ${arg}`);
      throw new BenchUsageError(`Unexpected argument ${arg}`);
    },
  });
  if (a.help) return "help";
  const sizes = a.sizes.split(",");
  for (const s of sizes) {
    if (SIZES[s] === undefined) {
      throw new BenchUsageError(`Unknown size ${s}: expected ${Object.keys(SIZES).join(", ")}`);
    }
  }
  const editors = a.editors.split(",") as EditorKey[];
  for (const e of editors) {
    if (!EDITORS.includes(e)) {
      throw new BenchUsageError(`Unknown editor ${e}: expected ${EDITORS.join(", ")}`);
    }
  }
  const keys = count(a.keys, "--keys", 1);
  const stex = a["stex-keys"] === undefined ? undefined : count(a["stex-keys"], "--stex-keys", 1);
  return {
    sizes,
    editors,
    keys,
    stexKeys: {
      "100k": stex ?? keys,
      "1m": stex ?? Math.min(keys, 40),
      "5m": stex ?? Math.min(keys, 20),
    },
    warmup: count(a.warmup, "--warmup", 0),
    floor: count(a.floor, "--floor", 1),
    screens: count(a.screens, "--screens", 1),
    timeoutSeconds: count(a.timeout, "--timeout", 1),
    out: a.out,
  };
}

/** p50 and p99 of some samples (ms). */
export interface Percentiles {
  /** The median. */
  p50: number;
  /** The 99th percentile (nearest rank). */
  p99: number;
}

/** What one run measured in the page, before it is summarised. */
export interface RunSamples {
  /** Keydown to the first frame painted after the tree is complete to the end. */
  painted: number[];
  /** Keydown to the end of the forced parse to the end (no frame wait). */
  work: number[];
  /** The language alone, no view: state update and tree forced to the end. */
  language: number[];
  /** An empty transaction measured as a keystroke: its work, and to its painted frame. */
  floorWork: number[];
  floorPainted: number[];
  /** The first screen of each load. */
  screens: number[];
  /** Keystrokes after which the tree was not complete to the end. */
  incomplete: number;
  /** Time to force the loaded document's tree to its end, before the keystrokes. */
  completeTreeMs: number;
}

/** One editor at one size, in the report. */
export interface Row {
  size: string;
  bytes: number;
  editor: EditorKey;
  /** Whether the run was abandoned after `--timeout` seconds (every figure is then null). */
  timed_out: boolean;
  keystrokes: number;
  incomplete_trees: number;
  painted_ms: (Percentiles & { mean: number; max: number }) | null;
  work_ms: Percentiles | null;
  language_ms: Percentiles | null;
  floor_work_ms: Percentiles | null;
  floor_painted_ms: Percentiles | null;
  first_screen_ms: number | null;
  complete_tree_ms: number | null;
}

function pct(samples: readonly number[]): Percentiles | null {
  if (samples.length === 0) return null;
  const s = summarize(samples);
  return { p50: s.p50, p99: s.p99 };
}

/**
 * Summarises one run.
 *
 * @param size The size's name.
 * @param bytes The document's length.
 * @param editor The editor.
 * @param samples What the page measured, or `undefined` when the run timed out.
 * @returns The report's row.
 */
export function rowOf(
  size: string,
  bytes: number,
  editor: EditorKey,
  samples: RunSamples | undefined,
): Row {
  if (samples === undefined) {
    return {
      size,
      bytes,
      editor,
      timed_out: true,
      keystrokes: 0,
      incomplete_trees: 0,
      painted_ms: null,
      work_ms: null,
      language_ms: null,
      floor_work_ms: null,
      floor_painted_ms: null,
      first_screen_ms: null,
      complete_tree_ms: null,
    };
  }
  const painted = samples.painted.length === 0 ? undefined : summarize(samples.painted);
  const screens = [...samples.screens].sort((a, b) => a - b);
  return {
    size,
    bytes,
    editor,
    timed_out: false,
    keystrokes: samples.painted.length,
    incomplete_trees: samples.incomplete,
    painted_ms: painted === undefined
      ? null
      : { p50: painted.p50, p99: painted.p99, mean: painted.mean, max: painted.max },
    work_ms: pct(samples.work),
    language_ms: pct(samples.language),
    floor_work_ms: pct(samples.floorWork),
    floor_painted_ms: pct(samples.floorPainted),
    first_screen_ms: screens.length === 0 ? null : screens[(screens.length - 1) >> 1]!,
    complete_tree_ms: samples.completeTreeMs,
  };
}

/** Our language's parts of a keystroke, no view, at one size (ms). */
export interface Components {
  size: string;
  /** The lexer's edit alone. */
  lexer_ms: Percentiles;
  /** `LatexTree.edit`: the lexer's edit and the rebuild of the changed block. */
  tree_edit_ms: Percentiles;
  /** The tree's spine over the blocks, rebuilt after the edit. */
  spine_ms: Percentiles;
  /** `EditorState.update` with the tree forced to the end (the language's whole part). */
  state_ms: Percentiles;
}

/**
 * Summarises the components' samples.
 *
 * @param size The size's name.
 * @param s The page's samples.
 * @param warmup Samples to drop first.
 * @returns The report's entry.
 */
export function componentsOf(
  size: string,
  s: { lexer: number[]; tree_edit: number[]; spine: number[]; state: number[] },
  warmup: number,
): Components {
  const p = (a: number[]) => pct(a.slice(warmup))!;
  return {
    size,
    lexer_ms: p(s.lexer),
    tree_edit_ms: p(s.tree_edit),
    spine_ms: p(s.spine),
    state_ms: p(s.state),
  };
}

/** The JSON report. */
export interface BrowserBenchReport {
  schema: typeof BROWSER_BENCH_SCHEMA;
  command: string;
  date: string;
  commit: string | null;
  machine: MachineInfo;
  browser: string;
  definition: string;
  warmup: number;
  rows: Row[];
  components: Components[];
}

/** What each figure means, written into the report. */
export const DEFINITION =
  "painted: keydown to the first frame painted after the syntax tree is complete to the " +
  "document end (forceParsing to the end with no time limit, then requestAnimationFrame, then " +
  "a task); work: keydown to the return of that forceParsing; language: EditorState.update plus " +
  "ensureSyntaxTree to the end, no view; floor: an empty transaction (view.dispatch({}) and the " +
  "same forced parse) measured the same way; first_screen: new editor state to the first frame " +
  "painted with the viewport's tree available; complete_tree: forcing the loaded document's " +
  "tree to its end before the keystrokes.";

/**
 * Formats a duration for the table.
 *
 * @param v Milliseconds, or null.
 * @returns Text.
 */
export function ms(v: number | null | undefined): string {
  if (v === null || v === undefined) return "–";
  return v < 1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

/**
 * The Markdown table of the rows.
 *
 * @param rows The rows.
 * @returns The table's lines.
 */
export function table(rows: readonly Row[]): string[] {
  const out = [
    "| size | editor | keys | painted p50 | painted p99 | work p50 | work p99 | " +
    "floor painted p50 | floor work p50 | language p50 | language p99 | first screen |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    out.push(
      `| ${r.size.toUpperCase()}B | ${NAMES[r.editor]}${r.timed_out ? " (timed out)" : ""} | ` +
        `${r.keystrokes} | ${ms(r.painted_ms?.p50)} | ${ms(r.painted_ms?.p99)} | ` +
        `${ms(r.work_ms?.p50)} | ${ms(r.work_ms?.p99)} | ${ms(r.floor_painted_ms?.p50)} | ` +
        `${ms(r.floor_work_ms?.p50)} | ${ms(r.language_ms?.p50)} | ${ms(r.language_ms?.p99)} | ` +
        `${ms(r.first_screen_ms)} |`,
    );
  }
  return out;
}
