import { assertEquals, assertStringIncludes } from "@std/assert";
import { fromFileUrl } from "@std/path";
import { readSchema, validateJson } from "../_tools/json_schema.ts";
import { runCampaign } from "./campaign.ts";
import { type FuzzReport, validateReport } from "./report.ts";
import { fakeLexer } from "./_fake_lexer.ts";
import { formatRegression, REGRESSION_FORMAT } from "./regression_file.ts";

const MAIN = fromFileUrl(new URL("./main.ts", import.meta.url));
const MERGE = fromFileUrl(new URL("./merge.ts", import.meta.url));

async function run(script: string, dir: string, args: string[]) {
  const out = await new Deno.Command("deno", {
    args: ["run", "--no-prompt", "--allow-read", `--allow-write=${dir}`, script, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("fuzz CLI: --help, usage errors, a campaign, its report, replay and merge", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "fuzz_main_test_" });
  try {
    await t.step("--help exits 0 and lists the options", async () => {
      const r = await run(MAIN, dir, ["--help"]);
      assertEquals(r.code, 0);
      assertStringIncludes(r.stdout, "--iterations N");
    });
    await t.step("usage errors exit 2 with a message", async () => {
      const r = await run(MAIN, dir, ["--iterations", "zero"]);
      assertEquals(r.code, 2);
      assertStringIncludes(r.stderr, "--iterations");
    });
    await t.step("input errors exit 2 with one error line, before any campaign runs", async () => {
      const out = ["--report", `${dir}/r.json`, "--regressions", `${dir}/reg`];
      const cases: [string[], string][] = [
        [["--replay", dir], `fuzz: error: --replay ${dir}: a directory, not a file`],
        [["--replay", `${dir}/none.json`], "no such file or directory"],
        [["--iterations", "-5"], 'fuzz: error: --iterations: "-5" is not an integer of at least 1'],
        [["--iterations=-5"], '--iterations: "-5" is not an integer of at least 1'],
        [["--report", `${dir}/r.json`, "--regressions", "/proc/none"], "--regressions /proc/none"],
        [
          ["--report", "/proc/no-such/r.json", "--iterations", "100000000"],
          "--report /proc/no-such/r.json",
        ],
        [["--report", dir], `--report ${dir}: is a folder`],
        [[...out, "--corpus", `${dir}/none`], `--corpus ${dir}/none: no such file or directory`],
        [[...out, "--trace", dir], `--trace ${dir}: a directory, not a file`],
      ];
      for (const [args, message] of cases) {
        const r = await run(MAIN, dir, args);
        assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
        assertStringIncludes(r.stderr, message);
        assertEquals(r.stderr.includes("    at "), false, "no stack trace");
      }
    });
    await t.step("a campaign prints its seed and writes a valid report", async () => {
      const r = await run(MAIN, dir, [
        "--seed",
        "77",
        "--iterations",
        "400",
        "--lines",
        "30",
        "--episode-edits",
        "200",
        "--check-every",
        "50",
        "--regressions",
        `${dir}/reg`,
        "--report",
        `${dir}/r/report.json`,
      ]);
      assertEquals(r.code, 0, r.stderr);
      assertStringIncludes(r.stderr, "seed 77");
      const report = JSON.parse(await Deno.readTextFile(`${dir}/r/report.json`)) as FuzzReport;
      assertEquals(validateReport(report), []);
      assertEquals(report.summary.total_iterations, 400);
      assertEquals(report.summary.equivalence_checks, 8);
      assertEquals(
        report.command,
        `deno task fuzz --seed 77 --iterations 400 --check-every 50 --lines 30 --episode-edits 200 --report ${dir}/r/report.json --regressions ${dir}/reg`,
      );
    });
    await t.step("fuzz:merge merges shard reports and refuses a shard twice", async () => {
      const files = [];
      for (const index of [1, 2]) {
        const report = await runCampaign({
          seed: 5,
          iterations: 600,
          checkEvery: 100,
          shard: { index, count: 2 },
          timeLimitSeconds: null,
          source: { kind: "generated", targetLines: 20 },
          episodeEdits: 200,
          regressionsDir: null,
          shrinkBudget: {},
        }, {
          lexer: fakeLexer(),
          module: { name: "m", version: "0" },
          gitCommit: null,
          command: `deno task fuzz --seed 5 --shard ${index}/2`,
        });
        files.push(`${dir}/s${index}.json`);
        await Deno.writeTextFile(files[files.length - 1]!, JSON.stringify(report));
      }
      const m = await run(MERGE, dir, ["--out", `${dir}/m.json`, ...files, files[0]!]);
      assertEquals(m.code, 2);
      assertStringIncludes(m.stderr, "appears twice");
      const ok = await run(MERGE, dir, ["--out", `${dir}/m.json`, ...files]);
      assertEquals(ok.code, 0, ok.stderr);
      const merged = JSON.parse(await Deno.readTextFile(`${dir}/m.json`)) as FuzzReport;
      assertEquals(validateReport(merged), []);
      assertEquals([merged.summary.total_iterations, merged.shard.indexes], [600, [1, 2]]);
    });
    await t.step("--replay replays a regression file and reports JSON", async () => {
      const file = `${dir}/case.json`;
      await Deno.writeTextFile(
        file,
        formatRegression({
          format: REGRESSION_FORMAT,
          description: "test case",
          options: {},
          startText: "a $b$\r\n\\begin{verbatim}\n",
          edits: [[2, 2, "}"], [0, 0, "\\end{verbatim}\n"]],
          difference: {
            kind: "tokens",
            line: 0,
            tokenIndex: 1,
            lineTokenIndex: 1,
            expected: null,
            actual: null,
          },
          failingEdit: 1,
          found: {
            seed: 1,
            episode: 0,
            iteration: 0,
            source: "generated",
            moduleVersion: "0",
            gitCommit: null,
          },
          shrink: { originalEdits: 2, originalTextLength: 20, attempts: 0, complete: true },
        }),
      );
      const r = await run(MAIN, dir, ["--replay", file]);
      assertEquals(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assertEquals([out.passed, out.edits, out.difference], [true, 2, null]);
      const replaySchema = readSchema(new URL("./fuzz_replay.schema.json", import.meta.url));
      const refs = { refs: [readSchema(new URL("./fuzz_report.schema.json", import.meta.url))] };
      assertEquals(validateJson(replaySchema, out, refs), []);
      assertEquals(validateJson(replaySchema, { ...out, failingEdit: null }, refs), [
        "$.failingEdit: not allowed (additionalProperties is false)",
      ]);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
