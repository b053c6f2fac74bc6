/**
 * A message reader that answers what vscode-jsonrpc only logs: a body that is not JSON gets a
 * JSON-RPC `Parse error` (-32700), and JSON that is no JSON-RPC message an `Invalid Request`
 * (-32600); both with the id when there is one, as JSON-RPC 2.0 asks. The connection then goes on
 * reading.
 *
 * @module
 */

import type {
  DataCallback,
  Disposable,
  Message,
  MessageReader,
  MessageWriter,
} from "vscode-jsonrpc/node";

/** JSON-RPC's code for a body that is not JSON. */
export const PARSE_ERROR = -32700;
/** JSON-RPC's code for JSON that is not a request, notification or response. */
export const INVALID_REQUEST = -32600;

function isMessage(m: unknown): boolean {
  if (m === null || typeof m !== "object" || Array.isArray(m)) return false;
  const o = m as Record<string, unknown>;
  if (o.jsonrpc !== "2.0") return false;
  if ("method" in o) {
    return typeof o.method === "string" &&
      (o.id === undefined || typeof o.id === "number" || typeof o.id === "string");
  }
  return "id" in o && ("result" in o || "error" in o);
}

function idOf(m: unknown): number | string | null {
  if (m !== null && typeof m === "object") {
    const id = (m as { id?: unknown }).id;
    if (typeof id === "number" || typeof id === "string") return id;
  }
  return null;
}

/**
 * Wraps a reader so that malformed input gets an error response instead of silence.
 *
 * @param inner The stream reader.
 * @param writer Where error responses go (the connection's writer).
 * @param log Where to note what was refused.
 * @returns The guarded reader.
 */
export function guardedReader(
  inner: MessageReader,
  writer: MessageWriter,
  log: (message: string) => void,
): MessageReader {
  const reply = (id: number | string | null, code: number, message: string) => {
    log(message);
    writer.write({ jsonrpc: "2.0", id, error: { code, message } } as Message).catch(() => {});
  };
  return {
    onError: inner.onError,
    onClose: inner.onClose,
    onPartialMessage: inner.onPartialMessage,
    listen(callback: DataCallback): Disposable {
      inner.onError((error) => {
        if (error instanceof SyntaxError) {
          reply(null, PARSE_ERROR, `Parse error: the message body is not JSON: ${error.message}`);
        }
      });
      return inner.listen((message) => {
        if (isMessage(message)) callback(message);
        else {
          reply(
            idOf(message),
            INVALID_REQUEST,
            "Invalid request: expected a JSON-RPC 2.0 request, notification or response",
          );
        }
      });
    },
    dispose(): void {
      inner.dispose();
    },
  };
}
