/**
 * The checks of `deno task verify` on a proofs directory: scan the sources for assumed proofs,
 * build with `coq_makefile` and `make`, require the key theorems to be closed under the global
 * context, and re-check the compiled modules with `coqchk`.
 *
 * @module
 */

import { join } from "@std/path";
import { CLOSED, MARKER, parseAssumptions, parseCheckerContext } from "./coq_output.ts";
import {
  checkedAxioms,
  CHECKER_PROCESSES,
  checkerArgs,
  dealLibraries,
  LIBRARIES_MODULE,
  librariesScript,
  parseLoadedLibraries,
} from "./checker.ts";
import {
  REPORT_SCHEMA,
  type ReportFinding,
  type ReportStep,
  type ReportTheorem,
  type VerifyReport,
} from "./report.ts";
import { BUILD_DIR, buildExtraction, EXTRACTION_FILE } from "./extraction.ts";
import { runCommand } from "./run_command.ts";
import { scanCoqSource } from "./scan_sources.ts";

/** The theorems that must be proved without any assumption, by qualified name. */
export const REQUIRED_THEOREMS: readonly string[] = [
  "LaTeXPerfectionist.Incremental.incremental_correctness",
  "LaTeXPerfectionist.Incremental.checkpoint_equivalence",
  "LaTeXPerfectionist.Codec.codec_roundtrip",
  "LaTeXPerfectionist.LawIncremental.real_incremental_correctness",
  "LaTeXPerfectionist.LawIncremental.real_checkpoint_equivalence",
  "LaTeXPerfectionist.LawLossless.lossless",
  "LaTeXPerfectionist.LawIncremental.initial_state_wf",
  "LaTeXPerfectionist.LawDamage.paragraph_reset_closes",
  "LaTeXPerfectionist.LawDamage.paragraph_reset_keeps",
  "LaTeXPerfectionist.LawDamage.blank_line_resets",
  "LaTeXPerfectionist.LawDamage.blank_line_closes",
  "LaTeXPerfectionist.LawDamage.section_resets",
  "LaTeXPerfectionist.LawBody.body_catcodes_inert",
  "LaTeXPerfectionist.LawBody.body_short_verb_inert",
  "LaTeXPerfectionist.LawBody.close_group_restores",
  "LaTeXPerfectionist.LawDamage.document_resets",
  "LaTeXPerfectionist.LawDamage.doc_blank_line_resets",
  "LaTeXPerfectionist.LawDamage.reset_converges",
  "LaTeXPerfectionist.LawWf.reach_ok_wf",
  "LaTeXPerfectionist.LawWf.initial_reach_ok",
  "LaTeXPerfectionist.LawWf.lex_line_reach_ok",
  "LaTeXPerfectionist.LawWf.batch_states_wf",
  "LaTeXPerfectionist.LawWf.batch_states_roundtrip",
  "LaTeXPerfectionist.LawWf.close_saved_keeps_depth0",
  "LaTeXPerfectionist.LawBodyEscape.body_group_restores",
  "LaTeXPerfectionist.LawBodyEscape.body_line_restores",
  "LaTeXPerfectionist.LawOrder.initial_frames_ordered",
  "LaTeXPerfectionist.LawOrder.lex_line_frames_ordered",
  "LaTeXPerfectionist.LawOrder.batch_frames_ordered",
  "LaTeXPerfectionist.LawOrder.close_saved_level0",
  "LaTeXPerfectionist.LawOrder.batch_reset_keeps_depth0",
  "LaTeXPerfectionist.LawInLine.in_line_ordered",
  "LaTeXPerfectionist.LawInLine.in_line_reset_keeps_depth0",
  "LaTeXPerfectionist.LawReset.reset_closes_groups",
  "LaTeXPerfectionist.LawReset.batch_reset_closes_groups",
  "LaTeXPerfectionist.LawReset.in_line_reset_closes_groups",
  "LaTeXPerfectionist.LawBodyScan.body_scan",
  "LaTeXPerfectionist.LawBodyScan.batch_body_scan",
];

/** The file of `Print Assumptions` commands, in the proofs directory, outside the build. */
export const ASSUMPTIONS_FILE = "Assumptions.v";

/** The build description in the proofs directory. */
export const COQ_PROJECT = "_CoqProject";

/** Options of {@linkcode verifyProofs}. */
export interface VerifyOptions {
  /** The proofs directory (holding `_CoqProject`). */
  proofsDir: string;
  /**
   * Called with a short line before each long step.
   *
   * @default does nothing
   */
  onProgress?: (message: string) => void;
}

/** What `_CoqProject` says: load-path flags for coqc and coqchk, and the files to build. */
export interface CoqProject {
  /** `-Q`/`-R` mappings, flattened, as coqc takes them. */
  flags: string[];
  /** The `.v` files, relative to the project directory. */
  files: string[];
  /** The logical name of each file's module, in the same order. */
  modules: string[];
}

