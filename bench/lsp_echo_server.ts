/**
 * The floor of `bench/lsp_latency.ts`: a JSON-RPC "server" that answers every request with
 * `null` at once, framing included, and nothing else. Its round trip is what the pipes and the
 * two processes' event loops cost, next to which the language server's is measured.
 *
 * @module
 */

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function headerEnd(b: Uint8Array): number {
  for (let i = 0; i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  }
  return -1;
}

if (import.meta.main) {
  const out = Deno.stdout.writable.getWriter();
  let buffer = new Uint8Array(0);
  for await (const chunk of Deno.stdin.readable) {
    const joined = new Uint8Array(buffer.length + chunk.length);
    joined.set(buffer);
    joined.set(chunk, buffer.length);
    buffer = joined;
    while (true) {
      const head = headerEnd(buffer);
      if (head < 0) break;
      const length = Number(
        /Content-Length: *(\d+)/i.exec(decoder.decode(buffer.subarray(0, head)))![1],
      );
      if (buffer.length < head + 4 + length) break;
      const message = JSON.parse(decoder.decode(buffer.subarray(head + 4, head + 4 + length)));
      buffer = buffer.slice(head + 4 + length);
      if (message.id !== undefined) {
        const body = encoder.encode(
          JSON.stringify({ jsonrpc: "2.0", id: message.id, result: null }),
        );
        await out.write(encoder.encode(`Content-Length: ${body.length}\r\n\r\n`));
        await out.write(body);
      }
      if (message.method === "exit") Deno.exit(0);
    }
  }
}
