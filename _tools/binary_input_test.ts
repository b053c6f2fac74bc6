import { assertEquals } from "@std/assert";
import { binaryReason, SNIFF_BYTES } from "./binary_input.ts";

Deno.test("binaryReason() accepts UTF-8 text of every kind, including an empty file", () => {
  for (const text of ["", "plain", "\\emph{Schrödinger} — ≤ 😀", "\r\n\t\f"]) {
    assertEquals(binaryReason(new TextEncoder().encode(text)), null);
  }
});

Deno.test("binaryReason() refuses NUL bytes near the start and invalid UTF-8 anywhere", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  assertEquals(binaryReason(png), "a NUL byte at offset 8");
  assertEquals(binaryReason(png.subarray(0, 8)), "bytes that are not UTF-8");
  assertEquals(binaryReason(new Uint8Array([0x41, 0])), "a NUL byte at offset 1");
  const late = new Uint8Array(SNIFF_BYTES + 10).fill(0x41);
  late[SNIFF_BYTES + 5] = 0;
  assertEquals(binaryReason(late), null, "a NUL past the window is valid UTF-8 text");
  const bad = new TextEncoder().encode("a".repeat(20000) + "x");
  bad[19999] = 0xc3;
  assertEquals(binaryReason(bad), "bytes that are not UTF-8");
});
