import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { main, withCommit } from "./history_import.ts";
import { PerfHistory } from "./history.ts";
import { UsageError } from "./cli_io.ts";

const report = (commit: string) => ({
  schema_version: 1,
  date: "2026-12-01T00:00:00Z",
  commit,
  machine: {
    deno: "2",
    v8: "1",
    typescript: "5",
    os: "linux",
    arch: "x86_64",
    cpu_model: "unknown",
    cores: 2,
    label: "",
  },
  config: { runs: 3, operations: { line: 500 } },
  detailed_results: [],
});

Deno.test("withCommit() names an unknown commit, keeps a known one, refuses a disagreement", () => {
  assertEquals(withCommit(report("unknown"), "ec3d77fabc").commit, "ec3d77fabc");
  assertThrows(() => withCommit(report("unknown"), undefined), UsageError, "--commit HASH");
  assertEquals(withCommit(report("ec3d77fabc"), "ec3d77f").commit, "ec3d77fabc");
  assertThrows(() => withCommit(report("ec3d77fabc"), "1234"), UsageError, "disagrees");
  assertThrows(() => withCommit({ commit: "x" }, "x"), UsageError, "not a perf report");
});

Deno.test("perf:import main() stores a worktree's report where the gate's baseline search finds it", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/base.json`, JSON.stringify(report("unknown")));
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => {} };
    const db = `${dir}/h.sqlite`;
    assertEquals(await main([`${dir}/base.json`, "--commit", "ec3d77fabc", "--db", db], io), 0);
    assertStringIncludes(out.join("\n"), "as run #1 of ec3d77fabc");
    const history = new PerfHistory(db);
    const key = "unknown | 2 cores | linux x86_64";
    const found = history.gateBaseline({
      machineKey: key,
      operations: { line: 500 },
      commit: "ec3d77f",
    });
    assertEquals(found?.commit, "ec3d77fabc");
    assertEquals(
      history.gateBaseline({ machineKey: key, operations: { line: 1 }, commit: "ec3d77f" }),
      undefined,
    );
    history.close();
    const quiet = { out: () => {}, err: () => {} };
    assertEquals(await main([`${dir}/base.json`, "--db", db], quiet), 2);
    assertEquals(await main([`${dir}/missing.json`, "--commit", "x", "--db", db], quiet), 2);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
