/**
 * `deno task bench:lsp`: keystroke latency of the language server over stdio, as an editor sees
 * it. For each document size (the strategy's generated document: 1, 5 and 20 MB by default) it
 * types in the middle of the document and measures, per keystroke:
 *
 * - incremental sync: `didChange` (one range change) + `semanticTokens/full/delta`, round trip,
 *   and the delta response's size;
 * - full sync: `didChange` with the whole text (the server's `setText`) + the same delta;
 * - both typed in lockstep by four clients: the server over stdio, the server in this process on
 *   in-memory streams (vscode-jsonrpc and the handlers without pipes and a second process; up to
 *   5 MB), and the floors, two programs that only answer (`bench/lsp_echo_server.ts` on Deno's
 *   streams, `bench/lsp_echo_jsonrpc.ts` on the server's own JSON-RPC stack);
 * - the editor session's own time per change and the server handlers' own time per didChange and
 *   per delta (the server's `latexPerfectionist/performanceReport`), next to the lexer's
 *   (`IncrementalLexer.edit` of the same keystrokes, in this process);
 * - the parts of a full-sync change, each alone: UTF-8 decoding, `JSON.parse`, vscode-jsonrpc's
 *   reader (its default decoder and the server's), the session's diff and the whole change;
 * - `didChange` + `foldingRange`, and `didChange` + `documentSymbol`, round trips and sizes.
 *
 * With `--trace` it also replays the whole automerge-paper keystroke trace (259,778 edits) with a
 * delta after each, and checks the final tokens against a batch lex.
 *
 * ```sh
 * flock /tmp/heavy.lock timeout 300 deno task bench:lsp --sizes 1,5 --report .perf/lsp_1_5.json
 * ```
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { PassThrough } from "node:stream";
import { parseArgs } from "@std/cli/parse-args";
import { type MessageReaderOptions, StreamMessageReader } from "vscode-jsonrpc/node";
import { READER_OPTIONS } from "../lsp/_stream_io.ts";
import {
  classifyLine,
  fromUtf16Column,
  IncrementalLexer,
  lexDocument,
  lexerOptionsForPath,
} from "../mod.ts";
import { ROOT, type SemanticTokens, type SemanticTokensDelta } from "../lsp/_test_client.ts";
import { PERFORMANCE_REPORT, serve } from "../lsp/server.ts";
import { OpenDocument, uriPath } from "../lsp/_open_document.ts";
import { diffText } from "../lexer/_text_diff.ts";
import { generateDocument } from "./generate_document.ts";
import { machineInfo } from "./machine_info.ts";
import { sharedPath } from "../_tools/shared_dir.ts";
import { type LatencyStats, median, summarize } from "./stats.ts";
import { readTrace } from "../_tools/trace.ts";
import { frame, FrameReader } from "./lsp_framing.ts";

const HELP = `deno task bench:lsp [options]

Per-keystroke latency of the language server over stdio (deno task lsp), on generated
documents: didChange + semanticTokens/full/delta with incremental and with full sync, typed in
lockstep by four clients (the server over stdio; the server in this process, up to 5 MB; two
echo servers that only answer, the floors), the session's and the server's own time, the lexer's,
the parts of a full-sync change, folding and symbols after a keystroke; a JSON report.

Options:
  --sizes LIST          document sizes in MB, comma-separated, or "none" (default 1,5,20)
  --keystrokes N        incremental keystrokes measured per size (default 2000; 200 more warm up)
  --full-keystrokes N   full-sync keystrokes per size at 5 MB and below (default 300; 20 more
                        warm up); fewer above 5 MB, in proportion (each sends the document)
  --structure N         keystrokes with a folding / a symbols request each (default 32 up to
                        5 MB, 4 above: a 20 MB outline is about 50 MB of JSON)
  --trace               also replay the whole automerge-paper trace (259,778 edits), over
                        stdio and in-process in lockstep, a delta after each
  --report PATH         write the results as JSON
  --help                this text

Run it under the shared lock, one invocation for each of these (each takes 1.5 to 4 minutes):
  flock /tmp/heavy.lock timeout 300 deno task bench:lsp --sizes 1,5 --report .perf/lsp_1_5.json
  flock /tmp/heavy.lock timeout 300 deno task bench:lsp --sizes 20 --report .perf/lsp_20.json
  flock /tmp/heavy.lock timeout 300 deno task bench:lsp --sizes none --trace --report .perf/lsp_trace.json`;

/** How a client reaches a server: bytes out, chunks in. */
interface Transport {
  write(bytes: Uint8Array): Promise<void>;
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Whether the server may be sent `exit` (which ends its process). */
  readonly ownProcess: boolean;
  close(): Promise<void>;
}