/**
 * Reads a `_CoqProject` (`-Q dir name` / `-R dir name` mappings and `.v` files).
 *
 * @param text The file's text.
 * @returns The flags, files and module names.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCoqProject } from "./verify.ts";
 * assertEquals(parseCoqProject("-Q . LP\nA.v\nsub/B.v\n"), {
 *   flags: ["-Q", ".", "LP"], files: ["A.v", "sub/B.v"], modules: ["LP.A", "LP.sub.B"],
 * });
 * ```
 */
export function parseCoqProject(text: string): CoqProject {
  const words = text.replace(/#.*$/gm, "").split(/\s+/).filter((w) => w !== "");
  const flags: string[] = [];
  const mappings: { dir: string; name: string }[] = [];
  const files: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if ((w === "-Q" || w === "-R") && i + 2 < words.length) {
      const dir = words[i + 1]!;
      const name = words[i + 2]!;
      flags.push(w, dir, name);
      mappings.push({ dir: dir.replace(/^\.\/?/, "").replace(/\/$/, ""), name });
      i += 2;
    } else if (w.endsWith(".v")) {
      files.push(w);
    }
  }
  const modules = files.map((file) => {
    const path = file.replace(/^\.\//, "").replace(/\.v$/, "");
    for (const { dir, name } of mappings) {
      if (dir === "") return `${name}.${path.replaceAll("/", ".")}`;
      if (path.startsWith(`${dir}/`)) {
        return `${name}.${path.slice(dir.length + 1).replaceAll("/", ".")}`;
      }
    }
    return path.replaceAll("/", ".");
  });
  return { flags, files, modules };
}

/**
 * Lists the `.v` files under a directory, relative to it, sorted; skips hidden entries and the
 * generated `_build/` (which holds the mutant copy of `deno task oracle:mutant`).
 */
async function listSources(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    if (entry.name.startsWith(".")) continue;
    if (prefix === "" && entry.name === BUILD_DIR) continue;
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory) out.push(...await listSources(dir, rel));
    else if (entry.isFile && entry.name.endsWith(".v")) out.push(rel);
  }
  return out.sort();
}

const notRun = (): ReportStep => ({ ran: false, ok: false, ms: 0 });

/** The last lines of a program's output, for a failure message. */
function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * Runs every check on a proofs directory.
 *
 * @param options The directory and a progress callback.
 * @returns The report; `passed` says whether every check passed.
 * @throws {ToolMissingError} When coqc, coqchk, coq_makefile, make or ocamlopt is not installed.
 * @throws {RunNotAllowedError} When the process may not run one of them.
 * @throws {Deno.errors.NotFound} When the directory has no `_CoqProject`.
 * @example
 * ```ts ignore
 * import { verifyProofs } from "./verify.ts";
 * const report = await verifyProofs({ proofsDir: "proofs" });
 * console.log(report.passed);
 * ```
 */
export async function verifyProofs(options: VerifyOptions): Promise<VerifyReport> {
  const progress = options.onProgress ?? (() => {});
  const dir = options.proofsDir;
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const failures: string[] = [];

  const version = await runCommand("coqc", ["--version"]);
  const coqVersion = /version\s+(\S+)/.exec(version.stdout)?.[1] ?? version.stdout.trim();

  const project = parseCoqProject(await Deno.readTextFile(join(dir, COQ_PROJECT)));
  const sources = await listSources(dir);

  progress(`scanning ${sources.length} sources`);
  const findings: ReportFinding[] = [];
  for (const file of sources) {
    const text = await Deno.readTextFile(join(dir, file));
    for (const f of scanCoqSource(text)) findings.push({ file, ...f });
  }
  for (const f of findings) {
    failures.push(`${f.file}:${f.line}:${f.column}: ${f.construct} is not allowed: ${f.text}`);
  }

  const steps = {
    build: notRun(),
    assumptions: notRun(),
    check: notRun(),
    extraction: notRun(),
    driver: notRun(),
  };
  const theorems: ReportTheorem[] = REQUIRED_THEOREMS.map((name) => ({
    name,
    found: false,
    closed: false,
    assumptions: [],
  }));
  const checker = { axioms: [] as string[], unsafe: [] as string[] };

  progress("building (coq_makefile, make)");
  const makefile = await runCommand("coq_makefile", ["-f", COQ_PROJECT, "-o", "Makefile.coq"], {
    cwd: dir,
  });
  let buildOk = makefile.code === 0;
  let buildMs = makefile.ms;
  if (!buildOk) failures.push(`coq_makefile failed:\n${tail(makefile.stderr + makefile.stdout)}`);
  if (buildOk) {
    const make = await runCommand("make", ["-j2", "-f", "Makefile.coq"], { cwd: dir });
    buildMs += make.ms;
    buildOk = make.code === 0;
    if (!buildOk) failures.push(`make failed:\n${tail(make.stdout + make.stderr)}`);
  }
  steps.build = { ran: true, ok: buildOk, ms: buildMs };

  if (buildOk) {
    progress(`printing assumptions (${ASSUMPTIONS_FILE})`);
    const script = await Deno.readTextFile(join(dir, ASSUMPTIONS_FILE)).catch((e) => {
      if (e instanceof Deno.errors.NotFound) return undefined;
      throw e;
    });
    if (script === undefined) {
      failures.push(`${ASSUMPTIONS_FILE} is missing from ${dir}`);
    } else {
      const run = await runCommand("coqc", [...project.flags, ASSUMPTIONS_FILE], { cwd: dir });
      steps.assumptions = { ran: true, ok: run.code === 0, ms: run.ms };
      if (run.code !== 0) {
        failures.push(`coqc ${ASSUMPTIONS_FILE} failed:\n${tail(run.stderr + run.stdout)}`);
      }
      const printed = parseAssumptions(run.stdout);
      for (const t of theorems) {
        // The marker must be followed by the Print Assumptions of that very theorem.
        const escaped = t.name.replaceAll(".", "\\.");
        const paired = new RegExp(
          `idtac\\s+"${MARKER}${escaped}"\\s*\\.\\s*Abort\\s*\\.\\s*Print\\s+Assumptions\\s+${escaped}\\s*\\.`,
        ).test(script);
        const block = printed.find((p) => p.name === t.name);
        if (!paired || block === undefined) {
          failures.push(`${t.name}: no Print Assumptions output for it in ${ASSUMPTIONS_FILE}`);
          continue;
        }
        t.found = true;
        t.closed = block.closed;
        t.assumptions = block.assumptions;
        if (!block.closed) {
          failures.push(
            `${t.name} is not "${CLOSED}": ${block.assumptions.join("; ")}`,
          );
        }
      }
    }

    const checked = await checkLibraries(dir, project, progress);
    checker.axioms = checked.axioms;
    checker.unsafe = checked.unsafe;
    steps.check = { ran: true, ok: checked.failures.length === 0, ms: checked.ms };
    failures.push(...checked.failures);

    // The strategy's step 6: the proved lexer extracts to OCaml and the driver compiles.
    progress(`extracting to OCaml (${EXTRACTION_FILE}) and compiling the driver (ocamlopt)`);
    const extracted = await buildExtraction(dir, project.flags);
    steps.extraction = extracted.extraction;
    steps.driver = extracted.driver;
    failures.push(...extracted.failures);
  }

  return {
    schema: REPORT_SCHEMA,
    passed: failures.length === 0,
    failures,
    started_at: startedAt,
    proofs_dir: dir,
    coq_version: coqVersion,
    sources,
    modules: project.modules,
    theorems,
    findings,
    checker,
    steps,
    total_ms: performance.now() - t0,
  };
}

