/**
 * The playground page: the same document in three CodeMirror 6 editors (ours, the `stex`
 * stream mode, `codemirror-lang-latex`), each with a per-keystroke latency readout, a token
 * inspector at the cursor of ours, and ways to load documents. Bundled for the browser by
 * `deno task playground`.
 *
 * A keystroke's latency is the time from its `keydown` event to the first frame painted after
 * the syntax tree is complete to the end of the document (`forceParsing` up to the end, then the
 * next animation frame, then a task after it): the same definition for all three editors. The
 * work part of it ends when `forceParsing` returns: CodeMirror's input handling, the transaction
 * (our lexer's edit and tree rebuild), the view update and the parse to the end, without the
 * wait for the next frame.
 *
 * @module
 */

/// <reference lib="dom" />

import { EditorState, type Extension } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import {
  bracketMatching,
  defaultHighlightStyle,
  ensureSyntaxTree,
  foldGutter,
  foldKeymap,
  foldState,
  forceParsing,
  StreamLanguage,
  syntaxHighlighting,
  syntaxTree,
  syntaxTreeAvailable,
} from "@codemirror/language";
import { stex } from "@codemirror/legacy-modes/mode/stex";
import { latexLanguage as lezerLatex } from "codemirror-lang-latex";
import {
  latex,
  latexHighlightStyle,
  LatexTree,
  latexTreeOf,
  leafName,
  tagOf,
} from "../codemirror/mod.ts";
import { LATEX_NODE_SET } from "../codemirror/language.ts";
import { leafTypes } from "../codemirror/node_types.ts";
import { IncrementalLexer, Mode } from "../../mod.ts";
import { generateDocument } from "../../bench/generate_document.ts";
import { LatencyMeter, type LatencySummary } from "./latency.ts";

/** The three editors, by key. */
export type PaneKey = "ours" | "stex" | "lezer" | "plain";

interface Pane {
  key: PaneKey;
  view: EditorView;
  /** Keydown to the first frame painted with the complete tree. */
  meter: LatencyMeter;
  /** Keydown to the end of the keystroke's synchronous work, the complete tree included. */
  work: LatencyMeter;
  readout: HTMLElement;
  language: () => Extension;
  /** The `keydown` time waiting for its document change, or -1. */
  pending: number;
  /** Time to the first highlighted screen of the last load (ms). */
  firstScreen: number;
  /** Keystrokes after which the tree was not complete to the document's end (should be 0). */
  incomplete: number;
  /** An empty transaction measured as a keystroke is: its work, then its paint. */
  floorWork: LatencyMeter;
  floorPainted: LatencyMeter;
}

const MODE_NAMES = Object.fromEntries(Object.entries(Mode).map(([k, v]) => [v, k]));

const base = (): Extension[] => [
  lineNumbers(),
  foldGutter(),
  history(),
  drawSelection(),
  highlightActiveLine(),
  bracketMatching(),
  keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap]),
];

const LANGUAGES: Record<PaneKey, () => Extension> = {
  ours: () => latex(),
  stex: () => [StreamLanguage.define(stex), syntaxHighlighting(defaultHighlightStyle)],
  lezer: () => [lezerLatex, syntaxHighlighting(defaultHighlightStyle)],
  // No language: the floor of CodeMirror's own work per keystroke (shown with ?baseline).
  plain: () => [],
};

/** Calls `done` after the next frame has been painted. */
function afterPaint(done: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done();
    channel.port2.postMessage(null);
  });
}

function $(id: string): HTMLElement {
  return document.getElementById(id)!;
}

const panes: Pane[] = [];

function showReadout(p: Pane): void {
  const s = p.meter.summary();
  const w = p.work.summary();
  const f = (v: number) => Number.isNaN(v) ? "–" : v < 10 ? v.toFixed(2) : v.toFixed(0);
  p.readout.textContent = `keystroke → highlighted & painted: last ${f(s.last)} · ` +
    `p50 ${f(s.p50)} · p99 ${f(s.p99)} ms (n=${s.count}); work to complete tree: ` +
    `p50 ${f(w.p50)} · p99 ${f(w.p99)} ms · first screen ${f(p.firstScreen)} ms`;
}