/** A server in a process of its own, on its standard input and output. */
function processTransport(args: string[]): Transport {
  const child = new Deno.Command("deno", {
    args,
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  return {
    write: (bytes) => writer.write(bytes),
    chunks: child.stdout,
    ownProcess: true,
    close: async () => {
      await writer.close().catch(() => {});
      await child.status;
    },
  };
}

/** The language server in this process, on in-memory streams: no pipes, no second process. */
function inProcessTransport(): Transport {
  const input = new PassThrough();
  const output = new PassThrough();
  serve({ input, output, log: () => {} });
  return {
    write: (bytes) => {
      input.write(bytes);
      return Promise.resolve();
    },
    chunks: output,
    ownProcess: false,
    close: () => {
      output.end();
      return Promise.resolve();
    },
  };
}

/**
 * A minimal JSON-RPC client: Content-Length framing and JSON.parse, no library in between, so
 * the round trip is the server's and the pipes' (an editor's own JSON-RPC layer is not the
 * server's cost).
 */
class RawClient {
  readonly #transport: Transport;
  readonly #pending = new Map<number, (message: Record<string, unknown>) => void>();
  #nextId = 1;
  readonly #done: Promise<void>;

  constructor(transport: Transport) {
    this.#transport = transport;
    this.#done = this.#read();
  }

  async #read(): Promise<void> {
    const reader = new FrameReader();
    for await (const chunk of this.#transport.chunks) {
      for (const { body, bytes } of reader.push(chunk)) {
        const message = JSON.parse(body);
        message.bytes = bytes;
        const resolve = typeof message.id === "number" && !("method" in message)
          ? this.#pending.get(message.id)
          : undefined;
        if (resolve) {
          this.#pending.delete(message.id);
          resolve(message);
        }
      }
    }
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.write(frame({ method, params }));
  }

  /** Writes a message framed by {@linkcode frame} (so a large one is built before timing). */
  write(bytes: Uint8Array): Promise<void> {
    return this.#transport.write(bytes);
  }

  /** Sends a request; resolves with the result and the response body's size in bytes. */
  request<T>(method: string, params: unknown): Promise<{ result: T; bytes: number }> {
    const id = this.#nextId++;
    return this.requestFramed<T>(id, frame({ id, method, params }));
  }

  /** A new request id, for a request framed before the clock starts. */
  reserveId(): number {
    return this.#nextId++;
  }

  /** Sends a request framed with a reserved id; resolves as {@linkcode RawClient.request}. */
  async requestFramed<T>(id: number, bytes: Uint8Array): Promise<{ result: T; bytes: number }> {
    const answer = new Promise<Record<string, unknown>>((r) => this.#pending.set(id, r));
    await this.write(bytes);
    const m = await answer;
    if (m.error) throw new Error(`request ${id}: ${JSON.stringify(m.error)}`);
    return { result: m.result as T, bytes: m.bytes as number };
  }

  async initialize(): Promise<void> {
    await this.request("initialize", { processId: null, rootUri: null, capabilities: {} });
    await this.notify("initialized", {});
  }

  async stop(): Promise<void> {
    await this.request("shutdown", null);
    if (this.#transport.ownProcess) await this.notify("exit", null);
    await this.#transport.close();
    await this.#done;
  }
}

/** Typed in a cycle, then deleted again character by character, so the size stays the same. */
const WORD = "ab $x$ c";
const CYCLE = 2 * WORD.length;
const WARMUP = 200;
const FULL_WARMUP = 20;

interface Sizes {
  p50: number;
  p99: number;
  max: number;
}

function sizes(values: number[]): Sizes {
  const s = values.slice().sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: at(50), p99: at(99), max: s[s.length - 1]! };
}

const r4 = (v: number) => Math.round(v * 10000) / 10000;

function round(stats: LatencyStats): Record<string, number> {
  return {
    p50: r4(stats.p50),
    p95: r4(stats.p95),
    p99: r4(stats.p99),
    max: r4(stats.max),
    mean: r4(stats.mean),
  };
}

interface Key {
  line: number;
  column: number;
  offset: number;
  insert: string;
  remove: number;
}

/** The keystrokes: at a prose line in the middle, type WORD, then delete it. */
function keystrokes(text: string, count: number): Key[] {
  const mid = text.indexOf("\nThis is paragraph", text.length >> 1) + 1;
  let line = 0;
  for (let i = 0; i < mid; i++) if (text.charCodeAt(i) === 0x0a) line++;
  const column = 10;
  const out: Key[] = [];
  for (let k = 0; k < count; k++) {
    const phase = k % CYCLE;
    if (phase < WORD.length) {
      out.push({
        line,
        column: column + phase,
        offset: mid + column + phase,
        insert: WORD[phase]!,
        remove: 0,
      });
    } else {
      const back = CYCLE - phase; // characters still typed
      out.push({
        line,
        column: column + back - 1,
        offset: mid + column + back - 1,
        insert: "",
        remove: 1,
      });
    }
  }
  return out;
}

/** Whole typing cycles covering `count` keystrokes and a warm-up, so the text comes back. */
const cycles = (count: number) => Math.ceil(count / CYCLE) * CYCLE;

/**
 * Applies a delta to the client's array in place, as an editor does: the test helper's copy per
 * delta would make the client's garbage collector part of every round trip on large documents.
 */
function applyInPlace(data: number[], delta: SemanticTokensDelta): number[] {
  const edits = [...delta.edits].sort((a, b) => b.start - a.start);
  for (const e of edits) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
  return data;
}

/**
 * One keystroke as an editor sees it: `send` the change, ask for a delta, and apply it to the
 * client's copy. The round trip ends when the response is read: applying the delta is the
 * client's work, not the server's.
 */
async function keystroke(
  c: RawClient,
  uri: string,
  base: SemanticTokens,
  send: () => Promise<void>,
) {
  const t = performance.now();
  await send();
  const { result: r, bytes } = await c.request<SemanticTokensDelta | SemanticTokens>(
    "textDocument/semanticTokens/full/delta",
    { textDocument: { uri }, previousResultId: base.resultId },
  );
  const ms = performance.now() - t;
  const tokens = "edits" in r
    ? { resultId: r.resultId!, data: applyInPlace(base.data, r) }
    : r as SemanticTokens;
  const ints = "edits" in r
    ? r.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0)
    : r.data.length;
  return { tokens, ms, bytes, ints };
}

/**
 * Whether relative semantic tokens equal those of a batch lex of the text, compared token by
 * token as they are decoded (a 20 MB document has millions: no arrays of them are built).
 */
function equalsBatch(data: readonly number[], text: string, uri: string): boolean {
  const doc = lexDocument(text, lexerOptionsForPath(uriPath(uri)));
  const lines = text.split(/\r\n|\r|\n/);
  let i = 0;
  let line = 0;
  let character = 0;
  for (let l = 0; l < doc.lineCount; l++) {
    const q = classifyLine(doc.lineTokens(l), doc.lineState(l));
    for (let j = 0; j < q.length; j += 4, i += 5) {
      if (i + 5 > data.length) return false;
      const dl = data[i]!;
      line += dl;
      character = dl === 0 ? character + data[i + 1]! : data[i + 1]!;
      const start = fromUtf16Column(lines[l]!, q[j]!, "utf-16");
      if (
        line !== l || character !== start || data[i + 2]! !== q[j + 1]! ||
        data[i + 3] !== q[j + 2] || data[i + 4] !== q[j + 3]
      ) return false;
    }
  }
  return i === data.length;
}

const sameArray = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function didChange(uri: string, version: number, key: Key) {
  return {
    textDocument: { uri, version },
    contentChanges: [{
      range: {
        start: { line: key.line, character: key.column },
        end: { line: key.line, character: key.column + key.remove },
      },
      text: key.insert,
    }],
  };
}

/** Each text after a keystroke, for the full-sync client. */
function textsAfter(text: string, keys: readonly Key[]): string[] {
  const out: string[] = [];
  let current = text;
  for (const key of keys) {
    current = current.slice(0, key.offset) + key.insert + current.slice(key.offset + key.remove);
    out.push(current);
  }
  return out;
}

interface Plan {
  count: number;
  fullCount: number;
  structure: number;
  /** Whether the in-process server types too (at 5 MB and below: above, its heap in the
   * client's process makes the client's collections everyone's pauses). */
  inProcess: boolean;
}

/** One client typing the same keystrokes as the others, in lockstep with them. */
interface Lane {
  readonly name: string;
  readonly c: RawClient;
  /** The document's tokens as the client holds them; absent for an echo server. */
  tokens?: SemanticTokens;
  readonly ms: number[];
  readonly bytes: number[];
  readonly ints: number[];
}

const lane = (name: string, c: RawClient, tokens?: SemanticTokens): Lane => ({
  name,
  c,
  ...(tokens === undefined ? {} : { tokens }),
  ms: [],
  bytes: [],
  ints: [],
});

/**
 * One keystroke on a lane: the change (a framed didChange), then a delta request, or for an echo
 * server a request it answers at once.
 */
async function step(l: Lane, uri: string, change: Uint8Array, keep: boolean): Promise<void> {
  if (l.tokens === undefined) {
    const id = l.c.reserveId();
    const request = frame({ id, method: "echo", params: null });
    const t = performance.now();
    await l.c.write(change);
    const { bytes } = await l.c.requestFramed(id, request);
    if (keep) {
      l.ms.push(performance.now() - t);
      l.bytes.push(bytes);
    }
    return;
  }
  const d = await keystroke(l.c, uri, l.tokens, () => l.c.write(change));
  l.tokens = d.tokens;
  if (keep) {
    l.ms.push(d.ms);
    l.bytes.push(d.bytes);
    l.ints.push(d.ints);
  }
}

function laneSummary(l: Lane): Record<string, unknown> {
  return {
    round_trip_ms: round(summarize(l.ms)),
    response_bytes: sizes(l.bytes),
    ...(l.ints.length > 0 ? { delta_ints: sizes(l.ints) } : {}),
  };
}

async function sessionReport(c: RawClient, uri: string) {
  const r = (await c.request<Record<string, unknown>>(PERFORMANCE_REPORT, {
    textDocument: { uri },
  })).result;
  return {
    latency_ms: r.latency_ms,
    lines_relexed: r.lines_relexed,
    fallback_count: r.fallback_count,
    server_ms: r.server_ms,
  };
}

async function openDocument(c: RawClient, uri: string, text: string): Promise<SemanticTokens> {
  await c.notify("textDocument/didOpen", {
    textDocument: { uri, languageId: "latex", version: 1, text },
  });
  return (await c.request<SemanticTokens>("textDocument/semanticTokens/full", {
    textDocument: { uri },
  })).result;
}

/**
 * The language server over stdio and in this process, initialized, with a document open; the
 * time each took to open it and answer its full tokens goes into `times`.
 */
async function startServers(
  uri: string,
  text: string,
  times: Record<string, unknown>,
  inProcess = true,
): Promise<Lane[]> {
  const servers: Lane[] = [];
  const clients: [string, RawClient][] = [["stdio", new RawClient(processTransport(COMMANDS.lsp))]];
  if (inProcess) clients.push(["in_process", new RawClient(inProcessTransport())]);
  for (const [name, c] of clients) {
    await c.initialize();
    const t = performance.now();
    servers.push(lane(name, c, await openDocument(c, uri, text)));
    times[`${name}_open_and_full_ms`] = r4(performance.now() - t);
  }
  return servers;
}

/** The command lines of the language server and the two echo servers. */
const COMMANDS = {
  lsp: ["task", "--quiet", "lsp"],
  echoRaw: ["run", "--no-prompt", `${ROOT}bench/lsp_echo_server.ts`],
  echoJsonrpc: [
    "run",
    "--no-prompt",
    "--allow-env=XDG_RUNTIME_DIR",
    `${ROOT}bench/lsp_echo_jsonrpc.ts`,
  ],
};

/**
 * Incremental and full-sync keystrokes, each sent to four clients in turn before the next: the
 * server over stdio, the server in this process, and the two echo servers (the floors). The
 * lanes share the machine's moments, so a busy one (another process, a collection) falls on all
 * of them alike instead of on whichever ran then.
 */
async function typeInLockstep(text: string, keys: readonly Key[], plan: Plan) {
  const echoes = [
    lane("echo_raw", new RawClient(processTransport(COMMANDS.echoRaw))),
    lane("echo_jsonrpc", new RawClient(processTransport(COMMANDS.echoJsonrpc))),
  ];
  const result: Record<string, unknown> = {};
  const uri = "file:///bench/inc.tex";
  const servers = await startServers(uri, text, result, plan.inProcess);
  const stdio = servers[0]!.c;
  // Incremental sync.
  let version = 1;
  const total = cycles(plan.count + WARMUP);
  for (let k = 0; k < total; k++) {
    const change = frame({
      method: "textDocument/didChange",
      params: didChange(uri, ++version, keys[k]!),
    });
    for (const l of [...servers, ...echoes]) await step(l, uri, change, k >= WARMUP);
  }
  const incremental: Record<string, unknown> = {};
  for (const l of [...servers, ...echoes]) incremental[l.name] = laneSummary(l);
  for (const l of servers) {
    (incremental[l.name] as Record<string, unknown>).session = await sessionReport(l.c, uri);
  }
  // The typing cycles bring the text back: its tokens must be those of a batch lex.
  const final = servers[0]!.tokens!.data;
  result.incremental_tokens_equal_batch = equalsBatch(final, text, uri) &&
    servers.every((l) => sameArray(l.tokens!.data, final));
  // Folding and symbols after a keystroke: the response is as large as the document's structure.
  for (
    const [name, method] of [
      ["folding", "textDocument/foldingRange"],
      ["symbols", "textDocument/documentSymbol"],
    ] as const
  ) {
    if (plan.structure === 0) break;
    const times: number[] = [];
    const sizesOf: number[] = [];
    for (let k = 0; k < plan.structure; k++) {
      const t = performance.now();
      await stdio.notify("textDocument/didChange", didChange(uri, ++version, keys[k]!));
      const r = await stdio.request(method, { textDocument: { uri } });
      times.push(performance.now() - t);
      sizesOf.push(r.bytes);
    }
    incremental[`stdio_${name}_round_trip_ms`] = round(summarize(times));
    incremental[`stdio_${name}_response_bytes`] = sizes(sizesOf);
  }
  if (plan.structure > 0) {
    // The handlers' own time, without the JSON and the pipe.
    const server = (await sessionReport(stdio, uri)).server_ms as Record<string, unknown>;
    incremental.stdio_folding_handler_ms = server.folding_range;
    incremental.stdio_symbols_handler_ms = server.document_symbol;
  }
  result.incremental = incremental;
  for (const l of servers) {
    await l.c.notify("textDocument/didClose", { textDocument: { uri } });
  }

  // Full sync: the whole text in every didChange. The client's JSON of the whole text is its
  // own cost: framed before the clock starts.
  const furi = "file:///bench/full.tex";
  const fullServers: Lane[] = [];
  for (const l of servers) fullServers.push(lane(l.name, l.c, await openDocument(l.c, furi, text)));
  const fullEchoes = echoes.map((l) => lane(l.name, l.c));
  const fullKeys = keys.slice(0, cycles(FULL_WARMUP + plan.fullCount));
  let current = text;
  for (let k = 0; k < fullKeys.length; k++) {
    const key = fullKeys[k]!;
    current = current.slice(0, key.offset) + key.insert + current.slice(key.offset + key.remove);
    const change = frame({
      method: "textDocument/didChange",
      params: { textDocument: { uri: furi, version: k + 2 }, contentChanges: [{ text: current }] },
    });
    for (const l of [...fullServers, ...fullEchoes]) {
      await step(l, furi, change, k >= FULL_WARMUP);
    }
    if (k === 0) result.full_sync_change_bytes = change.length;
  }
  const fullSync: Record<string, unknown> = {};
  for (const l of [...fullServers, ...fullEchoes]) fullSync[l.name] = laneSummary(l);
  for (const l of fullServers) {
    (fullSync[l.name] as Record<string, unknown>).session = await sessionReport(l.c, furi);
  }
  result.full_sync = fullSync;
  result.full_sync_tokens_equal_batch = fullServers.every((l) => sameArray(l.tokens!.data, final));
  for (const l of [...fullServers, ...fullEchoes]) await l.c.stop();
  return result;
}

/** The median and the largest of `runs` timings of `f` (each run gets the run's number). */
async function timed(runs: number, f: (run: number) => unknown | Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f(i);
    ms.push(performance.now() - t);
  }
  return { p50: r4(median(ms)), max: r4(Math.max(...ms)) };
}

