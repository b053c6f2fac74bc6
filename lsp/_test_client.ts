/**
 * A scripted LSP client for tests and the benchmark: spawns `deno task lsp`, talks to it with
 * vscode-jsonrpc (the protocol library VS Code uses), and keeps its own copy of each document with
 * vscode-languageserver-textdocument, so the server's view can be checked against the client's.
 *
 * The server is spawned with `Deno.Command`, not `node:child_process`: the latter copies the whole
 * environment, which needs a blanket `--allow-env`.
 *
 * @module
 */

import { Readable, Writable } from "node:stream";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  classifyLine,
  fromUtf16Column,
  IncrementalLexer,
  lexDocument,
  lexerOptionsForPath,
  type PositionEncoding,
} from "../mod.ts";
import { DocumentAnalysis } from "./document_analysis.ts";
import { uriPath } from "./_open_document.ts";

/** The project root, where `deno task lsp` runs. */
export const ROOT: string = new URL("../", import.meta.url).pathname;

/** A change as LSP sends it. */
export type Change =
  | { range: { start: Pos; end: Pos }; text: string }
  | { text: string };

/** An LSP position. */
export interface Pos {
  /** Line. */
  line: number;
  /** Column in the negotiated encoding. */
  character: number;
}

/** Semantic tokens as the server sends them. */
export interface SemanticTokens {
  /** The result id for a later delta. */
  resultId?: string;
  /** Five integers a token. */
  data: number[];
}

/** A semantic tokens delta. */
export interface SemanticTokensDelta {
  /** The new result id. */
  resultId?: string;
  /** Edits of the previous data array. */
  edits: { start: number; deleteCount: number; data?: number[] }[];
}

/** Options of {@linkcode startClient}. */
export interface ClientOptions {
  /**
   * The position encodings offered in `general.positionEncodings`; none offered when absent.
   *
   * @default {undefined}
   */
  encodings?: string[];
}

/** Options of {@linkcode startClient}. */
export interface StartOptions {
  /**
   * Keep a copy of everything the server writes (for checks of raw error responses).
   *
   * @default {false}
   */
  tap?: boolean;
}

/** A change in UTF-16 offsets of the client's text. */
export interface OffsetChange {
  /** Start offset. */
  from: number;
  /** End offset. */
  to: number;
  /** New text. */
  text: string;
}

/** A running server and the client connected to it. */
export class TestClient {
  readonly connection: MessageConnection;
  readonly child: Deno.ChildProcess;
  readonly docs: Map<string, TextDocument> = new Map();
  readonly texts: Map<string, string> = new Map();
  readonly diagnostics: Map<string, { version?: number; diagnostics: unknown[] }> = new Map();
  readonly messages: { type: number; message: string }[] = [];
  /** Errors vscode-jsonrpc logged (a response without id lands here). */
  readonly clientErrors: string[] = [];
  /** Everything the server wrote, when tapped. */
  raw = "";
  /** The encoding the server chose. */
  encoding: PositionEncoding = "utf-16";
  #stderr: Promise<string>;
  #stdin: Writable;
  #diagnosticWaiters: (() => void)[] = [];

