import { assert, assertEquals, assertMatch, assertRejects } from "@std/assert";
import { runCommand, RunNotAllowedError, ToolMissingError } from "./run_command.ts";
import { COQ_MISSING } from "./testdata/coq_available.ts";

const ROOT = new URL("../", import.meta.url);

/** The permission flags of the `verify` task in deno.json. */
async function verifyTaskFlags(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  const task: string = config.tasks.verify;
  return task.split(/\s+/).filter((w) => w.startsWith("--allow-") || w === "-A");
}

async function runWithTaskPermissions(program: string, ...args: string[]) {
  const flags = await verifyTaskFlags();
  const out = await new Deno.Command("deno", {
    args: ["run", ...flags, "verify/testdata/run_program.ts", program, ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

Deno.test("verify task permissions allow exactly coqc, coqchk, coq_makefile, make and ocamlopt", async () => {
  const flags = await verifyTaskFlags();
  assert(!flags.includes("-A") && !flags.includes("--allow-all"), flags.join(" "));
  assertEquals(flags.filter((f) => f.startsWith("--allow-run")), [
    "--allow-run=coqc,coqchk,coq_makefile,make,ocamlopt",
  ]);
  assert(flags.every((f) => /^--allow-(run|read|write)=/.test(f)), flags.join(" "));
});

Deno.test("runCommand() under the verify task's permissions cannot run other programs", async (t) => {
  for (const program of ["ls", "/bin/sh", "deno"]) {
    await t.step(program, async () => {
      const r = await runWithTaskPermissions(program, "--version");
      assertEquals(r.code, 1, r.stderr);
      assertMatch(r.stderr, /RunNotAllowedError: Cannot run .*: not in the --allow-run list/);
      assertMatch(r.stderr, new RegExp(`NotCapable: Requires run access to "${program}"`));
    });
  }
});

Deno.test({
  name: "runCommand() under the verify task's permissions runs coqc",
  ignore: COQ_MISSING,
  fn: async () => {
    const r = await runWithTaskPermissions("coqc", "--version");
    assertEquals(r.code, 0, r.stderr);
    assertEquals(r.stdout.trim(), "coqc exited with 0");
  },
});

Deno.test("runCommand() reports a missing program as ToolMissingError", async () => {
  const error = await assertRejects(
    () => runCommand("latex-perfectionist-no-such-program", []),
    ToolMissingError,
  );
  assertEquals(error.program, "latex-perfectionist-no-such-program");
});

Deno.test("runCommand() reports a program outside this process's allowlist as RunNotAllowedError", async () => {
  // The test task allows deno and the Coq tools only.
  await assertRejects(
    () => runCommand("ls", []),
    RunNotAllowedError,
    'Requires run access to "ls"',
  );
});