function extensionsOf(p: Pane): Extension[] {
  return [
    base(),
    p.language(),
    EditorView.updateListener.of((u) => {
      if (u.docChanged && p.pending >= 0) {
        const t0 = p.pending;
        p.pending = -1;
        queueMicrotask(() => {
          complete(p);
          p.work.add(performance.now() - t0);
          afterPaint(() => {
            p.meter.add(performance.now() - t0);
            showReadout(p);
            // The inspector is the playground's, not the language's: after the measure.
            if (p.key === "ours") inspect(p.view.state);
          });
        });
      } else if (p.key === "ours" && (u.docChanged || u.selectionSet)) inspect(u.state);
    }),
  ];
}

/**
 * Forces the pane's syntax tree to the end of its document (no time limit); counts the times
 * it still is not complete there.
 */
function complete(p: Pane): void {
  const end = p.view.state.doc.length;
  const done = forceParsing(p.view, end, 1e9);
  if (p.key !== "plain" && !(done && syntaxTreeAvailable(p.view.state, end))) p.incomplete++;
}

function inspect(state: EditorState): void {
  const doc = latexTreeOf(state);
  if (doc === undefined) return;
  const head = state.selection.main.head;
  const line = state.doc.lineAt(head);
  // A large document is still being lexed just after loading.
  if (line.number > doc.lexedLines) return;
  const column = head - line.from;
  const tokens = doc.lexer.lineTokens(line.number - 1);
  const token = tokens.find((t) => column >= t.column && column < t.column + t.length) ??
    tokens[tokens.length - 1];
  const s = doc.lexer.lineState(line.number - 1);
  const path: string[] = [];
  for (
    let n: { name: string; parent: unknown } | null = syntaxTree(state).resolveInner(head, 1);
    n;
  ) {
    path.unshift(n.name);
    n = (n as { parent: { name: string; parent: unknown } | null }).parent;
  }
  $("inspector").textContent = token === undefined
    ? `line ${line.number}: empty line · line start state: ${MODE_NAMES[s.mode]}`
    : `${JSON.stringify(token.text)} · kind ${token.kind} · math ${token.math} · ` +
      `line start state: mode ${MODE_NAMES[s.mode]}${s.env ? ` (${s.env})` : ""}, ` +
      `depth ${s.depth} · node ${path.join(" › ")}`;
}

function makePane(key: PaneKey): Pane {
  const host = $(`editor-${key}`);
  const pane: Pane = {
    key,
    view: undefined as unknown as EditorView,
    meter: new LatencyMeter(),
    work: new LatencyMeter(),
    readout: $(`readout-${key}`),
    language: LANGUAGES[key],
    pending: -1,
    firstScreen: NaN,
    incomplete: 0,
    floorWork: new LatencyMeter(),
    floorPainted: new LatencyMeter(),
  };
  pane.view = new EditorView({ parent: host });
  pane.view.dom.addEventListener("keydown", () => {
    pane.pending = performance.now();
  }, true);
  panes.push(pane);
  return pane;
}

/**
 * Loads a text into one editor, and measures its time to the first highlighted screen: from
 * the new state to the first frame painted with the viewport's tree complete.
 */
function loadPane(p: Pane, text: string): Promise<void> {
  const t0 = performance.now();
  p.view.setState(EditorState.create({ doc: text, extensions: extensionsOf(p) }));
  p.meter.reset();
  p.work.reset();
  p.incomplete = 0;
  p.floorWork.reset();
  p.floorPainted.reset();
  return new Promise((resolve) => {
    const poll = () => {
      // The plain editor has no language, hence no tree to wait for.
      if (p.key !== "plain" && !syntaxTreeAvailable(p.view.state, p.view.viewport.to)) {
        requestAnimationFrame(poll);
        return;
      }
      afterPaint(() => {
        p.firstScreen = performance.now() - t0;
        showReadout(p);
        resolve();
      });
    };
    poll();
  });
}

