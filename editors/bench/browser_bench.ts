/// <reference lib="dom" />
/**
 * The browser benchmark: per keystroke, our CodeMirror 6 language, CodeMirror's `stex` mode and
 * `codemirror-lang-latex`, on the strategy's generated documents, in headless Chromium.
 *
 * A keystroke's latency is measured in the page (editors/playground/app.ts): from the `keydown`
 * event to the first frame painted after the syntax tree is complete to the end of the document
 * (`forceParsing` to the end, then `requestAnimationFrame`, then a task after the frame), the
 * same definition for the three. The keystrokes are the strategy's `single_char` edits: a letter
 * typed in the middle of a line, then Backspace, in batches at lines spread over the document
 * (the golden-ratio sequence of bench/edit_workload.ts). The first screen is the time from a new
 * editor state to the first frame painted with the viewport highlighted (median of 3 loads).
 *
 * Usage: `flock /tmp/heavy.lock deno task bench:browser [--sizes 100k,1m,5m] [--keys 200]
 * [--out editors/bench/results.json]`. A program, never a test: it prints a table and writes
 * the figures, with the machine and the browser, to the JSON file.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { generateDocument } from "../../bench/generate_document.ts";
import { machineInfo } from "../../bench/machine_info.ts";
import { summarize } from "../../bench/stats.ts";
import { openPlayground } from "../browser/browser.ts";

const PORT = 8789;
const EDITORS = ["ours", "stex", "lezer", "plain"] as const;
type EditorKey = typeof EDITORS[number];
const NAMES: Record<EditorKey, string> = {
  ours: "LaTeX Perfectionist",
  stex: "stex (legacy mode)",
  lezer: "codemirror-lang-latex",
  plain: "plain text (no language)",
};
const SIZES: Record<string, number> = { "100k": 100 * 1024, "1m": 1 << 20, "5m": 5 << 20 };
/** Keystrokes dropped at the start of each run (JIT warm-up). */
const WARMUP = 10;
/** Positions in the document per run. */
const BATCHES = 10;
const GOLDEN = 0.6180339887498949;

const args = parseArgs(Deno.args, {
  string: ["sizes", "keys", "out", "stex-keys"],
  boolean: ["help"],
  default: { sizes: "100k,1m,5m", keys: "200", out: "editors/bench/results.json" },
});
if (args.help) {
  console.log(`Usage: flock /tmp/heavy.lock deno task bench:browser [options]

Per keystroke, in headless Chromium: our CodeMirror 6 language, CodeMirror's stex mode,
codemirror-lang-latex and a plain editor (no language), on the strategy's generated documents.

  --sizes LIST     100k,1m,5m (default: all three)
  --keys N         keystrokes per editor and size (default 200; stex: 60 at 1m, 30 at 5m)
  --stex-keys N    keystrokes for stex at every size
  --out FILE       the JSON report (default editors/bench/results.json)
  --help           this text`);
  Deno.exit(0);
}
const sizes: string[] = args.sizes.split(",");
const keys = Number(args.keys);

/** stex re-parses to the document's end on every forced parse: fewer keystrokes at large sizes. */
function keystrokes(editor: EditorKey, size: string): number {
  if (editor !== "stex") return keys;
  if (args["stex-keys"] !== undefined) return Number(args["stex-keys"]);
  return size === "100k" ? keys : size === "1m" ? 60 : 30;
}

// deno-lint-ignore no-explicit-any
type Any = any;

interface Row {
  size: string;
  bytes: number;
  editor: EditorKey;
  keystrokes: number;
  /** Keydown to the first frame painted with the complete tree. */
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  mean_ms: number;
  /** Keydown to the end of the synchronous work (tree complete to the end), no frame wait. */
  work_p50_ms: number;
  work_p99_ms: number;
  /** The language alone: an editor state's update and its tree forced to the end, no view. */
  state_p50_ms: number;
  state_p99_ms: number;
  first_screen_ms: number;
}

