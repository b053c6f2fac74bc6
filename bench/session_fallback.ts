/**
 * Measures the editor session's crossover: the fraction of a document's lines an edit must
 * replace for a batch lex of the new text to cost less than the incremental edit.
 *
 * For each fraction, an edit replaces the first lines of the document with a changed copy of
 * them (each line gains a word, so every one is re-lexed); it is timed on a session that never
 * falls back and on one that always does, each time on a fresh session (built outside the
 * timing), and the medians are compared. The crossover is the first fraction where the batch
 * path is faster. A `\begin{verbatim}` typed at the top (damage to the end of the document,
 * which no one can predict before lexing) is shown beside, with its ratio to a batch lex.
 *
 * Run under the shared lock:
 * `flock /tmp/heavy.lock deno run --allow-read=../shared --v8-flags=--expose-gc bench/session_fallback.ts [--runs 5]`
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { EditorSession } from "../mod.ts";
import { generateDocument } from "./generate_document.ts";
import { median } from "./stats.ts";
import { sharedPath } from "./shared_dir.ts";

/** `globalThis.gc` with `--v8-flags=--expose-gc`: a collection before each timed edit. */
const gc = (globalThis as { gc?: () => void }).gc;

const FRACTIONS = [0.05, 0.1, 0.25, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1];

/** One measured fraction. */
interface Row {
  fraction: number;
  incrementalMs: number;
  batchMs: number;
}

function timeEdit(text: string, crossover: number, from: number, to: number, insert: string) {
  const session = new EditorSession(text, { fallback: { crossover }, reportTokens: false });
  gc?.();
  const t0 = performance.now();
  const change = session.edit(from, to, insert);
  const ms = performance.now() - t0;
  if ((change.fallback !== undefined) !== (crossover < 1e-6)) {
    throw new Error(`the edit took the wrong path (crossover ${crossover})`);
  }
  return ms;
}

function measure(text: string, runs: number): { rows: Row[]; verbatimRatio: number } {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lines = lineStarts.length;
  const rows: Row[] = [];
  for (const fraction of FRACTIONS) {
    const k = Math.min(lines - 1, Math.round(fraction * lines));
    const to = lineStarts[k]!;
    const insert = text.slice(0, to).replace(/\n/g, " w\n");
    const inc: number[] = [];
    const bat: number[] = [];
    for (let r = 0; r < runs; r++) {
      inc.push(timeEdit(text, Infinity, 0, to, insert));
      bat.push(timeEdit(text, 1e-9, 0, to, insert));
    }
    rows.push({ fraction, incrementalMs: median(inc), batchMs: median(bat) });
  }
  const verbInc: number[] = [];
  const verbBat: number[] = [];
  for (let r = 0; r < runs; r++) {
    verbInc.push(timeEdit(text, Infinity, 0, 0, "\\begin{verbatim}\n"));
    verbBat.push(timeEdit(text, 1e-9, 0, 0, "\\begin{verbatim}\n"));
  }
  return { rows, verbatimRatio: median(verbInc) / median(verbBat) };
}

function crossoverOf(rows: readonly Row[]): number | undefined {
  return rows.find((r) => r.batchMs < r.incrementalMs)?.fraction;
}

if (import.meta.main) {
  const args = parseArgs(Deno.args, { string: ["runs"] });
  const runs = Number(args.runs ?? 5);
  const inputs: { name: string; text: string }[] = [
    { name: "generated 1 MB", text: generateDocument(1024 * 1024) },
  ];
  const real = sharedPath("corpus/gh_stacks_stacks-project__algebra.tex");
  if (real === undefined) console.log("../shared/corpus is absent: the real file is skipped");
  else inputs.push({ name: "algebra.tex (1.8 MB)", text: Deno.readTextFileSync(real) });
  const summary: Record<string, unknown> = {};
  for (const { name, text } of inputs) {
    const { rows, verbatimRatio } = measure(text, runs);
    console.log(`\n${name}, median of ${runs} runs`);
    console.log("| fraction of lines | incremental ms | batch ms | batch / incremental |");
    console.log("| ---: | ---: | ---: | ---: |");
    for (const r of rows) {
      console.log(
        `| ${r.fraction} | ${r.incrementalMs.toFixed(2)} | ${r.batchMs.toFixed(2)} | ${
          (r.batchMs / r.incrementalMs).toFixed(2)
        } |`,
      );
    }
    const crossover = crossoverOf(rows);
    console.log(`crossover: ${crossover ?? "none (incremental always cheaper)"}`);
    console.log(
      `\\begin{verbatim} at the top: incremental / batch = ${verbatimRatio.toFixed(2)}`,
    );
    summary[name] = { crossover: crossover ?? null, verbatim_ratio: verbatimRatio, rows };
  }
  console.log("\n" + JSON.stringify(summary));
}
