/**
 * `deno task bench:lsp`: keystroke latency of the language server over stdio, as an editor sees
 * it. For each document size (the strategy's generated document: 1, 5 and 20 MB by default) it
 * types in the middle of the document and measures, per keystroke:
 *
 * - incremental sync: `didChange` (one range change) + `semanticTokens/full/delta`, round trip,
 *   and the delta response's size;
 * - full sync: `didChange` with the whole text (the server's `setText`) + the same delta;
 * - the editor session's own time per change (the server's `latexPerfectionist/performanceReport`)
 *   next to the lexer's (`IncrementalLexer.edit` of the same keystrokes, in this process);
 * - `didChange` + `foldingRange`, and `didChange` + `documentSymbol`, round trips and sizes;
 * - the floor: the same client against `bench/lsp_echo_server.ts`, which only answers.
 *
 * With `--trace` it also replays the whole automerge-paper keystroke trace (259,778 edits) with a
 * delta after each, and checks the final tokens against a batch lex.
 *
 * ```sh
 * flock /tmp/heavy.lock deno task bench:lsp --report .perf/lsp_latency.json
 * ```
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { IncrementalLexer } from "../mod.ts";
import {
  decodeTokens,
  expectedTokens,
  ROOT,
  type SemanticTokens,
  type SemanticTokensDelta,
} from "../lsp/_test_client.ts";
import { PERFORMANCE_REPORT } from "../lsp/server.ts";
import { generateDocument } from "./generate_document.ts";
import { machineInfo } from "./machine_info.ts";
import { sharedPath } from "../_tools/shared_dir.ts";
import { type LatencyStats, summarize } from "./stats.ts";
import { readTrace } from "../_tools/trace.ts";

const HELP = `deno task bench:lsp [options]

Per-keystroke latency of the language server over stdio (deno task lsp), on generated
documents: didChange + semanticTokens/full/delta with incremental and with full sync, the
session's and the lexer's own cost, folding and symbols after a keystroke; a JSON report.

Options:
  --sizes LIST      document sizes in MB, comma-separated (default 1,5,20)
  --keystrokes N    keystrokes measured per size and mode (default 2000; 200 more warm up)
  --trace           also replay the whole automerge-paper trace over stdio
  --report PATH     write the results as JSON
  --help            this text

Run it under the shared lock: flock /tmp/heavy.lock deno task bench:lsp`;

/**
 * A minimal JSON-RPC client on the server's pipes: Content-Length framing and JSON.parse, no
 * library in between, so the round trip is the server's and the pipes' (an editor's own
 * JSON-RPC layer is not the server's cost).
 */
class RawClient {
  readonly #child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #pending = new Map<
    number,
    (message: Record<string, unknown>) => void
  >();
  readonly #encoder = new TextEncoder();
  #nextId = 1;
  #done: Promise<void>;

  /** @param args The server's command line after `deno` (default: the language server). */
  constructor(args: string[] = ["task", "--quiet", "lsp"]) {
    this.#child = new Deno.Command("deno", {
      args,
      cwd: ROOT,
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    this.#writer = this.#child.stdin.getWriter();
    this.#done = this.#read();
  }

  async #read(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = new Uint8Array(0);
    for await (const chunk of this.#child.stdout) {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      while (true) {
        const head = findHeaderEnd(buffer);
        if (head < 0) break;
        const header = decoder.decode(buffer.subarray(0, head));
        const length = Number(/Content-Length: *(\d+)/i.exec(header)![1]);
        if (buffer.length < head + 4 + length) break;
        const body = decoder.decode(
          buffer.subarray(head + 4, head + 4 + length),
        );
        buffer = buffer.slice(head + 4 + length);
        const message = JSON.parse(body);
        message.bytes = length;
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

  async #send(message: Record<string, unknown>): Promise<void> {
    await this.#writer.write(this.frame(message));
  }