/**
 * What a full-sync change costs the server, part by part, each alone in this process: the body's
 * UTF-8 decoding, `JSON.parse`, vscode-jsonrpc's reader on 64 KB chunks (both of those and its
 * own buffering), the session's diff, the whole change (diff, edit, analysis) and the delta.
 */
async function fullSyncParts(text: string, keys: readonly Key[], runs: number) {
  const uri = "file:///bench/parts.tex";
  const texts = textsAfter(text, keys.slice(0, runs));
  const frames = texts.map((current, k) =>
    frame({
      method: "textDocument/didChange",
      params: { textDocument: { uri, version: k + 2 }, contentChanges: [{ text: current }] },
    })
  );
  const head = frames[0]!.indexOf(0x7b); // the body starts at the first `{`
  const bodies = frames.map((f) => f.subarray(head));
  const strings = bodies.map((b) => new TextDecoder().decode(b));
  const out: Record<string, unknown> = { change_bytes: frames[0]!.length };
  out.utf8_decode_buffer_ms = await timed(
    runs,
    (k) => Buffer.from(bodies[k]!.buffer, head).toString(),
  );
  const decoder = new TextDecoder();
  out.utf8_decode_text_decoder_ms = await timed(runs, (k) => decoder.decode(bodies[k]!));
  out.json_parse_ms = await timed(runs, (k) => JSON.parse(strings[k]!));
  const reader = (options: MessageReaderOptions | undefined) => (k: number) => {
    const stream = new PassThrough();
    const reader = new StreamMessageReader(stream, options);
    const done = new Promise<void>((resolve) => reader.listen(() => resolve()));
    const f = frames[k]!;
    for (let at = 0; at < f.length; at += 65536) stream.write(f.subarray(at, at + 65536));
    return done.then(() => reader.dispose());
  };
  out.jsonrpc_reader_default_ms = await timed(runs, reader(undefined));
  out.jsonrpc_reader_server_ms = await timed(runs, reader(READER_OPTIONS));
  let previous = text;
  out.diff_ms = await timed(runs, (k) => {
    diffText(previous, texts[k]!);
    previous = texts[k]!;
  });
  const doc = new OpenDocument(uri, text, { version: 1, encoding: "utf-16" });
  let resultId = doc.semanticFull().resultId;
  const deltas: number[] = [];
  out.apply_change_ms = await timed(runs, (k) => {
    doc.applyChanges([{ text: texts[k]! }]);
    const t = performance.now();
    resultId = doc.semanticDelta(resultId).resultId;
    deltas.push(performance.now() - t);
  });
  out.delta_ms = { p50: r4(median(deltas)), max: r4(Math.max(...deltas)) };
  return out;
}