/** What the `coqchk` processes found together. */
interface CheckOutcome {
  axioms: string[];
  unsafe: string[];
  failures: string[];
  ms: number;
}

/**
 * Lists the libraries the modules load (`Print Libraries`) and checks each exactly once, in
 * {@linkcode CHECKER_PROCESSES} `coqchk -o` processes at once (see `checker.ts`).
 */
async function checkLibraries(
  dir: string,
  project: CoqProject,
  progress: (message: string) => void,
): Promise<CheckOutcome> {
  const t0 = performance.now();
  const failures: string[] = [];
  await Deno.mkdir(join(dir, BUILD_DIR), { recursive: true });
  const script = `${BUILD_DIR}/${LIBRARIES_MODULE}.v`;
  await Deno.writeTextFile(join(dir, script), librariesScript(project.modules));
  const listed = await runCommand("coqc", [...project.flags, script], { cwd: dir });
  const libraries = parseLoadedLibraries(listed.stdout);
  const missing = project.modules.filter((m) => !libraries.includes(m));
  if (listed.code !== 0 || libraries.length === 0 || missing.length > 0) {
    failures.push(
      `coqc could not list the loaded libraries (${script})` +
        (missing.length > 0 ? `; not listed: ${missing.join(", ")}` : "") +
        `:\n${tail(listed.stderr + listed.stdout)}`,
    );
    return { axioms: [], unsafe: [], failures, ms: performance.now() - t0 };
  }
  const groups = dealLibraries(libraries, CHECKER_PROCESSES);
  progress(
    `checking ${libraries.length} libraries (${project.modules.length} of them this project's) ` +
      `in ${groups.length} coqchk processes`,
  );
  const runs = await Promise.all(
    groups.map((group) => runCommand("coqchk", checkerArgs(project.flags, group), { cwd: dir })),
  );
  const axioms = new Set<string>();
  const unsafe = new Set<string>();
  runs.forEach((check, i) => {
    // coqchk 8.16 prints the summary on stderr; accept it on either stream.
    const context = parseCheckerContext(`${check.stdout}\n${check.stderr}`);
    if (check.code !== 0) {
      failures.push(`coqchk (process ${i + 1}) failed:\n${tail(check.stderr + check.stdout)}`);
    } else if (!context.found) {
      failures.push(`coqchk (process ${i + 1}) printed no context summary`);
    }
    for (const a of checkedAxioms(context.axioms, groups[i]!, libraries)) axioms.add(a);
    for (const u of context.unsafe) unsafe.add(u);
  });
  for (const a of axioms) failures.push(`coqchk: the modules rely on axiom ${a}`);
  for (const u of unsafe) failures.push(`coqchk: ${u}`);
  return { axioms: [...axioms], unsafe: [...unsafe], failures, ms: performance.now() - t0 };
}
