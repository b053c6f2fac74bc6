import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { loadTrace, parseTrace } from "./trace.ts";

const json = JSON.stringify({
  startContent: "ab",
  endContent: "xb\n",
  txns: [{ patches: [[2, 0, "\n"], [0, 1, "x"]] }],
});

Deno.test("parseTrace() turns patches into [from, to, insert] edits in order", () => {
  assertEquals(parseTrace(json, "t").edits, [[2, 2, "\n"], [0, 1, "x"]]);
  assertEquals(parseTrace(json, "t").endContent, "xb\n");
});

Deno.test("parseTrace() rejects malformed traces, out-of-range patches and astral characters", () => {
  const bad: [unknown, string][] = [
    [{ txns: 1 }, '"txns"'],
    [{ txns: [{ patches: [[0, 1]] }] }, "not [pos, delCount, insText]"],
    [{ startContent: "a", txns: [{ patches: [[0, 2, ""]] }] }, "out of range"],
    [{ txns: [{ patches: [[0, 0, "😀"]] }] }, "U+FFFF"],
  ];
  for (const [data, message] of bad) {
    assertThrows(() => parseTrace(JSON.stringify(data), "t"), SyntaxError, message);
  }
});

Deno.test("loadTrace() reads gzip and plain JSON files", async () => {
  const dir = await Deno.makeTempDir({ prefix: "fuzz_trace_test_" });
  try {
    await Deno.writeTextFile(`${dir}/t.json`, json);
    const gz = new Blob([json]).stream().pipeThrough(new CompressionStream("gzip"));
    await Deno.writeFile(`${dir}/t.json.gz`, new Uint8Array(await new Response(gz).arrayBuffer()));
    assertEquals(await loadTrace(`${dir}/t.json.gz`), await loadTrace(`${dir}/t.json`));
    await Deno.writeTextFile(`${dir}/bad.json`, "{");
    await assertRejects(() => loadTrace(`${dir}/bad.json`), SyntaxError, "not JSON");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
