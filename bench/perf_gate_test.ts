import { assertEquals, assertStringIncludes } from "@std/assert";
import { BENCH_ARGS, BENCH_HELP } from "./bench_task.ts";
import { GATE_HELP, main } from "./perf_gate.ts";

Deno.test("perf:gate --help is its own help, not perf's", async () => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    assertEquals(await main(["--help"]), 0);
  } finally {
    console.log = log;
  }
  assertEquals(lines, [GATE_HELP]);
  assertStringIncludes(GATE_HELP, "deno task perf:gate");
});

Deno.test("deno task bench --help names the deno bench command it runs", async () => {
  const out = await new Deno.Command("deno", {
    args: ["run", "--allow-run=deno", new URL("./bench_task.ts", import.meta.url).pathname, "-h"],
    stdout: "piped",
  }).output();
  assertEquals(out.code, 0);
  assertEquals(new TextDecoder().decode(out.stdout).trim(), BENCH_HELP.trim());
  assertStringIncludes(BENCH_HELP, `deno ${BENCH_ARGS.join(" ")}`);
});
