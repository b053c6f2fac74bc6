/**
 * Tells text from binary input, so that a tool asked to lex an image or a PDF says so instead
 * of printing tokens of garbage: a NUL byte in the first 8,000 bytes (git's rule) or bytes that
 * are not UTF-8.
 *
 * @module
 */

/** How far the NUL search looks: the same window as git's binary heuristic. */
export const SNIFF_BYTES = 8000;

/**
 * Why these bytes are not text, or `null` when they are.
 *
 * @param bytes The input.
 * @returns A short reason (`"a NUL byte at offset 12"`, `"invalid UTF-8"`), or `null`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { binaryReason } from "./binary_input.ts";
 * assertEquals(binaryReason(new TextEncoder().encode("\\section{Ü}")), null);
 * assertEquals(binaryReason(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0])), "a NUL byte at offset 4");
 * assertEquals(binaryReason(new Uint8Array([0xff, 0xfe, 0x41])), "bytes that are not UTF-8");
 * ```
 */
export function binaryReason(bytes: Uint8Array): string | null {
  const nul = bytes.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nul >= 0) return `a NUL byte at offset ${nul}`;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "bytes that are not UTF-8";
  }
  return null;
}
