import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { parseTrace, readTrace, traceEdits } from "./trace.ts";

const json = JSON.stringify({
  startContent: "ab",
  endContent: "xb\n",
  txns: [{ patches: [[2, 0, "\n"], [0, 1, "x"]] }],
});

Deno.test("parseTrace() keeps transactions and traceEdits() flattens them to [from, to, insert]", () => {
  const trace = parseTrace(json, "t");
  assertEquals(trace.endContent, "xb\n");
  assertEquals(traceEdits(trace), [[2, 2, "\n"], [0, 1, "x"]]);
});

Deno.test("parseTrace() rejects malformed traces, out-of-range patches and astral characters", () => {
  const bad: [unknown, string][] = [
    [[], "not a JSON object"],
    [{ txns: 1 }, '"txns" must be an array'],
    [{ startContent: 3, txns: [] }, '"startContent" must be a string'],
    [{ endContent: 3, txns: [] }, '"endContent" must be a string'],
    [{ txns: [{}] }, "txns[0].patches must be an array"],
    [{ txns: [{ patches: [[0, 1]] }] }, "not [pos, delCount, insText]"],
    [{ txns: [{ patches: [[0, "x", ""]] }] }, "not [pos, delCount, insText]"],
    [
      { startContent: "a", txns: [{ patches: [[0, 2, ""]] }] },
      "out of range: [0, 2] in a text of 1",
    ],
    [
      { txns: [{ patches: [[0, 0, "ab"]] }, { patches: [[3, 0, ""]] }] },
      "txns[1] has a patch out of range",
    ],
    [{ txns: [{ patches: [[-1, 0, ""]] }] }, "out of range"],
    [{ txns: [{ patches: [[0, 0, "😀"]] }] }, "U+FFFF"],
    [{ startContent: "😀", txns: [] }, "U+FFFF"],
  ];
  for (const [data, message] of bad) {
    assertThrows(() => parseTrace(JSON.stringify(data), "t.json"), SyntaxError, message);
  }
  assertThrows(() => parseTrace("{", "t.json"), SyntaxError, "Cannot read trace t.json: not JSON");
});

Deno.test("readTrace() reads gzip and plain JSON alike and names the file in its errors", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lp-trace-" });
  try {
    await Deno.writeTextFile(`${dir}/t.json`, json);
    const gz = new Blob([json]).stream().pipeThrough(new CompressionStream("gzip"));
    await Deno.writeFile(`${dir}/t.json.gz`, new Uint8Array(await new Response(gz).arrayBuffer()));
    assertEquals(await readTrace(`${dir}/t.json.gz`), await readTrace(`${dir}/t.json`));
    await Deno.writeTextFile(`${dir}/plain.json.gz`, json);
    await assertRejects(() => readTrace(`${dir}/plain.json.gz`), SyntaxError, "not gzip data");
    await assertRejects(() => readTrace(dir), Deno.errors.IsADirectory);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