  /** A message framed for the pipe (so a caller can build a large one before timing). */
  frame(message: Record<string, unknown>): Uint8Array {
    const body = this.#encoder.encode(
      JSON.stringify({ jsonrpc: "2.0", ...message }),
    );
    const header = this.#encoder.encode(
      `Content-Length: ${body.length}\r\n\r\n`,
    );
    const frame = new Uint8Array(header.length + body.length);
    frame.set(header);
    frame.set(body, header.length);
    return frame;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.#send({ method, params });
  }

  /** Writes a message framed by {@linkcode RawClient.frame}. */
  async write(frame: Uint8Array): Promise<void> {
    await this.#writer.write(frame);
  }

  /** Sends a request; resolves with the result and the response body's size in bytes. */
  async request<T>(
    method: string,
    params: unknown,
  ): Promise<{ result: T; bytes: number }> {
    const id = this.#nextId++;
    const answer = new Promise<Record<string, unknown>>((r) => this.#pending.set(id, r));
    await this.#send({ id, method, params });
    const m = await answer;
    if (m.error) throw new Error(`${method}: ${JSON.stringify(m.error)}`);
    return { result: m.result as T, bytes: m.bytes as number };
  }

  async stop(): Promise<void> {
    await this.request("shutdown", null);
    await this.notify("exit", null);
    await this.#writer.close().catch(() => {});
    await this.#done;
    await this.#child.status;
  }
}

function findHeaderEnd(b: Uint8Array): number {
  for (let i = 0; i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) {
      return i;
    }
  }
  return -1;
}

/** Typed in a cycle, then deleted again character by character, so the size stays the same. */
const WORD = "ab $x$ c";
const WARMUP = 200;

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

function round(stats: LatencyStats): Record<string, number> {
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return {
    p50: r(stats.p50),
    p95: r(stats.p95),
    p99: r(stats.p99),
    max: r(stats.max),
    mean: r(stats.mean),
  };
}

