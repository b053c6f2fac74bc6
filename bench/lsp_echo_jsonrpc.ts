/**
 * The second floor of `bench/lsp_latency.ts`: the language server's stack without its handlers.
 * `node:process`'s standard streams, vscode-jsonrpc's connection, and the server's reader and
 * writer (`lsp/_stream_io.ts`); every request is answered with `null`.
 *
 * @module
 */

import process from "node:process";
import { createMessageConnection, StreamMessageReader } from "vscode-languageserver/node";
import { READER_OPTIONS, SingleWriteMessageWriter } from "../lsp/_stream_io.ts";

if (import.meta.main) {
  const connection = createMessageConnection(
    new StreamMessageReader(process.stdin, READER_OPTIONS),
    new SingleWriteMessageWriter(process.stdout),
  );
  connection.onRequest(() => null);
  connection.onNotification((method: string) => {
    if (method === "exit") process.exit(0);
  });
  connection.listen();
}
