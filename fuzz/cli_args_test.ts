import { assertEquals, assertThrows } from "@std/assert";
import { campaignCommand, DEFAULTS, HELP, parseCli, parseDuration, quote } from "./cli_args.ts";
import { UsageError } from "../_tools/usage_error.ts";

Deno.test("parseCli() gives the documented defaults", () => {
  const a = parseCli([]);
  if (a.kind !== "campaign") throw new Error("expected a campaign");
  assertEquals(a.seed, null);
  assertEquals(a.iterations, null);
  assertEquals(a.checkEvery, DEFAULTS.checkEvery);
  assertEquals(a.report, "fuzz_report.json");
  assertEquals(a.shard, { index: 1, count: 1 });
  assertEquals([a.corpus, a.trace, a.timeLimitSeconds, a.quiet], [null, null, null, false]);
  assertEquals(DEFAULTS.iterations, 100_000);
  for (
    const opt of [
      "--iterations",
      "--seed",
      "--check-every",
      "--report",
      "--corpus",
      "--trace",
      "--shard",
      "--time-limit",
      "--replay",
    ]
  ) {
    assertEquals(HELP.includes(opt), true, opt);
  }
});

Deno.test("parseCli() parses every option", () => {
  const a = parseCli([
    "--iterations=1_000_000",
    "--seed",
    "42",
    "--check-every",
    "10",
    "--report",
    "r.json",
    "--trace",
    "t.json.gz",
    "--shard",
    "3/8",
    "--time-limit",
    "10m",
    "--lines",
    "50",
    "--episode-edits",
    "99",
    "--regressions",
    "/tmp/r",
    "--quiet",
  ]);
  assertEquals(a, {
    kind: "campaign",
    seed: 42,
    iterations: 1_000_000,
    checkEvery: 10,
    report: "r.json",
    corpus: null,
    trace: "t.json.gz",
    shard: { index: 3, count: 8 },
    timeLimitSeconds: 600,
    targetLines: 50,
    episodeEdits: 99,
    regressionsDir: "/tmp/r",
    quiet: true,
  });
  assertEquals(parseCli(["--help"]), { kind: "help" });
  assertEquals(parseCli(["--replay", "f.json"]), { kind: "replay", file: "f.json" });
});

Deno.test("parseCli() rejects bad input with a message naming the option", () => {
  const bad: [string[], string][] = [
    [["--iteration", "5"], "unknown option --iteration"],
    [["extra"], "unexpected argument extra"],
    [["--iterations", "-5"], '--iterations: "-5" is not an integer of at least 1'],
    [["--iterations=-5"], '--iterations: "-5" is not an integer of at least 1'],
    [["--seed", "-1"], "--seed"],
    [["--seed", "4294967296"], "--seed"],
    [["--iterations", "0"], "--iterations"],
    [["--iterations", "1e6"], "--iterations"],
    [["--check-every", "x"], "--check-every"],
    [["--shard", "0/2"], "--shard"],
    [["--time-limit", "-3"], "--time-limit"],
    [["--corpus", "a", "--trace", "b"], "cannot be combined"],
    [["--replay", "f", "--seed", "1"], "--replay cannot be combined with --seed"],
    [["--seed", "1", "--seed", "2"], "more than once"],
    [["--report"], "needs a value"],
  ];
  for (const [args, message] of bad) assertThrows(() => parseCli(args), UsageError, message);
});

Deno.test("parseDuration() reads seconds, minutes and hours", () => {
  assertEquals([parseDuration("90"), parseDuration("90s"), parseDuration("2h")], [90, 90, 7200]);
  assertThrows(() => parseDuration("0"), UsageError);
  assertThrows(() => parseDuration("5d"), UsageError);
});

Deno.test("campaignCommand() reruns the same campaign and parses back to it", () => {
  const a = parseCli([
    "--seed",
    "9",
    "--corpus",
    "../shared/my corpus",
    "--shard",
    "2/3",
    "--report",
    "fuzz/reports/s2.json",
  ]);
  if (a.kind !== "campaign") throw new Error("expected a campaign");
  const cmd = campaignCommand({ ...a, seed: 9, iterations: 100_000 });
  assertEquals(
    cmd,
    "deno task fuzz --seed 9 --iterations 100000 --corpus '../shared/my corpus' --shard 2/3 --report fuzz/reports/s2.json",
  );
  assertEquals(quote("it's"), `'it'\\''s'`);
});
