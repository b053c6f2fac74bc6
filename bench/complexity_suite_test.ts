import { assert, assertAlmostEquals, assertEquals, assertStringIncludes } from "@std/assert";
import { ADVERSARIAL_SHAPES } from "../fuzz/adversarial_shapes.ts";
import { main } from "./complexity.ts";
import { type ComplexityOptions, formatComplexity, runComplexity } from "./complexity_suite.ts";

const shapes = ADVERSARIAL_SHAPES.slice(0, 2);
const base: ComplexityOptions = {
  shapes,
  apis: ["lexDocument"],
  sizesKb: [64, 128, 256, 512, 1024],
  fitFromKb: 64,
  runs: 3,
  statistic: "median",
  maxExponent: 1.2,
  budgetMs: 1e9,
};

Deno.test("runComplexity() fails a quadratic cost model and passes a linear one", () => {
  const quadratic = runComplexity({ ...base, measure: (_, line) => (line.length / 1e4) ** 2 });
  assertEquals(quadratic.failures.length, 4);
  assertAlmostEquals(quadratic.max_exponent_found, 2, 1e-9);
  const linear = runComplexity({ ...base, measure: (_, line) => line.length / 1e4 + 0.5 });
  assertEquals(linear.failures.length, 0);
  assert(linear.max_exponent_found <= 1);
});

Deno.test("runComplexity() fits only sizes from fitFromKb, on the statistic asked for", () => {
  const r = runComplexity({ ...base, sizesKb: [16, 32, 64, 128], measure: (_, l) => l.length });
  assertEquals(r.series[0]!.fitted_bytes, [65536, 131072]);
  // One run in three twice as slow: the median ignores it, the minimum too; a mean would not.
  let n = 0;
  const noisy = (_: unknown, line: string) => line.length * (n++ % 3 === 0 ? 2 : 1);
  for (const statistic of ["median", "min"] as const) {
    n = 0;
    const fit = runComplexity({ ...base, statistic, runs: 3, measure: noisy });
    assertAlmostEquals(fit.series[0]!.exponent, 1, 0.05);
  }
});

Deno.test("runComplexity() stops a series at the budget and fits the sizes it measured", () => {
  const calls: number[] = [];
  const r = runComplexity({
    ...base,
    shapes: shapes.slice(0, 1),
    budgetMs: 100,
    measure: (_, line) => {
      calls.push(line.length);
      return (line.length / 1e4) ** 2; // 64 KB: 43 ms, 128 KB: 172 ms
    },
  });
  const open = r.series[0]!;
  assertEquals(open.cut_short, true);
  assertEquals(open.points.map((p) => p.bytes), [65536, 131072]);
  // The size over the budget ran once; the one under it ran three times (plus the warm-up).
  assertEquals(open.points.map((p) => p.runs), [3, 1]);
  assertEquals(calls.filter((c) => c === 131072).length, 2); // open and closed forms
  assertAlmostEquals(open.exponent, 2, 1e-9);
  assertEquals(open.passed, false);
  assertStringIncludes(formatComplexity(r, 1.2), "Complexity FAILED: 2 series above 1.2");
});

Deno.test("bench:complexity main() writes a report whose verdict is its exit status", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const quiet = { out: () => {}, err: () => {} };
    const args = ["--sizes", "1,2", "--runs", "1", "--shapes", "verb", "--api", "lexDocument"];
    // Real timing of 1-2 KB lines: the exponent is noise, so only the report's shape and the exit
    // status's agreement with it are checked, never a time.
    const status = await main([...args, "--report", `${dir}/r.json`], quiet);
    const report = JSON.parse(Deno.readTextFileSync(`${dir}/r.json`));
    assertEquals(report.series.length, 2);
    assertEquals(status, report.passed ? 0 : 1);
    assertEquals(await main(["--sizes", "1"], quiet), 2);
    assertEquals(await main(["--shapes", "nope"], quiet), 2);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
