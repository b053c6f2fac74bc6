import { assert, assertEquals, assertGreater } from "@std/assert";
import { type CampaignConfig, runCampaign } from "./campaign.ts";
import { loadRegressions } from "./regression_file.ts";
import { mergeReports, validateReport, withoutTiming } from "./report.ts";
import { replayCase } from "./replay.ts";
import { WHOLE } from "./shard.ts";
import type { LexerUnderTest } from "./subject.ts";
import type { Trace } from "./campaign.ts";
import { fakeLexer } from "./_fake_lexer.ts";

function config(overrides: Partial<CampaignConfig> = {}): CampaignConfig {
  return {
    seed: 1234,
    iterations: 900,
    checkEvery: 100,
    shard: WHOLE,
    timeLimitSeconds: null,
    source: { kind: "generated", targetLines: 30 },
    episodeEdits: 300,
    regressionsDir: null,
    shrinkBudget: { maxAttempts: 5_000, maxMillis: 60_000 },
    ...overrides,
  };
}

function run(lexer: LexerUnderTest, overrides: Partial<CampaignConfig> = {}) {
  return runCampaign(config(overrides), {
    lexer,
    module: { name: "@latex-perfectionist/lexer", version: "0.0.0-test" },
    gitCommit: null,
    command: "deno task fuzz --seed 1234",
  });
}

Deno.test("runCampaign() gives the same report for the same seed, apart from timing fields", async () => {
  const a = await run(fakeLexer());
  const b = await run(fakeLexer());
  assertEquals(validateReport(a), []);
  assertEquals(withoutTiming(a), withoutTiming(b));
  assertEquals(a.summary.total_iterations, 900);
  assertEquals(a.summary.failures, 0);
  // Every 100 edits: 3 checks in each of the 3 episodes of 300 edits.
  assertEquals(a.summary.equivalence_checks, 9);
});

Deno.test("runCampaign() catches a dropped token, shrinks it, saves it, and the file replays", async () => {
  const dir = await Deno.makeTempDir({ prefix: "fuzz_campaign_test_" });
  try {
    const broken = fakeLexer({ dropTokenAfterInsertOf: "}" });
    const report = await run(broken, { regressionsDir: dir });
    assertEquals(validateReport(report), []);
    assertGreater(report.summary.failures, 0);
    // The run went on after each failure, with a fresh document.
    assertEquals(report.summary.total_iterations, 900);
    const f = report.failure_cases[0]!;
    assert(f.edits <= 2 && f.start_text_length <= 4, JSON.stringify(f));
    assert(f.edits_before_shrink >= f.edits);
    assertEquals(f.replay_command, `deno task fuzz --replay ${f.file}`);
    const saved = await loadRegressions(dir);
    assert(saved.some((s) => s.path === f.file));
    const r = saved.find((s) => s.path === f.file)!.regression;
    assert(r.shrink.complete);
    const replayed = replayCase(broken, r, "every-edit");
    assertEquals(replayed.difference, r.difference);
    assertEquals(replayed.editsApplied, r.failingEdit);
    // A fixed lexer passes the saved case.
    assertEquals(replayCase(fakeLexer(), r, "every-edit").difference, null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runCampaign() catches a lexer that throws or miscounts its length", async () => {
  const thrown = await run(fakeLexer({ throwOnInsertOf: "\\verb" }), { iterations: 500 });
  assertGreater(thrown.summary.failures, 0);
  assertEquals(thrown.failure_cases[0]!.kind, "exception");
  const miscount = await run(fakeLexer({ miscountLengthAfterInsertOf: "$" }), { iterations: 500 });
  assertGreater(miscount.summary.failures, 0);
  assertEquals(miscount.failure_cases[0]!.kind, "length");
  assertEquals(miscount.failure_cases[0]!.edits, 1);
});

Deno.test("runCampaign() shards are disjoint slices whose merge equals the whole campaign", async () => {
  const broken = fakeLexer({ dropTokenAfterInsertOf: "}" });
  const whole = await run(broken, { iterations: 1_300 });
  assertGreater(whole.summary.failures, 1); // Failures are part of what must match.
  const shards = [];
  for (let index = 1; index <= 3; index++) {
    shards.push(await run(broken, { iterations: 1_300, shard: { index, count: 3 } }));
  }
  // Five episodes (300, 300, 300, 300, 100 edits) split 1 + 2 + 2.
  assertEquals(shards.map((s) => s.summary.total_iterations), [300, 600, 400]);
  const merged = mergeReports(shards);
  assertEquals(validateReport(merged), []);
  assertEquals(merged.shard, { count: 3, indexes: [1, 2, 3] });
  const strip = (r: typeof whole) => {
    const { command: _c, shard: _s, ...rest } = withoutTiming(r);
    return rest;
  };
  assertEquals(strip(merged), strip(whole));
});

Deno.test("runCampaign() runs a trace's patches, sharded contiguously", async () => {
  const trace: Trace = { startContent: "", endContent: null, edits: [] };
  let text = "";
  for (const ch of "\\section{A}\nSome $x$ text % c\n\\begin{verbatim}\n$ {\n\\end{verbatim}\n") {
    trace.edits.push([text.length, text.length, ch]);
    text += ch;
  }
  trace.edits.push([0, 9, ""], [3, 3, "\r\n"]);
  const n = trace.edits.length;
  const source = { kind: "trace" as const, file: "/x/t.json.gz", trace };
  const whole = await run(fakeLexer(), { source, iterations: 10_000, checkEvery: 7 });
  assertEquals(whole.summary.total_iterations, n);
  assertEquals(whole.options.trace, "/x/t.json.gz");
  const parts = [];
  for (let index = 1; index <= 2; index++) {
    parts.push(
      await run(fakeLexer(), {
        source,
        iterations: 10_000,
        checkEvery: 7,
        shard: { index, count: 2 },
      }),
    );
  }
  assertEquals(parts[0]!.summary.total_iterations + parts[1]!.summary.total_iterations, n);
  const broken = await run(fakeLexer({ dropTokenAfterInsertOf: "}" }), {
    source,
    iterations: 10_000,
  });
  assertGreater(broken.summary.failures, 0);
  assertEquals(broken.failure_cases[0]!.source, "trace:t.json.gz");
  assertEquals(broken.summary.total_iterations, n);
});

Deno.test("runCampaign() stops at the time limit and says so", async () => {
  const r = await run(fakeLexer(), { timeLimitSeconds: 0 });
  assertEquals(r.summary.stopped_early, true);
  assertEquals(r.summary.total_iterations, 0);
  assertEquals(validateReport(r), []);
});