function label(text: string, name: string): void {
  $("doc-label").textContent = `${name} · ${(text.length / 1024).toFixed(0)} KB · ` +
    `${text.split("\n").length} lines`;
}

/** Loads a text into the three editors, one after the other. */
async function load(text: string, name: string): Promise<void> {
  label(text, name);
  for (const p of panes) await loadPane(p, text);
  inspect(panes[0]!.view.state);
}

const SAMPLE = String.raw`\documentclass{article}
\usepackage{amsmath}
% A comment: $ here is not math.
\begin{document}
\section{Introduction}
Let $x^2 + y_i = \frac{a}{b}$ and \emph{emphasis} with \verb|$raw$| text.
\begin{align}
  f(x) &= \left( \sum_{k=0}^{n} k \right) \\
  g(x) &= \text{if } x > 0
\end{align}
\begin{verbatim}
$ not math % not a comment \section{no}
\end{verbatim}
\begin{itemize}
  \item First~item \& more \\ next
  \item Second {\bfseries group}
\end{itemize}
\newcommand{\foo}[1]{#1}
\end{document}
`;

async function listCorpus(): Promise<void> {
  const select = $("corpus") as HTMLSelectElement;
  try {
    const names: string[] = await (await fetch("/corpus/")).json();
    for (const name of names) select.add(new Option(name, name));
  } catch {
    // No corpus served: the list stays empty.
  }
  if (select.options.length === 0) select.add(new Option("(no corpus)", ""));
}

function main(): Promise<void> {
  if (!location.search.includes("baseline")) $("pane-plain").remove();
  for (const key of ["ours", "stex", "lezer", "plain"] as const) {
    if (document.getElementById(`editor-${key}`) !== null) makePane(key);
  }
  $("load-corpus").addEventListener("click", async () => {
    const name = ($("corpus") as HTMLSelectElement).value;
    if (name === "") return;
    const text = await (await fetch(`/corpus/${encodeURIComponent(name)}`)).text();
    await load(text, name);
  });
  const sizes: [string, number][] = [["100k", 100 * 1024], ["1m", 1 << 20], ["5m", 5 << 20]];
  for (const [name, bytes] of sizes) {
    $(`gen-${name}`).addEventListener("click", () => {
      void load(generateDocument(bytes), `generated ${name.toUpperCase()}B`);
    });
  }
  $("file").addEventListener("change", async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file !== undefined) await load(await file.text(), file.name);
  });
  void listCorpus();
  return load(SAMPLE, "sample");
}

const documents = new Map<number, string>();

/** The generated document of `bytes` bytes, generated once. */
function generated(bytes: number): string {
  let text = documents.get(bytes);
  if (text === undefined) documents.set(bytes, text = generateDocument(bytes));
  return text;
}

/** A line's start offset and length in a lexer's text. */
function lineRange(lexer: IncrementalLexer, line: number): [number, number] {
  let from = 0;
  for (let l = 0; l < line; l++) from += lexer.lineText(l).length + 1;
  return [from, lexer.lineText(line).length];
}

/**
 * The `i`-th edit of the view-less benchmarks: a letter typed in the middle of a line (lines
 * spread over the document by the golden ratio), then its deletion.
 */
function keystrokeEdit(
  lines: number,
  line: (n: number) => [number, number],
  i: number,
): { from: number; to: number; insert: string } {
  const [from, length] = line(Math.floor(((Math.floor(i / 2) * 0.6180339887498949) % 1) * lines));
  // After the letter went in (odd `i`), the line is one longer: the same middle.
  const at = from + Math.floor((i % 2 === 0 ? length : length - 1) / 2);
  return i % 2 === 0
    ? { from: at, to: at, insert: String.fromCharCode(97 + (Math.floor(i / 2) % 26)) }
    : { from: at, to: at + 1, insert: "" };
}

