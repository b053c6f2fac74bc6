import { assertEquals } from "@std/assert";
import { figureKey, gateFigures } from "./gate_figures.ts";

Deno.test("gateFigures() reads an ec3d77f-shaped report: edits, batch CPU, the memory test's lex and heap", () => {
  const figures = gateFigures({
    detailed_results: [
      { name: "single_char_100KB", kind: "single_char", p50_ms: 0.01, memory_mb: 0.2 },
      { name: "memory_10240KB", kind: "memory", p50_ms: 1400, memory_mb: 23.9 },
    ],
    throughput: [
      { input: "generated_100KB", api: "tokenize", cpu_ms: 20 },
      { input: "generated_100KB", api: "lexDocument", cpu_ms: 9 },
    ],
  });
  assertEquals(figures.map((f) => [figureKey(f), f.value]), [
    ["edit single_char_100KB p50_ms", 0.01],
    ["batch generated_100KB tokenize cpu_ms", 20],
    ["batch generated_100KB lexDocument cpu_ms", 9],
    ["batch memory_10240KB new IncrementalLexer p50_ms", 1400],
    ["heap memory_10240KB memory_mb", 23.9],
  ]);
});

Deno.test("gateFigures() leaves out the machine references and tolerates a report without throughput", () => {
  const keys = gateFigures({
    detailed_results: [],
    throughput: [
      { input: "a", api: "regex", cpu_ms: 1 },
      { input: "a", api: "loop", cpu_ms: 1 },
      { input: "a", api: "IncrementalLexer", cpu_ms: 3 },
    ],
  }).map(figureKey);
  assertEquals(keys, ["batch a IncrementalLexer cpu_ms"]);
  assertEquals(gateFigures({ detailed_results: [] }), []);
});
