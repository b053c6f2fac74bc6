/**
 * `deno task verify`: builds and checks the Coq proofs, writes a JSON report and prints a
 * summary. Exit status: 0 all checks passed, 1 a check failed, 2 usage or input error, also when
 * Coq (or make) is not installed: the checks could not run.
 *
 * @module
 */

import { parseOptions } from "../_tools/options.ts";
import { runMain } from "../_tools/run_main.ts";
import { ExitCode } from "../_tools/usage_error.ts";
import { RunNotAllowedError, ToolMissingError } from "./run_command.ts";
import { formatSummary } from "./summary.ts";
import { COQ_PROJECT, verifyProofs } from "./verify.ts";

/** Exit status when a required program is not installed: the checks could not run. */
export const EXIT_MISSING_TOOL: number = ExitCode.Usage;

const HELP = `Usage: deno task verify [--proofs DIR] [--report PATH]

Builds the Coq proofs (coq_makefile, make), requires the key theorems to be closed under
the global context (Print Assumptions), scans the sources for Admitted, admit, Axiom,
Parameter, Conjecture, give_up and disabled kernel checks, re-checks the modules with
coqchk, then extracts the line lexer to OCaml (Extraction.v) and compiles it with the driver
(ocamlopt) into proofs/_build/oracle. Programs run only through Deno.Command under the task's --allow-run list.

Options:
  --proofs DIR    the proofs directory, holding ${COQ_PROJECT} (default: proofs)
  --report PATH   where to write the JSON report (default: verify_report.json)
  -h, --help      show this help

Options take their value as --opt value or --opt=value.
The task may read and write only proofs/ and verify_report.json; to use other paths, run
verify/main.ts with matching --allow-read/--allow-write flags.

Exit status: 0 passed, 1 a check failed, 2 usage or input error (also: Coq, OCaml or make is
not installed, so nothing could be checked).`;

const INSTALL_HINT = `Install Coq (8.16 or later), OCaml (ocamlopt) and make, then run again:
  Debian/Ubuntu:  apt-get update && apt-get install -y coq ocaml make
  Fedora:         dnf install coq ocaml make
  macOS:          brew install coq ocaml make
  opam:           opam install coq`;

interface Args {
  proofs: string;
  report: string;
}

function parseArgs(argv: readonly string[]): Args | "help" {
  const o = parseOptions(argv, {
    string: ["proofs", "report"],
    boolean: ["help"],
    alias: { h: "help" },
  });
  if (o.flags.help) return "help";
  return { proofs: o.strings.proofs ?? "proofs", report: o.strings.report ?? "verify_report.json" };
}

function permissionHint(what: string, path: string, error: Error): string {
  return `Cannot ${what} ${path}: this process is not allowed to (${error.message}). ` +
    `The verify task may read and write only proofs/ and verify_report.json.`;
}

/**
 * Runs the command line.
 *
 * @param argv The arguments after the script name.
 * @returns The exit status.
 */
export function main(argv: readonly string[]): Promise<number> {
  return runMain("verify", () => run(argv));
}

async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === "help") {
    console.log(HELP);
    return 0;
  }
  // Refuse paths outside the permissions before spending a minute on the checks.
  const canWrite = await Deno.permissions.query({ name: "write", path: args.report });
  if (canWrite.state !== "granted") {
    console.error(
      `verify: error: Cannot write ${args.report}: this process is not allowed to. ` +
        `The verify task may read and write only proofs/ and verify_report.json.`,
    );
    return 2;
  }
  try {
    const info = await Deno.stat(`${args.proofs}/${COQ_PROJECT}`);
    if (!info.isFile) throw new Deno.errors.NotFound();
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable) {
      console.error(`verify: error: ${permissionHint("read", args.proofs, e)}`);
    } else {
      console.error(
        `verify: error: ${args.proofs} is not a proofs directory: no ${COQ_PROJECT} in it`,
      );
    }
    return 2;
  }

  let report;
  try {
    report = await verifyProofs({
      proofsDir: args.proofs,
      onProgress: (m) => console.error(`verify: ${m}`),
    });
  } catch (e) {
    if (e instanceof ToolMissingError) {
      console.error(`verify: error: ${e.program} was not found on PATH.\n${INSTALL_HINT}`);
      return EXIT_MISSING_TOOL;
    }
    if (e instanceof RunNotAllowedError) {
      console.error(`verify: error: ${e.message}`);
      return 1;
    }
    if (e instanceof Deno.errors.NotCapable) {
      console.error(`verify: error: ${permissionHint("read", args.proofs, e)}`);
      return 2;
    }
    throw e;
  }

  try {
    await Deno.writeTextFile(args.report, JSON.stringify(report, null, 2) + "\n");
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable) {
      console.error(`verify: error: ${permissionHint("write", args.report, e)}`);
      return 2;
    }
    throw e;
  }
  console.log(formatSummary(report, args.report));
  return report.passed ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