async function measureSize(
  mb: number,
  options: { count: number; full: number; structure?: number },
) {
  const text = generateDocument(Math.round(mb * 1024 * 1024));
  const plan: Plan = {
    count: options.count,
    fullCount: mb > 5 ? Math.max(20, Math.round(options.full * 5 / mb)) : options.full,
    structure: options.structure ?? (mb > 5 ? 4 : 32),
    inProcess: mb <= 5,
  };
  const keys = keystrokes(text, cycles(Math.max(plan.count + WARMUP, plan.fullCount + 40)));
  const result: Record<string, unknown> = {
    size_mb: mb,
    bytes: text.length,
    lines: text.split("\n").length,
    full_sync_keystrokes: plan.fullCount,
    structure_keystrokes: plan.structure,
    in_process: plan.inProcess,
  };
  Object.assign(result, await typeInLockstep(text, keys, plan));
  result.full_sync_parts = await fullSyncParts(text, keys, 10);
  // The lexer alone, in this process, on the same keystrokes.
  const lexer = new IncrementalLexer(text);
  const lt: number[] = [];
  const total = cycles(plan.count + WARMUP);
  for (let k = 0; k < total; k++) {
    const key = keys[k]!;
    const t0 = performance.now();
    lexer.edit(key.offset, key.offset + key.remove, key.insert);
    if (k >= WARMUP) lt.push(performance.now() - t0);
  }
  result.lexer_edit_ms = round(summarize(lt));
  return result;
}

