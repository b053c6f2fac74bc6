/**
 * The extraction step of `deno task verify`: `coqc Extraction.v` writes the line lexer and the
 * state codec as OCaml into `_build/` of the proofs directory, and `ocamlopt` compiles them with
 * the driver (`oracle/driver.ml`) into `_build/oracle`, the program `deno task oracle` runs.
 *
 * @module
 */

import { join } from "@std/path";
import type { ReportStep } from "./report.ts";
import { runCommand } from "./run_command.ts";

/** The extraction commands, in the proofs directory, outside `_CoqProject`. */
export const EXTRACTION_FILE = "Extraction.v";

/** The folder, inside the proofs directory, of everything generated (git-ignored). */
export const BUILD_DIR = "_build";

/** The OCaml module `Extraction.v` writes, in {@linkcode BUILD_DIR}. */
export const EXTRACTED_MODULE = "lexer_extracted";

/** The driver's source, relative to the proofs directory. */
export const DRIVER_SOURCE = "oracle/driver.ml";

/** The compiled driver, relative to the proofs directory. */
export const DRIVER_PROGRAM = `${BUILD_DIR}/oracle`;

/** What {@linkcode buildExtraction} did. */
export interface ExtractionResult {
  /** `coqc Extraction.v`. */
  extraction: ReportStep;
  /** `ocamlopt` on the extracted module and the driver. */
  driver: ReportStep;
  /** Why a step failed, one message each; empty when both succeeded. */
  failures: string[];
}

function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * Extracts the lexer to OCaml and compiles the driver. The Coq modules must be built already
 * (`make -f Makefile.coq`).
 *
 * @param proofsDir The proofs directory.
 * @param coqFlags The `-Q`/`-R` flags of its `_CoqProject`.
 * @param program Where the driver goes, relative to {@linkcode BUILD_DIR} of `proofsDir`.
 * @returns The two steps and the failures.
 * @throws {ToolMissingError} When `ocamlopt` is not installed.
 * @throws {RunNotAllowedError} When this process may not run `coqc` or `ocamlopt`.
 * @example
 * ```ts ignore
 * import { buildExtraction } from "./extraction.ts";
 * const r = await buildExtraction("proofs", ["-Q", ".", "LaTeXPerfectionist"]);
 * console.log(r.failures);
 * ```
 */
export async function buildExtraction(
  proofsDir: string,
  coqFlags: readonly string[],
  program = "oracle",
): Promise<ExtractionResult> {
  const failures: string[] = [];
  const notRun: ReportStep = { ran: false, ok: false, ms: 0 };
  const build = join(proofsDir, BUILD_DIR);
  // Stale output must not pass for new: remove it before extracting.
  await Deno.remove(build, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  await Deno.mkdir(build, { recursive: true });
  const coq = await runCommand("coqc", [...coqFlags, EXTRACTION_FILE], { cwd: proofsDir });
  const extraction = { ran: true, ok: coq.code === 0, ms: coq.ms };
  if (!extraction.ok) {
    failures.push(`coqc ${EXTRACTION_FILE} failed:\n${tail(coq.stderr + coq.stdout)}`);
    return { extraction, driver: notRun, failures };
  }
  await Deno.copyFile(join(proofsDir, DRIVER_SOURCE), join(build, "driver.ml"));
  const ml = await runCommand("ocamlopt", [
    "-o",
    program,
    `${EXTRACTED_MODULE}.mli`,
    `${EXTRACTED_MODULE}.ml`,
    "driver.ml",
  ], { cwd: build });
  const driver = { ran: true, ok: ml.code === 0, ms: ml.ms };
  if (!driver.ok) failures.push(`ocamlopt failed:\n${tail(ml.stderr + ml.stdout)}`);
  return { extraction, driver, failures };
}
