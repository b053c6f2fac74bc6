/// <reference lib="dom" />
/**
 * The browser benchmark: per keystroke, our CodeMirror 6 language, CodeMirror's `stex` mode,
 * `codemirror-lang-latex` and a plain editor (no language), on the strategy's generated
 * documents, in headless Chromium.
 *
 * A keystroke's latency is measured in the page (editors/playground/app.ts): from the `keydown`
 * event to the first frame painted after the syntax tree is complete to the end of the document
 * (`forceParsing` to the end with no time limit, then `requestAnimationFrame`, then a task after
 * the frame), the same definition for every editor; a keystroke after which the tree is still
 * not available to the end is counted (`incomplete_trees`, expected 0). The keystrokes are the
 * strategy's `single_char` edits: a letter typed in the middle of a line, then Backspace, in
 * batches at lines spread over the document (the golden-ratio sequence). An empty transaction
 * measured the same way gives the floor under every figure (the wait for the frame, CodeMirror's
 * update cycle). The first screen is the time from a new editor state to the first frame painted
 * with the viewport highlighted.
 *
 * A program, never a test: `flock /tmp/heavy.lock deno task bench:browser --help`.
 *
 * @module
 */

import type { Page } from "playwright-core";
import { machineInfo } from "../../bench/machine_info.ts";
import { gitCommit } from "../../_tools/git_commit.ts";
import { openPlayground } from "../browser/browser.ts";
import {
  BenchUsageError,
  BROWSER_BENCH_SCHEMA,
  type BrowserBenchReport,
  type Components,
  componentsOf,
  DEFINITION,
  type EditorKey,
  ms,
  NAMES,
  parseOptions,
  type Row,
  rowOf,
  type RunSamples,
  SIZES,
  table,
  USAGE,
} from "./_browser_report.ts";

const PORT = 8789;
/** Positions in the document per run. */
const BATCHES = 10;
const GOLDEN = 0.6180339887498949;

// deno-lint-ignore no-explicit-any
type Any = any;

let options;
try {
  options = parseOptions(Deno.args);
} catch (e) {
  if (!(e instanceof BenchUsageError)) throw e;
  console.error(`${e.message}\n\n${USAGE}`);
  Deno.exit(2);
}
if (options === "help") {
  console.log(USAGE);
  Deno.exit(0);
}
const opts = options;

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

class RunTimeout extends Error {}