/** The keystrokes: at a prose line in the middle, type WORD, then delete it. */
function keystrokes(text: string, count: number) {
  const mid = text.indexOf("\nThis is paragraph", text.length >> 1) + 1;
  let line = 0;
  for (let i = 0; i < mid; i++) if (text.charCodeAt(i) === 0x0a) line++;
  const column = 10;
  const out: {
    line: number;
    column: number;
    offset: number;
    insert: string;
    remove: number;
  }[] = [];
  for (let k = 0; k < count; k++) {
    const phase = k % (2 * WORD.length);
    if (phase < WORD.length) {
      out.push({
        line,
        column: column + phase,
        offset: mid + column + phase,
        insert: WORD[phase]!,
        remove: 0,
      });
    } else {
      const back = 2 * WORD.length - phase; // characters still typed
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
 * Asks for a delta and applies it to the client's copy. `arrived` is the time the response was
 * read: applying the delta to the client's array is the client's work, not the server's, and is
 * left out of the round trip.
 */
async function delta(c: RawClient, uri: string, base: SemanticTokens) {
  const { result: r, bytes } = await c.request<
    SemanticTokensDelta | SemanticTokens
  >(
    "textDocument/semanticTokens/full/delta",
    { textDocument: { uri }, previousResultId: base.resultId },
  );
  const arrived = performance.now();
  const next = "edits" in r
    ? { resultId: r.resultId!, data: applyInPlace(base.data, r) }
    : r as SemanticTokens;
  return {
    next,
    arrived,
    bytes,
    ints: "edits" in r ? r.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0) : r.data.length,
  };
}

async function measureSize(mb: number, count: number) {
  const text = generateDocument(Math.round(mb * 1024 * 1024));
  // Whole typing cycles, so that the text is back where it started after each loop.
  const cycle = 2 * WORD.length;
  const total = Math.ceil((count + WARMUP) / cycle) * cycle;
  const keys = keystrokes(text, total);
  const c = new RawClient();
  await c.request("initialize", {
    processId: null,
    rootUri: null,
    capabilities: {},
  });
  await c.notify("initialized", {});
  const result: Record<string, unknown> = {
    size_mb: mb,
    bytes: text.length,
    lines: text.split("\n").length,
  };
  const change = (uri: string, version: number, key: typeof keys[number]) =>
    c.notify("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{
        range: {
          start: { line: key.line, character: key.column },
          end: { line: key.line, character: key.column + key.remove },
        },
        text: key.insert,
      }],
    });
  const open = (uri: string) =>
    c.notify("textDocument/didOpen", {
      textDocument: { uri, languageId: "latex", version: 1, text },
    });
  const full = async (uri: string) =>
    (await c.request<SemanticTokens>("textDocument/semanticTokens/full", {
      textDocument: { uri },
    }))
      .result;
  // Incremental sync.
  const uri = "file:///bench/inc.tex";
  let t = performance.now();
  await open(uri);
  let tokens = await full(uri);
  result.open_and_full_ms = performance.now() - t;
  const rt: number[] = [];
  const bytes: number[] = [];
  const ints: number[] = [];
  let version = 1;
  for (let k = 0; k < keys.length; k++) {
    t = performance.now();
    await change(uri, ++version, keys[k]!);
    const d = await delta(c, uri, tokens);
    const dt = d.arrived - t;
    tokens = d.next;
    if (k >= WARMUP) {
      rt.push(dt);
      bytes.push(d.bytes);
      ints.push(d.ints);
    }
  }
  const report = (await c.request<Record<string, unknown>>(PERFORMANCE_REPORT, {
    textDocument: { uri },
  })).result;
  const incremental: Record<string, unknown> = {
    round_trip_ms: round(summarize(rt)),
    delta_response_bytes: sizes(bytes),
    delta_ints: sizes(ints),
    session: {
      latency_ms: report.latency_ms,
      lines_relexed: report.lines_relexed,
      fallback_count: report.fallback_count,
    },
  };
  // Folding and symbols after a keystroke (two typing cycles each: at 20 MB one symbols
  // response is about 50 MB of JSON).
  for (
    const [name, method] of [
      ["folding", "textDocument/foldingRange"],
      ["symbols", "textDocument/documentSymbol"],
    ] as const
  ) {
    const times: number[] = [];
    const sizesOf: number[] = [];
    for (let k = 0; k < 2 * cycle; k++) {
      t = performance.now();
      await change(uri, ++version, keys[k]!);
      const r = await c.request(method, { textDocument: { uri } });
      times.push(performance.now() - t);
      sizesOf.push(r.bytes);
    }
    incremental[`${name}_round_trip_ms`] = round(summarize(times));
    incremental[`${name}_response_bytes`] = sizes(sizesOf);
  }
  result.incremental = incremental;
  // The typing cycles bring the text back: its tokens must be those of a batch lex.
  result.incremental_tokens_equal_batch = JSON.stringify(decodeTokens(tokens.data)) ===
      JSON.stringify(expectedTokens(text, uri, "utf-16")) &&
    JSON.stringify((await full(uri)).data) === JSON.stringify(tokens.data);
  await c.notify("textDocument/didClose", { textDocument: { uri } });

  // Full sync: the whole text in every didChange (at most 300 keystrokes after 20 of warm-up:
  // each one sends the document).
  const furi = "file:///bench/full.tex";
  await open(furi);
  let ftokens = await full(furi);
  let current = text;
  const frt: number[] = [];
  const fbytes: number[] = [];
  const fullWarmup = 20;
  const fullKeys = keys.slice(
    0,
    Math.min(keys.length, fullWarmup + Math.min(count, 300)),
  );
  for (let k = 0; k < fullKeys.length; k++) {
    const key = fullKeys[k]!;
    current = current.slice(0, key.offset) + key.insert +
      current.slice(key.offset + key.remove);
    // The client's JSON of the whole text is its own cost: built before the clock starts.
    const frame = c.frame({
      method: "textDocument/didChange",
      params: { textDocument: { uri: furi, version: k + 2 }, contentChanges: [{ text: current }] },
    });
    t = performance.now();
    await c.write(frame);
    const d = await delta(c, furi, ftokens);
    const dt = d.arrived - t;
    ftokens = d.next;
    if (k >= fullWarmup) {
      frt.push(dt);
      fbytes.push(d.bytes);
    }
  }
  const freport = (await c.request<Record<string, unknown>>(PERFORMANCE_REPORT, {
    textDocument: { uri: furi },
  })).result;
  result.full_sync = {
    round_trip_ms: round(summarize(frt)),
    delta_response_bytes: sizes(fbytes),
    session: {
      latency_ms: freport.latency_ms,
      fallback_count: freport.fallback_count,
    },
  };
  await c.stop();
  // The lexer alone, in this process, on the same keystrokes.
  const lexer = new IncrementalLexer(text);
  const lt: number[] = [];
  for (let k = 0; k < keys.length; k++) {
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
  const c = new RawClient();
  await c.request("initialize", {
    processId: null,
    rootUri: null,
    capabilities: {},
  });
  await c.notify("initialized", {});
  const uri = "file:///bench/trace.tex";
  let text = trace.startContent;
  const lines = new LineStarts(text);
  await c.notify("textDocument/didOpen", {
    textDocument: { uri, languageId: "latex", version: 1, text },
  });
  let tokens = (await c.request<SemanticTokens>("textDocument/semanticTokens/full", {
    textDocument: { uri },
  })).result;
  const rt: number[] = [];
  let version = 1;
  for (const { patches } of trace.txns) {
    const changes = [];
    for (const [pos, del, ins] of patches) {
      changes.push({
        range: { start: lines.position(pos), end: lines.position(pos + del) },
        text: ins,
      });
      text = text.slice(0, pos) + ins + text.slice(pos + del);
      lines.splice(pos, del, ins);
    }
    const t = performance.now();
    await c.notify("textDocument/didChange", {
      textDocument: { uri, version: ++version },
      contentChanges: changes,
    });
    const d = await delta(c, uri, tokens);
    tokens = d.next;
    rt.push(d.arrived - t);
  }
  const equal = JSON.stringify(decodeTokens(tokens.data)) ===
    JSON.stringify(expectedTokens(text, uri, "utf-16"));
  await c.stop();
  return {
    edits: rt.length,
    round_trip_ms: round(summarize(rt)),
    final_text_equals_end_content: trace.endContent === undefined
      ? null
      : text === trace.endContent,
    final_tokens_equal_batch: equal,
  };
}

