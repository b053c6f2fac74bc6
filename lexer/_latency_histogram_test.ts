import { assert, assertEquals } from "@std/assert";
import { LatencyHistogram } from "./_latency_histogram.ts";

Deno.test("LatencyHistogram.quantile() is within 2% of the exact percentile", () => {
  const h = new LatencyHistogram();
  const samples: number[] = [];
  for (let i = 1; i <= 10_000; i++) {
    const v = (i % 997) * 0.013 + 0.001;
    samples.push(v);
    h.add(v);
  }
  samples.sort((a, b) => a - b);
  for (const q of [0.5, 0.95, 0.99]) {
    const exact = samples[Math.ceil(q * samples.length) - 1]!;
    const got = h.quantile(q);
    assert(got >= exact && got <= exact * 1.02 + 1e-9, `q${q}: ${got} vs ${exact}`);
  }
  const s = h.summary();
  assertEquals(s.max, samples[samples.length - 1]);
  assert(Math.abs(s.mean - samples.reduce((a, b) => a + b) / samples.length) < 1e-9);
});

Deno.test("LatencyHistogram keeps constant memory however many samples it records", () => {
  const h = new LatencyHistogram();
  const bytes = h.bytes;
  for (let i = 0; i < 100_000; i++) h.add(i / 1000);
  assertEquals(h.bytes, bytes);
  assertEquals(h.count, 100_000);
  assertEquals(new LatencyHistogram().summary(), { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
});