/** Line starts of a changing text, so a trace's offsets become positions without a rescan. */
class LineStarts {
  starts = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 0x0a) this.starts.push(i + 1);
    }
  }
  position(offset: number) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1;
      if (this.starts[m]! <= offset) lo = m;
      else hi = m - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }
  splice(pos: number, del: number, ins: string): void {
    const s = this.starts;
    const out: number[] = [];
    for (const x of s) {
      if (x <= pos) out.push(x);
      else if (x > pos + del) out.push(x + ins.length - del);
    }
    const added: number[] = [];
    for (let i = 0; i < ins.length; i++) {
      if (ins.charCodeAt(i) === 0x0a) added.push(pos + i + 1);
    }
    let at = out.findIndex((x) => x > pos);
    if (at < 0) at = out.length;
    out.splice(at, 0, ...added);
    this.starts = out;
  }
}

async function replayTrace() {
  const path = sharedPath("traces/automerge-paper.json.gz");
  if (path === undefined) {
    return { skipped: "../shared/traces/automerge-paper.json.gz is absent" };
  }
  const trace = await readTrace(path);
  // The changes of every transaction as LSP ranges, worked out before the clock starts.
  let text = trace.startContent;
  const lines = new LineStarts(text);
  const changes = trace.txns.map(({ patches }) =>
    patches.map(([pos, del, ins]) => {
      const range = { start: lines.position(pos), end: lines.position(pos + del) };
      text = text.slice(0, pos) + ins + text.slice(pos + del);
      lines.splice(pos, del, ins);
      return { range, text: ins };
    })
  );
  // The server over stdio and in this process, in lockstep (see typeInLockstep).
  const uri = "file:///bench/trace.tex";
  const servers = await startServers(uri, trace.startContent, {});
  const t0 = performance.now();
  for (let k = 0; k < changes.length; k++) {
    const change = frame({
      method: "textDocument/didChange",
      params: { textDocument: { uri, version: k + 2 }, contentChanges: changes[k] },
    });
    for (const l of servers) await step(l, uri, change, true);
  }
  const totalMs = performance.now() - t0;
  const out: Record<string, unknown> = {
    edits: changes.length,
    total_s_both_lanes: Math.round(totalMs) / 1000,
  };
  for (const l of servers) {
    out[l.name] = {
      total_s: Math.round(l.ms.reduce((a, b) => a + b, 0)) / 1000,
      ...laneSummary(l),
      session: await sessionReport(l.c, uri),
      final_tokens_equal_batch: equalsBatch(l.tokens!.data, text, uri),
    };
    await l.c.stop();
  }
  out.final_text_equals_end_content = trace.endContent === undefined
    ? null
    : text === trace.endContent;
  return out;
}

