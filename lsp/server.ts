/**
 * The language server: vscode-languageserver's connection, with incremental text sync, semantic
 * tokens (full, delta, range), folding ranges, document symbols and diagnostics.
 *
 * @module
 */

import {
  type CancellationToken,
  createConnection,
  type Diagnostic,
  type DocumentSymbol,
  ErrorCodes,
  type FoldingRange,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  type Message,
  ProposedFeatures,
  ResponseError,
  type ResponseMessage,
  StreamMessageReader,
  TextDocumentSyncKind,
} from "vscode-languageserver/node";
import { POSITION_ENCODINGS, type PositionEncoding, SEMANTIC_LEGEND } from "../mod.ts";
import { guardedReader } from "./_guarded_reader.ts";
import { READER_OPTIONS, SingleWriteMessageWriter } from "./_stream_io.ts";
import { type ContentChange, type Handler, OpenDocument } from "./_open_document.ts";
import type { LatexDiagnostic, OutlineSymbol } from "./document_analysis.ts";

/** Options of {@linkcode serve}. */
export interface ServeOptions {
  /** Where messages come from (the server's standard input). */
  input: NodeJS.ReadableStream;
  /** Where messages go (the server's standard output). */
  output: NodeJS.WritableStream;
  /**
   * Where the server's own log lines go; never the output stream.
   *
   * @default {console.error}
   */
  log?: (line: string) => void;
}

/**
 * The server's name and version, as `initialize` reports them.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { SERVER_INFO } from "./server.ts";
 * assertEquals(SERVER_INFO.name, "latex-perfectionist");
 * ```
 */
export const SERVER_INFO: { name: string; version: string } = Object.freeze({
  name: "latex-perfectionist",
  version: "0.1.0",
});

/** The method of the server's own request for a document's session statistics. */
export const PERFORMANCE_REPORT = "latexPerfectionist/performanceReport";

/** What an open request or a cancelled one answers. */
function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, "Request cancelled");
}

/**
 * Picks the position encoding: the first of the client's offers the server supports, else UTF-16.
 *
 * @param offered `general.positionEncodings` of the client's capabilities.
 * @returns The encoding to use.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { negotiateEncoding } from "./server.ts";
 * assertEquals(negotiateEncoding(["utf-8", "utf-16"]), "utf-8");
 * assertEquals(negotiateEncoding(undefined), "utf-16");
 * ```
 */
export function negotiateEncoding(offered: unknown): PositionEncoding {
  if (!Array.isArray(offered)) return "utf-16";
  for (const e of offered) {
    if ((POSITION_ENCODINGS as readonly unknown[]).includes(e)) return e as PositionEncoding;
  }
  return "utf-16";
}

/**
 * Starts a language server on two streams and returns at once; the server runs until the client
 * sends `exit` or closes the input.
 *
 * @param options The streams and the log.
 * @example Serving on standard input and output, as `deno task lsp` does
 * ```ts ignore
 * import process from "node:process";
 * import { serve } from "./server.ts";
 * serve({ input: process.stdin, output: process.stdout });
 * ```
 */
