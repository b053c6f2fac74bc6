import { assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "@std/path";
import { readSchema, validateJson } from "../_tools/json_schema.ts";
import { BENCH_ARGS, BENCH_HELP } from "./bench_task.ts";
import type { GateInput } from "./gate_figures.ts";
import { GATE_HELP, GATE_REPORT_SCHEMA, main } from "./perf_gate.ts";
import { machineInfo } from "./machine_info.ts";

const GATE_SCHEMA = readSchema(new URL("./gate_report.schema.json", import.meta.url));
const MACHINE_SCHEMA = readSchema(new URL("./machine.schema.json", import.meta.url));

function capture(): {
  io: { out: (l: string) => void; err: (l: string) => void };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

Deno.test("perf:gate --help is its own help, not perf's", async () => {
  const c = capture();
  assertEquals(await main(["--help"], c.io), 0);
  assertEquals(c.out, [GATE_HELP]);
  assertStringIncludes(GATE_HELP, "deno task perf:gate --baseline");
  assertStringIncludes(GATE_HELP, "the gate FAILS (exit 1)");
});

Deno.test("perf:gate fails (exit 1) without a baseline, and for a baseline that is nowhere", async () => {
  const c = capture();
  assertEquals(await main([], c.io), 1);
  assertStringIncludes(c.out.join("\n"), "Gate FAILED: no baseline");
  const d = capture();
  assertEquals(await main(["--baseline", "/nonexistent-checkout-of-nothing"], d.io), 1);
  assertStringIncludes(d.out.join("\n"), "Gate FAILED: no baseline");
});

Deno.test("perf:gate exits 2 on usage errors", async () => {
  for (
    const args of [["--rounds", "0"], ["--rounds", "3"], ["--alpha", "2"], ["--ratio", "x"], [
      "--nope",
    ]]
  ) {
    const c = capture();
    assertEquals(await main(["--baseline", "HEAD", ...args], c.io), 2, args.join(" "));
    assertStringIncludes(c.err.join("\n"), "perf:gate: error:");
  }
});

/** Writes a gate folder as a measuring run would leave it, with these line p50s per process. */
async function gateFolder(baseline: number[], current: number[]): Promise<string> {
  const dir = await Deno.makeTempDir();
  const checkout = { path: dir, commit: "unknown", dirty: false };
  const processes = [];
  const sides = [["baseline", baseline], ["current", current]] as const;
  for (const [side, values] of sides) {
    for (const [i, line] of values.entries()) {
      const report: GateInput = {
        detailed_results: [
          { name: "line_100KB", kind: "line", p50_ms: line, memory_mb: 0.1 },
          { name: "memory_10240KB", kind: "memory", p50_ms: 900, memory_mb: 24 },
        ],
        throughput: [{ input: "generated_100KB", api: "lexDocument", cpu_ms: 10 }],
      };
      const path = join(dir, `${side}-${i + 1}.json`);
      await Deno.writeTextFile(path, JSON.stringify(report));
      processes.push({ side, round: i + 1, report: path, seconds: 1, exit_code: 0 });
    }
  }
  await Deno.writeTextFile(
    join(dir, "gate_report.json"),
    JSON.stringify({
      schema: GATE_REPORT_SCHEMA,
      date: new Date().toISOString(),
      baseline_spec: "base",
      baseline: checkout,
      current: checkout,
      machine: machineInfo(),
      rounds: baseline.length,
      perf_args: [],
      processes,
      result: {},
    }),
  );
  return dir;
}

Deno.test("perf:gate --from compares recorded processes: overlap passes, a shift fails; the report follows its schema", async () => {
  const base = [0.030, 0.033, 0.028, 0.045, 0.031];
  const overlapping = await gateFolder(base, [0.040, 0.027, 0.042, 0.030, 0.044]);
  const shifted = await gateFolder(base, base.map((v) => v * 1.6));
  try {
    const c = capture();
    assertEquals(await main(["--from", overlapping], c.io), 0);
    assertStringIncludes(c.out.join("\n"), "Gate passed: 4 figures");
    const d = capture();
    const reportPath = join(shifted, "new_report.json");
    assertEquals(await main(["--from", shifted, "--report", reportPath], d.io), 1);
    assertStringIncludes(d.out.join("\n"), "| edit | line_100KB | p50_ms |");
    assertStringIncludes(d.out.join("\n"), "| REGRESSED |");
    const report = JSON.parse(await Deno.readTextFile(reportPath));
    assertEquals(validateJson(GATE_SCHEMA, report, { refs: [MACHINE_SCHEMA] }), []);
    assertEquals(report.result.passed, false);
    // A looser ratio passes the same processes.
    assertEquals(await main(["--from", shifted, "--ratio", "1.7"], capture().io), 0);
  } finally {
    await Deno.remove(overlapping, { recursive: true });
    await Deno.remove(shifted, { recursive: true });
  }
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