const session = await openPlayground({ port: PORT, path: "/?baseline" });
const rows: Row[] = [];
try {
  const page = session.page;
  await page.evaluate(() => (globalThis as Any).playground.ready);
  const browserVersion = session.browser.version();
  for (const size of sizes) {
    const bytes = SIZES[size];
    if (bytes === undefined) throw new RangeError(`Unknown size ${size}: expected 100k, 1m or 5m`);
    const text = generateDocument(bytes);
    for (const editor of EDITORS) {
      const screens: number[] = [];
      for (let i = 0; i < 3; i++) {
        screens.push(
          await page.evaluate(
            ({ editor, text }) => (globalThis as Any).playground.loadOne(editor, text),
            { editor, text },
          ),
        );
      }
      const n = keystrokes(editor, size);
      const pairs = Math.ceil((n + WARMUP) / 2);
      let count = 0;
      for (let b = 0; b < BATCHES; b++) {
        await page.evaluate(
          ({ editor, f }) => (globalThis as Any).playground.placeCursor(editor, f),
          { editor, f: ((b + 1) * GOLDEN) % 1 },
        );
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        const perBatch = Math.ceil(pairs / BATCHES);
        for (let k = 0; k < perBatch && count < n + WARMUP; k++) {
          for (const key of [String.fromCharCode(97 + (count % 26)), "Backspace"]) {
            await page.keyboard.press(key);
            count++;
            await page.waitForFunction(
              ({ editor, count }) =>
                (globalThis as Any).playground.summary()[editor].count >= count,
              { editor, count },
              { timeout: 120_000 },
            );
          }
        }
      }
      const samples: number[] = (await page.evaluate(
        (editor) => (globalThis as Any).playground.samples()[editor],
        editor,
      )).slice(WARMUP);
      const s = summarize(samples);
      const state = summarize(
        (await page.evaluate(
          ({ editor, text, n }) => (globalThis as Any).playground.stateBench(editor, text, n),
          { editor, text, n: n + WARMUP },
        )).slice(WARMUP),
      );
      const work = summarize(
        (await page.evaluate(
          (editor) => (globalThis as Any).playground.workSamples()[editor],
          editor,
        )).slice(WARMUP),
      );
      screens.sort((a, b) => a - b);
      const row: Row = {
        size,
        bytes: text.length,
        editor,
        keystrokes: samples.length,
        p50_ms: s.p50,
        p99_ms: s.p99,
        max_ms: s.max,
        mean_ms: s.mean,
        work_p50_ms: work.p50,
        work_p99_ms: work.p99,
        state_p50_ms: state.p50,
        state_p99_ms: state.p99,
        first_screen_ms: screens[1]!,
      };
      rows.push(row);
      console.log(
        `${size.padEnd(5)} ${NAMES[editor].padEnd(22)} n=${String(row.keystrokes).padStart(4)} ` +
          `p50 ${row.p50_ms.toFixed(2)} ms  p99 ${row.p99_ms.toFixed(2)} ms  ` +
          `work p50 ${row.work_p50_ms.toFixed(2)} p99 ${row.work_p99_ms.toFixed(2)}  ` +
          `first screen ${row.first_screen_ms.toFixed(0)} ms`,
      );
    }
  }
  const ratios = sizes.map((size) => {
    const of = (e: EditorKey) => rows.find((r) => r.size === size && r.editor === e)!;
    return {
      size,
      stex_over_ours_language_p99: of("stex").state_p99_ms / of("ours").state_p99_ms,
      lezer_over_ours_language_p99: of("lezer").state_p99_ms / of("ours").state_p99_ms,
      stex_over_ours_work_p99: of("stex").work_p99_ms / of("ours").work_p99_ms,
      lezer_over_ours_work_p99: of("lezer").work_p99_ms / of("ours").work_p99_ms,
      stex_over_ours_p50: of("stex").p50_ms / of("ours").p50_ms,
      stex_over_ours_p99: of("stex").p99_ms / of("ours").p99_ms,
      lezer_over_ours_p50: of("lezer").p50_ms / of("ours").p50_ms,
      lezer_over_ours_p99: of("lezer").p99_ms / of("ours").p99_ms,
    };
  });
  console.log(
    "\n| size | editor | keystrokes | painted p50 | painted p99 | work p50 | work p99 | " +
      "language p50 | language p99 | first screen |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const f = (v: number) => v < 1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v.toFixed(1);
  for (const r of rows) {
    console.log(
      `| ${r.size.toUpperCase()}B | ${NAMES[r.editor]} | ${r.keystrokes} | ${f(r.p50_ms)} | ` +
        `${f(r.p99_ms)} | ${f(r.work_p50_ms)} | ${f(r.work_p99_ms)} | ${f(r.state_p50_ms)} | ` +
        `${f(r.state_p99_ms)} | ${r.first_screen_ms.toFixed(0)} |`,
    );
  }
  for (const r of ratios) console.log(JSON.stringify(r));
  const report = {
    command: `deno task bench:browser ${Deno.args.join(" ")}`.trim(),
    date: new Date().toISOString(),
    machine: machineInfo(),
    browser: `Chromium ${browserVersion} (headless, /usr/bin/chromium)`,
    definition: "language: EditorState.update plus ensureSyntaxTree to the end, no view; " +
      "painted: keydown to the first frame painted after the syntax tree is complete " +
      "to the document end (forceParsing to the end, requestAnimationFrame, then a task); work: " +
      "keydown to the return of forceParsing (the keystroke's synchronous work, no frame wait)",
    rows,
    ratios,
  };
  await Deno.writeTextFile(args.out, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nwrote ${args.out}`);
} finally {
  await session.close();
}
