/**
 * `deno task verify`: builds and checks the Coq proofs, writes a JSON report and prints a
 * summary. Exit status: 0 all checks passed, 1 a check failed, 2 usage error, 3 Coq (or make)
 * is not installed.
 *
 * @module
 */

import { RunNotAllowedError, ToolMissingError } from "./run_command.ts";
import { formatSummary } from "./summary.ts";
import { COQ_PROJECT, verifyProofs } from "./verify.ts";

/** Exit status when a required program is not installed. */
export const EXIT_MISSING_TOOL = 3;

const HELP = `Usage: deno task verify [--proofs DIR] [--report PATH]

Builds the Coq proofs (coq_makefile, make), requires the key theorems to be closed under
the global context (Print Assumptions), scans the sources for Admitted, admit, Axiom,
Parameter, Conjecture, give_up and disabled kernel checks, and re-checks the modules with
coqchk. Programs run only through Deno.Command under the task's --allow-run list.

Options:
  --proofs DIR    the proofs directory, holding ${COQ_PROJECT} (default: proofs)
  --report PATH   where to write the JSON report (default: verify_report.json)
  -h, --help      show this help

The task may read and write only proofs/ and verify_report.json; to use other paths, run
verify/main.ts with matching --allow-read/--allow-write flags.

Exit status: 0 passed, 1 a check failed, 2 usage error, 3 Coq or make not installed.`;

const INSTALL_HINT = `Install Coq (8.16 or later) and make, then run again:
  Debian/Ubuntu:  apt-get update && apt-get install -y coq make
  Fedora:         dnf install coq make
  macOS:          brew install coq make
  opam:           opam install coq`;

interface Args {
  proofs: string;
  report: string;
}

function parseArgs(argv: readonly string[]): Args | "help" | string {
  const args: Args = { proofs: "proofs", report: "verify_report.json" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-h" || a === "--help") return "help";
    const eq = a.indexOf("=");
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (name !== "--proofs" && name !== "--report") return `Unknown option: ${a}`;
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "") return `Option ${name} needs a value`;
    if (name === "--proofs") args.proofs = value;
    else args.report = value;
  }
  return args;
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
export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === "help") {
    console.log(HELP);
    return 0;
  }
  if (typeof args === "string") {
    console.error(`verify: ${args}\n\n${HELP}`);
    return 2;
  }
  // Refuse paths outside the permissions before spending a minute on the checks.
  const canWrite = await Deno.permissions.query({ name: "write", path: args.report });
  if (canWrite.state !== "granted") {
    console.error(
      `verify: Cannot write ${args.report}: this process is not allowed to. ` +
        `The verify task may read and write only proofs/ and verify_report.json.`,
    );
    return 2;
  }
  try {
    const info = await Deno.stat(`${args.proofs}/${COQ_PROJECT}`);
    if (!info.isFile) throw new Deno.errors.NotFound();
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable) {
      console.error(`verify: ${permissionHint("read", args.proofs, e)}`);
    } else {
      console.error(`verify: ${args.proofs} is not a proofs directory: no ${COQ_PROJECT} in it`);
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
      console.error(`verify: ${e.program} was not found on PATH.\n${INSTALL_HINT}`);
      return EXIT_MISSING_TOOL;
    }
    if (e instanceof RunNotAllowedError) {
      console.error(`verify: ${e.message}`);
      return 1;
    }
    if (e instanceof Deno.errors.NotCapable) {
      console.error(`verify: ${permissionHint("read", args.proofs, e)}`);
      return 2;
    }
    throw e;
  }

  try {
    await Deno.writeTextFile(args.report, JSON.stringify(report, null, 2) + "\n");
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable) {
      console.error(`verify: ${permissionHint("write", args.report, e)}`);
      return 2;
    }
    throw e;
  }
  console.log(formatSummary(report, args.report));
  return report.passed ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
