/**
 * `deno task test`: runs `deno test` with the project's flags, with `--help` of its own. The
 * temporary files of the tests go to `.tmp/` inside the checkout (ignored by git): the task
 * needs write permission there only, wherever the OS keeps its temporary folder (TMPDIR on
 * macOS, %TEMP% on Windows).
 *
 * @module
 */

import { fromFileUrl } from "@std/path";
import { runDeno } from "../_tools/deno_wrapper.ts";

/** The checkout's folder for the tests' temporary files. */
export const TEST_TMP_DIR: string = fromFileUrl(new URL("../.tmp/", import.meta.url));

/** The fixed arguments of `deno test`; the caller's (files, `--filter`, ...) come after. */
export const TEST_ARGS: readonly string[] = [
  "test",
  "--doc",
  "--allow-read",
  `--allow-write=${TEST_TMP_DIR}`,
  "--allow-env=FC_SEED,FC_RUNS,XDG_RUNTIME_DIR",
  "--allow-run=deno,emacs,emacsclient,coqc,coqchk,coq_makefile,make",
  "--v8-flags=--expose-gc",
];

/** The `--help` text. */
export const TEST_HELP = `deno task test [deno test options] [FILES...]

Runs every test of the project with deno test: unit, property (fast-check) and regression tests,
and the @example of every documented export (--doc). Tests that need ../shared (the corpus and
traces beside the checkout) skip with a message when it is absent; verify's tests skip without
Coq.

Runs:
  deno ${TEST_ARGS.join(" ")} [your arguments]

Temporary files go to .tmp/ in the checkout (TMPDIR, TMP and TEMP point there; the task may
write nowhere else), so the suite runs the same on Linux, macOS and Windows.

Examples:
  deno task test lexer/incremental_test.ts     one file
  deno task test --filter "stateKey"           tests whose name matches
  FC_SEED=42 FC_RUNS=1000 deno task test       property tests with a fixed seed, more runs
  deno task test --coverage=.coverage          with coverage (the workflow adds --junit-path)

Exit status: deno test's own: 0 every test passed, 1 a test failed (or did not compile).`;

/**
 * Runs the task.
 *
 * @param args The caller's arguments.
 * @returns The exit code of `deno test`.
 */
export async function main(args: readonly string[]): Promise<number> {
  // One folder per run, so that two runs in the same checkout do not remove each other's files.
  await Deno.mkdir(TEST_TMP_DIR, { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: TEST_TMP_DIR, prefix: "test-" });
  try {
    return await runDeno({
      help: TEST_HELP,
      args: TEST_ARGS,
      env: { TMPDIR: tmp, TMP: tmp, TEMP: tmp },
    }, args);
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
