import { assert, assertEquals, assertThrows } from "@std/assert";
import { parseShard, shardRange } from "./shard.ts";

Deno.test("parseShard() accepts I/N and rejects anything else", () => {
  assertEquals(parseShard("1/1"), { index: 1, count: 1 });
  assertEquals(parseShard(" 3 / 4 "), { index: 3, count: 4 });
  for (const bad of ["0/4", "5/4", "1", "a/b", "1/0", "-1/2", "1.5/2", ""]) {
    assertThrows(() => parseShard(bad), SyntaxError, "Cannot parse shard");
  }
});

Deno.test("shardRange() slices are disjoint, contiguous, cover every unit and are balanced", () => {
  for (const units of [0, 1, 7, 10, 100, 101]) {
    for (const count of [1, 2, 3, 8, 13]) {
      const owner = new Array<number>(units).fill(0);
      let sizes: number[] = [];
      for (let index = 1; index <= count; index++) {
        const [s, e] = shardRange(units, { index, count });
        sizes.push(e - s);
        for (let u = s; u < e; u++) owner[u]! += 1;
      }
      assert(owner.every((n) => n === 1), `units ${units}, count ${count}: ${owner}`);
      sizes = sizes.sort((a, b) => a - b);
      assert(sizes[sizes.length - 1]! - sizes[0]! <= 1);
    }
  }
});
