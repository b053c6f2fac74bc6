/**
 * LSP's base protocol framing (`Content-Length: N\r\n\r\n` then N bytes of JSON) for the
 * benchmark's bare client and its echo server: chunks are kept as they arrive and a body is
 * copied once, when it is complete (joining every chunk to the ones before would copy a 50 MB
 * response hundreds of times over).
 *
 * @module
 */

const CR = 13;
const LF = 10;

/** The index of the first `\r\n\r\n` in `b`, or -1. */
function headerEnd(b: Uint8Array): number {
  for (let i = b.indexOf(CR); i >= 0 && i + 3 < b.length; i = b.indexOf(CR, i + 1)) {
    if (b[i + 1] === LF && b[i + 2] === CR && b[i + 3] === LF) return i;
  }
  return -1;
}

/**
 * Splits a byte stream into message bodies.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FrameReader } from "./lsp_framing.ts";
 * const bytes = new TextEncoder().encode("Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull");
 * const r = new FrameReader();
 * assertEquals(r.push(bytes.subarray(0, 10)), []);
 * assertEquals(r.push(bytes.subarray(10)).map((m) => m.body), ["{}", "null"]);
 * ```
 */
export class FrameReader {
  readonly #chunks: Uint8Array[] = [];
  #total = 0;
  /** The body length once its header is read, else -1. */
  #need = -1;
  readonly #decoder = new TextDecoder();

  /**
   * Adds bytes from the stream.
   *
   * @param chunk The bytes.
   * @returns The bodies completed by them, decoded, with their sizes in bytes.
   */
  push(chunk: Uint8Array): { body: string; bytes: number }[] {
    this.#chunks.push(chunk);
    this.#total += chunk.length;
    const out: { body: string; bytes: number }[] = [];
    while (true) {
      if (this.#need < 0) {
        const length = this.#header();
        if (length === undefined) break;
        this.#need = length;
      }
      if (this.#total < this.#need) break;
      const bytes = this.#need;
      out.push({ body: this.#decoder.decode(this.#take(bytes)), bytes });
      this.#need = -1;
    }
    return out;
  }

  /** Reads a header when one is complete; returns its Content-Length. */
  #header(): number | undefined {
    while (this.#chunks.length > 0) {
      const first = this.#chunks[0]!;
      const end = headerEnd(first);
      if (end >= 0) {
        const header = this.#decoder.decode(first.subarray(0, end));
        const length = /Content-Length: *(\d+)/i.exec(header);
        if (length === null) throw new Error(`No Content-Length in ${JSON.stringify(header)}`);
        this.#take(end + 4);
        return Number(length[1]);
      }
      if (this.#chunks.length < 2) return undefined;
      // A header split across chunks: join the first two (headers are short; this is rare).
      const [a, b] = this.#chunks as [Uint8Array, Uint8Array];
      const joined = new Uint8Array(a.length + b.length);
      joined.set(a);
      joined.set(b, a.length);
      this.#chunks.splice(0, 2, joined);
    }
    return undefined;
  }

  /** Removes and returns the next `n` bytes (`n <= total`), copying only across chunks. */
  #take(n: number): Uint8Array {
    this.#total -= n;
    const first = this.#chunks[0]!;
    if (first.length >= n) {
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const c = this.#chunks[0]!;
      const part = Math.min(c.length, n - at);
      out.set(part === c.length ? c : c.subarray(0, part), at);
      at += part;
      if (part === c.length) this.#chunks.shift();
      else this.#chunks[0] = c.subarray(part);
    }
    return out;
  }
}

const encoder = new TextEncoder();

/**
 * A message framed for the pipe.
 *
 * @param message The JSON-RPC message, without `jsonrpc` (added).
 * @returns Header and body.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { frame } from "./lsp_framing.ts";
 * assertEquals(
 *   new TextDecoder().decode(frame({ id: 1, result: null })),
 *   'Content-Length: 38\r\n\r\n{"jsonrpc":"2.0","id":1,"result":null}',
 * );
 * ```
 */
export function frame(message: Record<string, unknown>): Uint8Array {
  const body = encoder.encode(JSON.stringify({ jsonrpc: "2.0", ...message }));
  const header = encoder.encode(`Content-Length: ${body.length}\r\n\r\n`);
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}