/** What tests and the benchmark drive the page with. */
export interface PlaygroundApi {
  /** The editors. */
  views: Record<PaneKey, EditorView>;
  /** Loads a text into the three editors; resolves when each has painted its first screen. */
  load(text: string, label?: string): Promise<void>;
  /**
   * Loads a text into one editor alone (the others get an empty document), for measuring it
   * undisturbed; resolves with its time to the first highlighted screen (ms).
   */
  loadOne(key: PaneKey, text: string): Promise<number>;
  /**
   * Puts an editor's cursor in the middle of the line at a fraction of its document, scrolls
   * it into view and focuses the editor.
   */
  placeCursor(key: PaneKey, fraction: number): void;
  /**
   * Applies `count` one-character edits (a letter, then its deletion, at lines spread over the
   * document) to an editor state holding `text` with one editor's language, with no view, and
   * forces each new state's tree to the document's end: the language's own work, in ms.
   */
  stateBench(key: PaneKey, text: string, count: number): number[];
  /** Loads a generated document of at least `bytes` bytes. */
  generate(bytes: number): Promise<void>;
  /**
   * {@linkcode PlaygroundApi.loadOne} with the strategy's generated document of `bytes` bytes,
   * generated in the page (nothing large crosses the DevTools protocol).
   */
  loadGenerated(key: PaneKey, bytes: number): Promise<number>;
  /**
   * Forces an editor's tree to its document's end; the time it took (ms) and whether the tree
   * is then available to the end.
   */
  completeTree(key: PaneKey): { ms: number; complete: boolean };
  /**
   * Measures an empty transaction the way a keystroke is measured (its dispatch and the forced
   * parse to the end, then the next painted frame): the floor under every keystroke's figure.
   * Resolves at once; the sample lands in {@linkcode PlaygroundApi.floorSamples}.
   */
  emptyTransaction(key: PaneKey): void;
  /** The generated document of `bytes` bytes (generated once, then kept). */
  generatedText(bytes: number): string;
  /** Forgets the generated documents kept. */
  forgetDocuments(): void;
  /** The empty transactions' samples, by editor. */
  floorSamples(): Record<PaneKey, { work: readonly number[]; painted: readonly number[] }>;
  /** Keystrokes whose tree was not complete to the document's end after the forced parse. */
  incomplete(): Record<PaneKey, number>;
  /**
   * Our language's parts of a keystroke, with no view, on the generated document of `bytes`
   * bytes: the lexer's edit alone, the {@linkcode LatexTree} edit (lexer and block rebuild),
   * the tree's spine, and the whole editor state update with its tree forced to the end (ms).
   */
  components(bytes: number, count: number): {
    lexer: number[];
    tree_edit: number[];
    spine: number[];
    state: number[];
  };
  /** Latency summaries, by editor. */
  summary(): Record<PaneKey, LatencySummary & { firstScreen: number }>;
  /** Every latency sample (keydown to painted), by editor. */
  samples(): Record<PaneKey, readonly number[]>;
  /** Every work sample (keydown to the end of the synchronous work, tree complete), by editor. */
  workSamples(): Record<PaneKey, readonly number[]>;
  /** Forgets the samples. */
  reset(): void;
  /** CodeMirror's fold state field, to read folded ranges. */
  foldState: typeof foldState;
  /** Resolves when the first document is on screen in the three editors. */
  ready: Promise<void>;
  /** The class our highlight style gives each leaf type, by type name (`""`: none). */
  highlightClasses(): Record<string, string>;
}

const ready = main();