if (import.meta.main) {
  const args = parseArgs(Deno.args, {
    string: ["sizes", "keystrokes", "full-keystrokes", "structure", "report"],
    boolean: ["help", "trace"],
  });
  if (args.help) {
    console.log(HELP);
    Deno.exit(0);
  }
  const sizesArg = String(args.sizes ?? "1,5,20");
  const sizesMb: number[] = sizesArg === "none" ? [] : sizesArg.split(",").map(Number);
  const count = Number(args.keystrokes ?? 2000);
  const full = Number(args["full-keystrokes"] ?? 300);
  const structure = args.structure === undefined ? undefined : Number(args.structure);
  if (
    sizesMb.some((s: number) => !(s > 0)) || !(count > 0) || !(full > 0) ||
    (structure !== undefined && !(structure >= 0))
  ) {
    console.error(`Invalid --sizes, --keystrokes, --full-keystrokes or --structure\n\n${HELP}`);
    Deno.exit(2);
  }
  const results = [];
  for (const mb of sizesMb) {
    const r = await measureSize(mb, {
      count,
      full,
      ...(structure === undefined ? {} : { structure }),
    });
    console.log(JSON.stringify(r));
    results.push(r);
  }
  const trace = args.trace ? await replayTrace() : undefined;
  if (trace) console.log(JSON.stringify({ trace }));
  const report = {
    machine: machineInfo(),
    keystrokes: count,
    warmup: WARMUP,
    full_sync_warmup: FULL_WARMUP,
    sizes: results,
    trace,
  };
  if (args.report) {
    const dir = args.report.replace(/[\\/][^\\/]*$/, "");
    if (dir !== args.report) await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(args.report, JSON.stringify(report, null, 2) + "\n");
  }
}
