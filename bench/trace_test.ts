import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { parseTrace, readTrace } from "./trace.ts";

Deno.test("readTrace() reads a gzip JSON trace", async () => {
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/t.json.gz`;
  const json = JSON.stringify({
    startContent: "",
    endContent: "hi",
    txns: [{ time: "x", patches: [[0, 0, "hi"]] }],
  });
  const gz = new Blob([json]).stream().pipeThrough(new CompressionStream("gzip"));
  Deno.writeFileSync(path, new Uint8Array(await new Response(gz).arrayBuffer()));
  const trace = await readTrace(path);
  assertEquals(trace.endContent, "hi");
  assertEquals(trace.txns[0]?.patches, [[0, 0, "hi"]]);
  Deno.writeTextFileSync(`${dir}/bad.json`, "[1]");
  await assertRejects(() => readTrace(`${dir}/bad.json`), TypeError);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("parseTrace() rejects shapes that are not traces", () => {
  assertThrows(() => parseTrace(null), TypeError);
  assertThrows(() => parseTrace({ txns: {} }), TypeError, "txns must be an array");
  assertThrows(() => parseTrace({ txns: [{}] }), TypeError, "txns[0].patches");
  assertThrows(() => parseTrace({ startContent: 1, txns: [] }), TypeError, "startContent");
  assertThrows(() => parseTrace({ txns: [{ patches: [[0, 0]] }] }), TypeError, "[pos, delCount");
  assertEquals(parseTrace({ txns: [] }).startContent, "");
});