export function serve(options: ServeOptions): void {
  const log = options.log ?? ((line: string) => console.error(line));
  const writer = new SingleWriteMessageWriter(options.output);
  const reader = guardedReader(
    new StreamMessageReader(options.input, READER_OPTIONS),
    writer,
    log,
  );
  const connection = createConnection(ProposedFeatures.all, reader, writer, {
    cancelUndispatched(message: Message): ResponseMessage | undefined {
      const id = (message as { id?: number | string }).id ?? null;
      return {
        jsonrpc: "2.0",
        id,
        error: { code: LSPErrorCodes.RequestCancelled, message: "Request cancelled" },
      };
    },
  });
  const documents = new Map<string, OpenDocument>();
  let encoding: PositionEncoding = "utf-16";

  const find = (uri: unknown): OpenDocument => {
    const doc = typeof uri === "string" ? documents.get(uri) : undefined;
    if (doc === undefined) {
      throw new ResponseError(ErrorCodes.InvalidParams, `Document not open: ${String(uri)}`);
    }
    return doc;
  };
  const guard = <T>(token: CancellationToken, run: () => T): T | ResponseError<void> => {
    if (token.isCancellationRequested) return cancelled();
    try {
      return run();
    } catch (e) {
      if (e instanceof ResponseError) return e;
      if (e instanceof RangeError || e instanceof TypeError) {
        return new ResponseError(ErrorCodes.InvalidParams, e.message);
      }
      log(`internal error: ${e instanceof Error ? e.stack : e}`);
      return new ResponseError(ErrorCodes.InternalError, String(e));
    }
  };
  // A notification, not showErrorMessage's request: the server needs no answer, and a client
  // that does not implement window/showMessageRequest must not leave a promise rejected.
  const showError = (message: string) => {
    connection.sendNotification("window/showMessage", { type: 1, message }).catch(() => {});
  };
  const publish = (doc: OpenDocument) => {
    if (!doc.analysis.diagnosticsChanged) return;
    const diagnostics = doc.analysis.diagnostics().map((d) => toClientDiagnostic(doc, d));
    connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    encoding = negotiateEncoding(params?.capabilities?.general?.positionEncodings);
    log(`initialize: position encoding ${encoding}`);
    return {
      serverInfo: SERVER_INFO,
      capabilities: {
        positionEncoding: encoding,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        semanticTokensProvider: {
          legend: {
            tokenTypes: [...SEMANTIC_LEGEND.tokenTypes],
            tokenModifiers: [...SEMANTIC_LEGEND.tokenModifiers],
          },
          full: { delta: true },
          range: true,
        },
        foldingRangeProvider: true,
        documentSymbolProvider: true,
      },
    };
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    if (typeof t?.uri !== "string" || typeof t.text !== "string") {
      log("didOpen ignored: expected textDocument {uri, text}");
      return;
    }
    const doc = new OpenDocument(t.uri, t.text, { version: t.version ?? 0, encoding });
    documents.set(t.uri, doc);
    publish(doc);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const t0 = performance.now();
    const doc = documents.get(textDocument?.uri);
    if (doc === undefined) {
      const message = `didChange ignored: document not open: ${textDocument?.uri}`;
      log(message);
      showError(message);
      return;
    }
    try {
      doc.applyChanges(contentChanges as ContentChange[]);
      doc.version = textDocument.version;
    } catch (e) {
      const message = `didChange refused for ${doc.uri}: ${e instanceof Error ? e.message : e}`;
      log(message);
      showError(message);
    }
    publish(doc);
    doc.handling.didChange.add(performance.now() - t0);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    if (documents.delete(textDocument?.uri)) {
      connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }
  });

  /** A request handler, timed into the document's statistics. */
  const timed = <T>(handler: Handler, uri: unknown, run: (doc: OpenDocument) => T): T => {
    const t0 = performance.now();
    const doc = find(uri);
    const result = run(doc);
    doc.handling[handler].add(performance.now() - t0);
    return result;
  };
  connection.languages.semanticTokens.on((params, token) =>
    guard(token, () => find(params.textDocument?.uri).semanticFull())
  );
  connection.languages.semanticTokens.onDelta((params, token) =>
    guard(
      token,
      () =>
        timed(
          "semanticTokensDelta",
          params.textDocument?.uri,
          (doc) => doc.semanticDelta(params.previousResultId),
        ),
    )
  );
  connection.languages.semanticTokens.onRange((params, token) =>
    guard(token, () => find(params.textDocument?.uri).semanticRange(params.range))
  );
  connection.onFoldingRanges((params, token) =>
    guard(
      token,
      () =>
        timed(
          "foldingRange",
          params.textDocument?.uri,
          (doc) => doc.analysis.foldingRanges() as FoldingRange[],
        ),
    )
  );
  connection.onDocumentSymbol((params, token) =>
    guard(
      token,
      () =>
        timed(
          "documentSymbol",
          params.textDocument?.uri,
          (doc) => toClientSymbols(doc, doc.analysis.documentSymbols()),
        ),
    )
  );
  // Not LSP: the editor session's own statistics (snake_case JSON), for benchmarks and curious
  // users: `total_edits`, per-edit latency percentiles, lines re-lexed, `fallback_mode`, ...,
  // and `server_ms`: the handlers' own time per didChange and per semantic tokens request.
  connection.onRequest(
    PERFORMANCE_REPORT,
    (params: { textDocument?: { uri?: string } }, token) =>
      guard(token, () => {
        const doc = find(params?.textDocument?.uri);
        return {
          ...doc.session.performanceReportJson(),
          server_ms: {
            did_change: doc.handling.didChange.summary(),
            semantic_tokens_delta: doc.handling.semanticTokensDelta.summary(),
            folding_range: doc.handling.foldingRange.summary(),
            document_symbol: doc.handling.documentSymbol.summary(),
          },
        };
      }),
  );
  connection.onShutdown(() => {
    documents.clear();
  });
  connection.listen();
}

function toClientRange(doc: OpenDocument, r: LatexDiagnostic["range"]) {
  return {
    start: { line: r.start.line, character: doc.clientColumn(r.start.line, r.start.character) },
    end: { line: r.end.line, character: doc.clientColumn(r.end.line, r.end.character) },
  };
}

function toClientDiagnostic(doc: OpenDocument, d: LatexDiagnostic): Diagnostic {
  return doc.encoding === "utf-16" ? d : { ...d, range: toClientRange(doc, d.range) };
}

function toClientSymbols(doc: OpenDocument, symbols: OutlineSymbol[]): DocumentSymbol[] {
  if (doc.encoding === "utf-16") return symbols;
  return symbols.map((s) => ({
    ...s,
    range: toClientRange(doc, s.range),
    selectionRange: toClientRange(doc, s.selectionRange),
    children: toClientSymbols(doc, s.children),
  }));
}
