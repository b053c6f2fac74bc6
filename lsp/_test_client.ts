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

/** A running server and the client connected to it. */
export class TestClient {
  readonly connection: MessageConnection;
  readonly child: Deno.ChildProcess;
  readonly docs: Map<string, TextDocument> = new Map();
  readonly diagnostics: Map<string, { version?: number; diagnostics: unknown[] }> = new Map();
  readonly messages: { type: number; message: string }[] = [];
  #stderr: Promise<string>;
  #stdin: Writable;
  #diagnosticWaiters: (() => void)[] = [];

  constructor(child: Deno.ChildProcess) {
    this.child = child;
    this.#stdin = Writable.fromWeb(
      child.stdin as unknown as import("node:stream/web").WritableStream,
    );
    const reader = new StreamMessageReader(
      Readable.fromWeb(child.stdout as unknown as import("node:stream/web").ReadableStream),
    );
    const writer = new StreamMessageWriter(this.#stdin);
    this.connection = createMessageConnection(reader, writer);
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
    return result as Record<string, unknown>;
  }

  /** Opens a document. */
  async open(uri: string, text: string): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, "latex", 1, text));
    await this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "latex", version: 1, text },
    });
  }

  /** Sends one `didChange` with several changes; the client's copy follows them. */
  async change(uri: string, changes: Change[]): Promise<void> {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: next.version },
      contentChanges: changes,
    });
  }

  /** The client's text of a document. */
  text(uri: string): string {
    return this.docs.get(uri)!.getText();
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
 * @returns The client.
 */
export function startClient(): TestClient {
  const child = new Deno.Command("deno", {
    args: ["task", "--quiet", "lsp"],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  return new TestClient(child);
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