if (import.meta.main) {
  const args = parseArgs(Deno.args, {
    string: ["sizes", "keystrokes", "report"],
    boolean: ["help", "trace"],
  });
  if (args.help) {
    console.log(HELP);
    Deno.exit(0);
  }
  const sizesMb: number[] = String(args.sizes ?? "1,5,20").split(",").map(
    Number,
  );
  const count = Number(args.keystrokes ?? 2000);
  if (sizesMb.some((s: number) => !(s > 0)) || !(count > 0)) {
    console.error(`Invalid --sizes or --keystrokes\n\n${HELP}`);
    Deno.exit(2);
  }
  // The floor: the same client against a server that only answers, measured in the same run.
  const echo = new RawClient(["run", `${ROOT}bench/lsp_echo_server.ts`]);
  const floor: number[] = [];
  for (let i = 0; i < 2200; i++) {
    const t = performance.now();
    await echo.request("echo", null);
    if (i >= 200) floor.push(performance.now() - t);
  }
  await echo.stop();
  const pipeFloor = round(summarize(floor));
  console.log(JSON.stringify({ pipe_floor_ms: pipeFloor }));
  const results = [];
  for (const mb of sizesMb) {
    const r = await measureSize(mb, count);
    console.log(JSON.stringify(r));
    results.push(r);
  }
  const trace = args.trace ? await replayTrace() : undefined;
  if (trace) console.log(JSON.stringify({ trace }));
  const report = {
    machine: machineInfo(),
    keystrokes: count,
    warmup: WARMUP,
    pipe_floor_ms: pipeFloor,
    sizes: results,
    trace,
  };
  if (args.report) {
    await Deno.writeTextFile(
      args.report,
      JSON.stringify(report, null, 2) + "\n",
    );
  }
}