  constructor(child: Deno.ChildProcess, options: StartOptions = {}) {
    this.child = child;
    this.#stdin = Writable.fromWeb(
      child.stdin as unknown as import("node:stream/web").WritableStream,
    );
    const stdout = Readable.fromWeb(
      child.stdout as unknown as import("node:stream/web").ReadableStream,
    );
    if (options.tap) stdout.on("data", (d: Uint8Array) => this.raw += new TextDecoder().decode(d));
    const reader = new StreamMessageReader(stdout);
    const writer = new StreamMessageWriter(this.#stdin);
    const noop = () => {};
    this.connection = createMessageConnection(reader, writer, {
      error: (m: string) => this.clientErrors.push(m),
      warn: noop,
      info: noop,
      log: noop,
    });
    this.connection.onNotification("textDocument/publishDiagnostics", (p) => {
      this.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      for (const w of this.#diagnosticWaiters.splice(0)) w();
    });
    this.connection.onNotification("window/showMessage", (p) => {
      this.messages.push(p);
    });
    this.connection.onNotification("window/logMessage", (p) => {
      this.messages.push(p);
    });
    this.connection.listen();
    this.#stderr = new Response(child.stderr).text();
  }

  /** Sends raw bytes to the server, bypassing the client library (for malformed input). */
  async writeRaw(body: string, contentLength?: number): Promise<void> {
    const bytes = new TextEncoder().encode(body);
    const header = `Content-Length: ${contentLength ?? bytes.length}\r\n\r\n`;
    await new Promise<void>((resolve, reject) =>
      this.#stdin.write(header + body, (e?: Error | null) => e ? reject(e) : resolve())
    );
  }

  /** Sends `initialize` and `initialized`. */
  async initialize(options: ClientOptions = {}): Promise<Record<string, unknown>> {
    const general = options.encodings ? { positionEncodings: options.encodings } : undefined;
    const result = await this.connection.sendRequest("initialize", {
      processId: null,
      rootUri: null,
      capabilities: {
        ...(general ? { general } : {}),
        textDocument: {
          semanticTokens: {
            requests: { full: { delta: true }, range: true },
            tokenTypes: [],
            tokenModifiers: [],
            formats: ["relative"],
          },
        },
      },
    });
    await this.connection.sendNotification("initialized", {});
    const caps = (result as { capabilities: { positionEncoding?: PositionEncoding } }).capabilities;
    this.encoding = caps.positionEncoding ?? "utf-16";
    return result as Record<string, unknown>;
  }

  /** Opens a document. */
  async open(uri: string, text: string): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, "latex", 1, text));
    this.texts.set(uri, text);
    await this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "latex", version: 1, text },
    });
  }

  /**
   * Sends one `didChange` with several changes given in UTF-16 offsets, each against the text
   * the ones before it left (a change without offsets replaces the whole text). The positions
   * go out in the negotiated encoding; the client's copy follows, and in UTF-16 a second copy
   * kept by vscode-languageserver-textdocument must agree with it.
   */
  async change(uri: string, changes: (OffsetChange | { text: string })[]): Promise<void> {
    let text = this.texts.get(uri)!;
    const out: Change[] = [];
    for (const c of changes) {
      if (!("from" in c)) {
        out.push({ text: c.text });
        text = c.text;
        continue;
      }
      out.push({
        range: { start: this.position(text, c.from), end: this.position(text, c.to) },
        text: c.text,
      });
      text = text.slice(0, c.from) + c.text + text.slice(c.to);
    }
    this.texts.set(uri, text);
    const doc = this.docs.get(uri)!;
    const version = doc.version + 1;
    if (this.encoding === "utf-16") {
      const next = TextDocument.update(doc, out, version);
      if (next.getText() !== text) throw new Error("vscode-languageserver-textdocument disagrees");
      this.docs.set(uri, next);
    } else {
      this.docs.set(uri, TextDocument.create(uri, "latex", version, text));
    }
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: out,
    });
  }

  /** A position in the negotiated encoding from a UTF-16 offset of a text. */
  position(text: string, offset: number): Pos {
    let line = 0;
    let start = 0;
    for (let i = 0; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
        line++;
        start = i + 1;
      }
    }
    const end = text.slice(start).search(/\r\n|\r|\n/);
    const lineText = end < 0 ? text.slice(start) : text.slice(start, start + end);
    return { line, character: fromUtf16Column(lineText, offset - start, this.encoding) };
  }

  /** The client's text of a document. */
  text(uri: string): string {
    return this.texts.get(uri)!;
  }

  /** Sends a request. */
  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Resolves at the next `publishDiagnostics`. */
  nextDiagnostics(): Promise<void> {
    return new Promise((resolve) => this.#diagnosticWaiters.push(resolve));
  }

  /** Sends `shutdown` and `exit`, and waits for the server to end. */
  async stop(): Promise<{ code: number; stderr: string }> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const status = await this.child.status;
    const stderr = await this.#stderr;
    this.connection.dispose();
    return { code: status.code, stderr };
  }

  /** Kills the server (when a test failed half-way). */
  async kill(): Promise<void> {
    try {
      this.child.kill();
    } catch { /* already ended */ }
    await this.child.status;
    await this.#stderr.catch(() => "");
    this.connection.dispose();
  }
}

/**
 * Spawns `deno task lsp` and connects a client to it.
 *
 * @param options Whether to tap the raw output.
 * @returns The client.
 */
export function startClient(options: StartOptions = {}): TestClient {
  const child = new Deno.Command("deno", {
    args: ["task", "--quiet", "lsp"],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  return new TestClient(child, options);
}

/**
 * Applies a semantic tokens delta to the previous data.
 *
 * @param previous The data the delta is based on.
 * @param delta The delta.
 * @returns The new data.
 */
export function applyDelta(previous: readonly number[], delta: SemanticTokensDelta): number[] {
  const out = previous.slice();
  const edits = [...delta.edits].sort((a, b) => b.start - a.start);
  for (const e of edits) out.splice(e.start, e.deleteCount, ...(e.data ?? []));
  return out;
}

/**
 * Decodes relative semantic tokens into absolute quintuples.
 *
 * @param data Five integers a token.
 * @returns `[line, character, length, type, modifiers]` for each token.
 */
export function decodeTokens(data: readonly number[]): number[][] {
  const out: number[][] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const dl = data[i]!;
    line += dl;
    character = dl === 0 ? character + data[i + 1]! : data[i + 1]!;
    out.push([line, character, data[i + 2]!, data[i + 3]!, data[i + 4]!]);
  }
  return out;
}

/**
 * The semantic tokens a fresh batch lex of a text gives, classified as the library classifies
 * them, with absolute positions in an encoding.
 *
 * @param text The text.
 * @param uri The document's URI (its file name chooses the lexer options).
 * @param encoding The column encoding.
 * @returns `[line, character, length, type, modifiers]` for each token.
 */
export function expectedTokens(text: string, uri: string, encoding: PositionEncoding): number[][] {
  const doc = lexDocument(text, lexerOptionsForPath(uriPath(uri)));
  const lines = text.split(/\r\n|\r|\n/);
  const out: number[][] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const q = classifyLine(doc.lineTokens(line), doc.lineState(line));
    const lineText = lines[line]!;
    for (let i = 0; i < q.length; i += 4) {
      const start = fromUtf16Column(lineText, q[i]!, encoding);
      const end = fromUtf16Column(lineText, q[i]! + q[i + 1]!, encoding);
      out.push([line, start, end - start, q[i + 2]!, q[i + 3]!]);
    }
  }
  return out;
}

/**
 * Folding ranges, symbols and diagnostics of a fresh analysis of a text, in UTF-16 columns.
 *
 * @param text The text.
 * @param uri The document's URI.
 * @returns What a server that just opened the text would answer.
 */
export function expectedAnalysis(text: string, uri: string): {
  diagnostics: unknown[];
  folds: unknown[];
  symbols: unknown[];
} {
  const options = lexerOptionsForPath(uriPath(uri));
  const a = new DocumentAnalysis(new IncrementalLexer(text, options), options);
  return { diagnostics: a.diagnostics(), folds: a.foldingRanges(), symbols: a.documentSymbols() };
}
