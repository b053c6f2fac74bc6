import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { fromFileUrl, join } from "@std/path";
import { parseCliArgs } from "./cli.ts";
import { readSchema, validateJson } from "../_tools/json_schema.ts";
import { UsageError } from "../_tools/usage_error.ts";
import { PHASE_IDS, planPhases } from "./phases.ts";

Deno.test("parseCliArgs() defaults to quick mode and every phase", () => {
  assertEquals(parseCliArgs([]), {
    mode: "quick",
    phases: [...PHASE_IDS],
    json: undefined,
    failFast: false,
    list: false,
    baseline: undefined,
  });
  assertEquals(parseCliArgs(["-h"]), "help");
});

Deno.test("parseCliArgs() takes --baseline with --full only", () => {
  const options = parseCliArgs(["--full", "--baseline", "../base"]);
  if (options === "help") throw new Error("parsed as --help");
  assertEquals(options.baseline, "../base");
  assertThrows(
    () => parseCliArgs(["--baseline", "../base"]),
    UsageError,
    "--baseline needs --full",
  );
  assertThrows(
    () => parseCliArgs(["--full", "--baseline="]),
    UsageError,
    "--baseline needs a value",
  );
});

Deno.test("the full performance phase with a baseline runs perf:gate against it", () => {
  const [phase] = planPhases({ mode: "full", baseline: "../base" })
    .filter((p) => p.id === "performance");
  const commands = phase!.steps.flatMap((s) => s.kind === "command" ? [s.args.join(" ")] : []);
  assert(commands.some((c) => c.includes("perf:gate --baseline ../base")), commands.join("; "));
});

Deno.test("parseCliArgs() keeps the workflow's order whatever the order of --only", () => {
  const options = parseCliArgs(["--only", "security,proofs", "--full", "--fail-fast"]);
  assertEquals(options !== "help" && [options.phases, options.mode, options.failFast], [
    ["proofs", "security"],
    "full",
    true,
  ]);
  const skipped = parseCliArgs(["--skip=proofs,performance"]);
  assertEquals(skipped !== "help" && skipped.phases.includes("proofs"), false);
});

Deno.test("parseCliArgs() refuses bad command lines with a UsageError that says why", () => {
  assertThrows(() => parseCliArgs(["--quick", "--full"]), UsageError, "one of --quick and --full");
  assertThrows(() => parseCliArgs(["--only", "a", "--skip", "b"]), UsageError, "--only and --skip");
  assertThrows(() => parseCliArgs(["--only="]), UsageError, "--only needs a value");
  assertThrows(() => parseCliArgs(["--only", "test,lint"]), UsageError, "unknown phase lint");
  assertThrows(() => parseCliArgs(["--frobnicate"]), UsageError, "unknown option --frobnicate");
  assertThrows(() => parseCliArgs(["extra"]), UsageError, "unexpected argument extra");
  assertThrows(() => parseCliArgs(["--json="]), UsageError, "--json needs a value");
});

const cli = fromFileUrl(new URL("./cli.ts", import.meta.url));
const root = fromFileUrl(new URL("../", import.meta.url));

/** Runs the CLI as `deno task ci` would, with the task's permissions plus a temporary write path. */
async function runCli(args: string[], writable = "ci_report.json") {
  const output = await new Deno.Command("deno", {
    args: [
      "run",
      "--allow-run=deno",
      "--allow-read=deno.json,.github/workflows/ci.yml,../shared",
      `--allow-write=${writable}`,
      cli,
      ...args,
    ],
    cwd: root,
    stdin: "null",
    env: { NO_COLOR: "1" },
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("deno task ci --help prints the usage and exits 0", async () => {
  const { code, stdout } = await runCli(["--help"]);
  assertEquals(code, 0);
  assertStringIncludes(stdout, "Usage: deno task ci [--quick | --full [--baseline REV|PATH]]");
  assertStringIncludes(stdout, PHASE_IDS.join(", "));
});

Deno.test("deno task ci exits 2 with a message for a usage error", async () => {
  const { code, stderr } = await runCli(["--only", "nope"]);
  assertEquals(code, 2);
  assertStringIncludes(stderr, "ci: error: --only: unknown phase nope");
});

Deno.test("deno task ci --list prints the plan without running it", async () => {
  const { code, stdout } = await runCli(["--list", "--only", "lint-types,release"]);
  assertEquals(code, 0);
  assertEquals(stdout.split("\n").filter((l) => !l.startsWith(" ")), [
    "lint-types: Lint and types",
    "release: Release",
    "",
  ]);
  assertStringIncludes(stdout, "  deno doc --lint mod.ts");
});

Deno.test("deno task ci --json writes a summary that matches its schema", async () => {
  const dir = await Deno.makeTempDir({ prefix: "ci_cli_test_" });
  try {
    const path = join(dir, "summary.json");
    const { code, stdout } = await runCli(["--only", "release", "--json", path], path);
    assertEquals(code, 0);
    assertStringIncludes(stdout, "0 passed, 0 failed, 1 skipped");
    const summary = JSON.parse(await Deno.readTextFile(path));
    const schema = readSchema(new URL("./ci_report.schema.json", import.meta.url));
    assertEquals(validateJson(schema, summary), []);
    assertEquals(validateJson(schema, { ...summary, totalSeconds: 1 }), [
      "$.totalSeconds: not allowed (additionalProperties is false)",
    ]);
    assertEquals(summary.ok, true);
    assertEquals(summary.mode, "quick");
    assertEquals(summary.counts, { passed: 0, failed: 0, skipped: 1 });
    assertEquals(summary.phases[0].id, "release");
    assertEquals(summary.phases[0].steps[0].status, "skipped");
    assertEquals(typeof summary.total_seconds, "number");
    assertEquals(Number.isNaN(Date.parse(summary.started_at)), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task ci --json to a path outside its write grant fails with a clear error", async () => {
  const { code, stderr } = await runCli(["--only", "release", "--json", "/tmp/elsewhere.json"]);
  assertEquals(code, 2);
  assertStringIncludes(
    stderr,
    "ci: error: --json /tmp/elsewhere.json: the task may not write there",
  );
  assertEquals(stderr.includes("phases"), false, "refused before any phase ran");
});
