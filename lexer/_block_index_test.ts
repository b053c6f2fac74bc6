import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { BlockIndex } from "./_block_index.ts";
import { fcParams } from "./testdata/fc_params.ts";

function linear(sizes: number[], target: number): number {
  let sum = 0;
  for (let i = 0; i < sizes.length; i++) {
    sum += sizes[i]!;
    if (sum > target) return i;
  }
  return sizes.length - 1;
}

Deno.test("BlockIndex finds the same block as a linear walk, before and after updates", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 70 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 30 })), { maxLength: 10 }),
      fc.nat(),
      (lines, updates, probe) => {
        const chars = lines.map((n) => n * 10);
        const index = new BlockIndex();
        index.rebuild(lines, chars);
        for (const [at, add] of updates) {
          const b = at % chars.length;
          chars[b] = chars[b]! + add;
          index.addChars(b, add);
        }
        const totalLines = lines.reduce((a, b) => a + b, 0);
        const totalChars = chars.reduce((a, b) => a + b, 0);
        const line = probe % (totalLines + 1);
        const offset = probe % (totalChars + 1);
        assertEquals(index.blockOfLine(line), linear(lines, line));
        assertEquals(index.blockOfChar(offset), linear(chars, offset));
        const b = probe % lines.length;
        assertEquals(index.linesBefore(b), lines.slice(0, b).reduce((x, y) => x + y, 0));
        assertEquals(index.charsBefore(b), chars.slice(0, b).reduce((x, y) => x + y, 0));
      },
    ),
    fcParams(500),
  );
});

Deno.test("BlockIndex.findChar() gives blockOfChar's block with the lines and characters before it", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 900 })), {
        minLength: 1,
        maxLength: 70,
      }),
      fc.nat(),
      (blocks, seed) => {
        const index = new BlockIndex();
        index.rebuild(blocks.map(([l]) => l), blocks.map(([, c]) => c));
        const total = blocks.reduce((s, [, c]) => s + c, 0);
        for (const offset of [0, seed % (total + 1), total, total + 5]) {
          const block = index.findChar(offset);
          assertEquals(
            [block, index.foundLines, index.foundChars],
            [index.blockOfChar(offset), index.linesBefore(block), index.charsBefore(block)],
          );
        }
      },
    ),
    fcParams(200),
  );
});
