/**
 * The floor of `bench/lsp_latency.ts`: a JSON-RPC "server" on Deno's own standard streams that
 * answers every request with `null` at once, with the benchmark's framing, and does nothing else.
 * Its round trip is what the pipes, the framing, JSON and the two processes' event loops cost,
 * next to which the language server's is measured (`bench/lsp_echo_jsonrpc.ts` adds the
 * server's own JSON-RPC stack).
 *
 * @module
 */

import { frame, FrameReader } from "./lsp_framing.ts";

if (import.meta.main) {
  const out = Deno.stdout.writable.getWriter();
  const reader = new FrameReader();
  for await (const chunk of Deno.stdin.readable) {
    for (const { body } of reader.push(chunk)) {
      const message = JSON.parse(body);
      if (message.id !== undefined) await out.write(frame({ id: message.id, result: null }));
      if (message.method === "exit") Deno.exit(0);
    }
  }
}