const api: PlaygroundApi = {
  views: Object.fromEntries(panes.map((p) => [p.key, p.view])) as Record<PaneKey, EditorView>,
  load: (text, name = "loaded") => load(text, name),
  async loadOne(key, text) {
    label(text, `${key} only`);
    for (const p of panes) if (p.key !== key) await loadPane(p, "");
    const pane = panes.find((p) => p.key === key)!;
    await loadPane(pane, text);
    return pane.firstScreen;
  },
  stateBench(key, text, count) {
    let state = EditorState.create({ doc: text, extensions: [LANGUAGES[key]()] });
    ensureSyntaxTree(state, state.doc.length, 1e9);
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const doc = state.doc;
      const changes = keystrokeEdit(doc.lines, (n) => {
        const line = doc.line(n + 1);
        return [line.from, line.length];
      }, i);
      const t0 = performance.now();
      state = state.update({ changes }).state;
      ensureSyntaxTree(state, state.doc.length, 1e9);
      samples.push(performance.now() - t0);
    }
    return samples;
  },
  placeCursor(key, fraction) {
    const view = panes.find((p) => p.key === key)!.view;
    const doc = view.state.doc;
    const line = doc.line(Math.max(1, Math.min(doc.lines, Math.floor(fraction * doc.lines) + 1)));
    const pos = line.from + Math.floor(line.length / 2);
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    view.focus();
  },
  generate: (bytes) => load(generateDocument(bytes), `generated ${bytes} bytes`),
  loadGenerated: (key, bytes) => api.loadOne(key, generated(bytes)),
  generatedText: (bytes) => generated(bytes),
  forgetDocuments: () => documents.clear(),
  completeTree(key) {
    const p = panes.find((p) => p.key === key)!;
    const t0 = performance.now();
    const end = p.view.state.doc.length;
    const done = forceParsing(p.view, end, 1e9);
    return { ms: performance.now() - t0, complete: done && syntaxTreeAvailable(p.view.state, end) };
  },
  emptyTransaction(key) {
    const p = panes.find((p) => p.key === key)!;
    const t0 = performance.now();
    p.view.dispatch({});
    complete(p);
    p.floorWork.add(performance.now() - t0);
    afterPaint(() => p.floorPainted.add(performance.now() - t0));
  },
  floorSamples: () =>
    Object.fromEntries(
      panes.map((p) => [p.key, { work: p.floorWork.samples, painted: p.floorPainted.samples }]),
    ) as ReturnType<PlaygroundApi["floorSamples"]>,
  incomplete: () =>
    Object.fromEntries(panes.map((p) => [p.key, p.incomplete])) as Record<PaneKey, number>,
  components(bytes, count) {
    const text = generated(bytes);
    const out = { lexer: [] as number[], tree_edit: [] as number[], spine: [] as number[] };
    const lexer = new IncrementalLexer(text);
    const tree = new LatexTree(text, { nodeSet: LATEX_NODE_SET });
    void tree.tree;
    for (let i = 0; i < count; i++) {
      const { from, to, insert } = keystrokeEdit(lexer.lineCount, (n) => lineRange(lexer, n), i);
      let t0 = performance.now();
      lexer.edit(from, to, insert);
      out.lexer.push(performance.now() - t0);
      t0 = performance.now();
      tree.edit(from, to, insert);
      out.tree_edit.push(performance.now() - t0);
      t0 = performance.now();
      void tree.tree;
      out.spine.push(performance.now() - t0);
    }
    return { ...out, state: api.stateBench("ours", text, count) };
  },
  summary: () =>
    Object.fromEntries(
      panes.map((p) => [p.key, { ...p.meter.summary(), firstScreen: p.firstScreen }]),
    ) as ReturnType<PlaygroundApi["summary"]>,
  samples: () =>
    Object.fromEntries(panes.map((p) => [p.key, p.meter.samples])) as Record<
      PaneKey,
      readonly number[]
    >,
  workSamples: () =>
    Object.fromEntries(panes.map((p) => [p.key, p.work.samples])) as Record<
      PaneKey,
      readonly number[]
    >,
  reset: () =>
    panes.forEach((p) => {
      p.meter.reset();
      p.work.reset();
    }),
  ready,
  foldState,
  highlightClasses() {
    const out: Record<string, string> = {};
    for (const { kind, semantic, modifiers } of leafTypes()) {
      const tag = tagOf(kind, semantic, modifiers);
      out[leafName(kind, semantic, modifiers)] = tag === undefined
        ? ""
        : latexHighlightStyle.style([tag]) ?? "";
    }
    return out;
  },
};
(globalThis as unknown as { playground: PlaygroundApi }).playground = api;