/** Runs `f`, or throws {@linkcode RunTimeout} after `seconds`. */
async function withTimeout<T>(seconds: number, f: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RunTimeout()), seconds * 1000);
  });
  try {
    return await Promise.race([f(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One editor at one size. */
async function run(
  page: Page,
  editor: EditorKey,
  size: string,
  bytes: number,
): Promise<RunSamples> {
  /** Calls a method of the page's `playground` API. */
  const call = (method: string, ...args: unknown[]): Promise<Any> =>
    page.evaluate(
      ({ method, args }) => (globalThis as Any).playground[method](...args),
      { method, args },
    );
  const screens: number[] = [];
  for (let i = 0; i < opts.screens; i++) {
    screens.push(
      await call("loadGenerated", editor, bytes),
    );
  }
  log(`  first screen ${screens.map((s) => ms(s)).join(", ")} ms`);
  const done: { ms: number; complete: boolean } = await call("completeTree", editor);
  if (editor !== "plain" && !done.complete) {
    throw new Error(`${editor}: the tree is not complete to the end after forceParsing`);
  }
  log(`  tree complete to the end in ${ms(done.ms)} ms`);
  const n = (editor === "stex" ? opts.stexKeys[size]! : opts.keys) + opts.warmup;
  const pairs = Math.ceil(n / 2);
  const perBatch = Math.ceil(pairs / BATCHES);
  let count = 0;
  for (let b = 0; b < BATCHES && count < n; b++) {
    await call("placeCursor", editor, ((b + 1) * GOLDEN) % 1);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    for (let k = 0; k < perBatch && count < n; k++) {
      for (const key of [String.fromCharCode(97 + (count % 26)), "Backspace"]) {
        await page.keyboard.press(key);
        count++;
        await page.waitForFunction(
          ({ editor, count }) => (globalThis as Any).playground.summary()[editor].count >= count,
          { editor, count },
          { timeout: opts.timeoutSeconds * 1000 },
        );
      }
    }
    log(`  keystrokes ${count}/${n}`);
  }
  for (let i = 0; i < opts.floor; i++) {
    await call("emptyTransaction", editor);
    await page.waitForFunction(
      ({ editor, i }) => (globalThis as Any).playground.floorSamples()[editor].painted.length > i,
      { editor, i },
    );
  }
  const got = await page.evaluate((editor) => {
    const p = (globalThis as Any).playground;
    return {
      painted: p.samples()[editor],
      work: p.workSamples()[editor],
      floor: p.floorSamples()[editor],
      incomplete: p.incomplete()[editor],
    };
  }, editor);
  const language = editor === "plain" ? [] : (await page.evaluate(
    ({ editor, bytes, n }) => {
      const p = (globalThis as Any).playground;
      return p.stateBench(editor, p.generatedText(bytes), n);
    },
    { editor, bytes, n },
  )) as number[];
  const w = opts.warmup;
  return {
    painted: got.painted.slice(w),
    work: got.work.slice(w),
    language: language.slice(w),
    floorWork: got.floor.work,
    floorPainted: got.floor.painted,
    screens,
    incomplete: got.incomplete,
    completeTreeMs: done.ms,
  };
}

const session = await openPlayground({ port: PORT, path: "/?baseline" });
const rows: Row[] = [];
const components: Components[] = [];
try {
  let page = session.page;
  await page.evaluate(() => (globalThis as Any).playground.ready);
  const browserVersion = session.browser.version();
  const total = opts.sizes.length * opts.editors.length;
  let index = 0;
  for (const size of opts.sizes) {
    const bytes = SIZES[size]!;
    for (const editor of opts.editors) {
      index++;
      log(`[${index}/${total}] ${size} ${NAMES[editor]}`);
      let samples: RunSamples | undefined;
      try {
        samples = await withTimeout(opts.timeoutSeconds, () => run(page, editor, size, bytes));
      } catch (e) {
        if (!(e instanceof RunTimeout) && !(e instanceof Error && e.name === "TimeoutError")) {
          throw e;
        }
        log(`  TIMED OUT after ${opts.timeoutSeconds} s: a new page for the next run`);
        await page.close({ runBeforeUnload: false }).catch(() => {});
        page = await session.browser.newPage({ viewport: { width: 1500, height: 900 } });
        await page.goto(session.url);
        await page.evaluate(() => (globalThis as Any).playground.ready);
      }
      const row = rowOf(size, bytes, editor, samples);
      rows.push(row);
      log(
        `  painted p50 ${ms(row.painted_ms?.p50)} p99 ${ms(row.painted_ms?.p99)} · work p50 ` +
          `${ms(row.work_ms?.p50)} p99 ${ms(row.work_ms?.p99)} · floor painted p50 ` +
          `${ms(row.floor_painted_ms?.p50)} · language p50 ${ms(row.language_ms?.p50)} p99 ` +
          `${ms(row.language_ms?.p99)} · first screen ${ms(row.first_screen_ms)} ms` +
          (row.incomplete_trees > 0 ? ` · ${row.incomplete_trees} INCOMPLETE TREES` : ""),
      );
    }
    if (opts.editors.includes("ours")) {
      const n = opts.keys + opts.warmup;
      const c = componentsOf(
        size,
        await page.evaluate(
          ({ bytes, n }) => (globalThis as Any).playground.components(bytes, n),
          { bytes, n },
        ),
        opts.warmup,
      );
      components.push(c);
      log(
        `  ours, no view: lexer p50 ${ms(c.lexer_ms.p50)} p99 ${ms(c.lexer_ms.p99)} · tree edit ` +
          `p50 ${ms(c.tree_edit_ms.p50)} p99 ${ms(c.tree_edit_ms.p99)} · spine p50 ` +
          `${ms(c.spine_ms.p50)} · state p50 ${ms(c.state_ms.p50)} p99 ${ms(c.state_ms.p99)}`,
      );
    }
    // The page keeps every generated document: drop this size's before the next.
    await page.evaluate(() => (globalThis as Any).playground.forgetDocuments());
  }
  console.log("");
  for (const line of table(rows)) console.log(line);
  const report: BrowserBenchReport = {
    schema: BROWSER_BENCH_SCHEMA,
    command: `deno task bench:browser ${Deno.args.join(" ")}`.trim(),
    date: new Date().toISOString(),
    commit: gitCommit("."),
    machine: machineInfo(),
    browser: `Chromium ${browserVersion} (headless, /usr/bin/chromium)`,
    definition: DEFINITION,
    warmup: opts.warmup,
    rows,
    components,
  };
  await Deno.writeTextFile(opts.out, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nwrote ${opts.out}`);
} finally {
  await session.close();
}
