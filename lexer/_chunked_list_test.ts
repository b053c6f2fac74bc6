import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { CHUNK, ChunkedList } from "./_chunked_list.ts";
import { fcParams } from "./testdata/fc_params.ts";

function check(list: ChunkedList<number>, model: number[]): void {
  assertEquals(list.length, model.length);
  const got: number[] = [];
  list.forEach(0, list.length, (x) => got.push(x));
  assertEquals(got, model);
  let before = 0;
  for (let i = 0; i < model.length; i++) {
    assertEquals(list.get(i), model[i]);
    assertEquals(list.weightBefore(i), before);
    before += model[i]!;
  }
  assertEquals(list.weightBefore(model.length), before);
  assertEquals(list.totalWeight, before);
  for (let w = 0; w <= before; w++) {
    let expected = model.length === 0 ? 0 : model.length - 1;
    let acc = 0;
    for (let i = 0; i < model.length; i++) {
      acc += model[i]!;
      if (acc > w) {
        expected = i;
        break;
      }
    }
    assertEquals(list.indexAtWeight(w), expected, `weight ${w}`);
  }
}

Deno.test("ChunkedList.splice() keeps items, prefix weights and weight lookups equal to an array's", () => {
  const weights = fc.array(fc.nat({ max: 3 }), { maxLength: 3 * CHUNK });
  fc.assert(
    fc.property(
      weights,
      fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 2 * CHUNK }), items: weights })),
      (initial, ops) => {
        const list = new ChunkedList<number>((x) => x, initial);
        const model = initial.slice();
        for (const op of ops.slice(0, 6)) {
          const at = op.at % (model.length + 1);
          const del = Math.min(op.del, model.length - at);
          list.splice(at, del, op.items);
          model.splice(at, del, ...op.items);
        }
        check(list, model);
      },
    ),
    fcParams(60),
  );
});

Deno.test("ChunkedList.indexAtWeight() skips items and chunks of zero weight", () => {
  const items = new Array<number>(3 * CHUNK).fill(0);
  items.push(2);
  const list = new ChunkedList<number>((x) => x, items);
  assertEquals(list.indexAtWeight(0), 3 * CHUNK);
  assertEquals(list.indexAtWeight(1), 3 * CHUNK);
  assertEquals(list.indexAtWeight(2), 3 * CHUNK);
});
