/**
 * `deno task oracle:mutant`: the test of the oracle. Copies the Coq sources into
 * `proofs/_build/mutant/`, changes one rule of the Coq lexer ({@linkcode MUTATION}), builds and
 * extracts the copy and compiles its driver, then runs the oracle with that driver and with the
 * real one on the same texts: the mutant must differ where the real extracted lexer agrees. Exit status: 0 the mutant was caught, 1 it was
 * not, 2 usage error or the mutant could not be made or built.
 *
 * @module
 */

import { join } from "@std/path";
import { generateDocument } from "../fuzz/document_generator.ts";
import { parseInteger, parseOptions } from "../_tools/options.ts";
import { describeError } from "../_tools/run_main.ts";
import { deriveSeed, Sfc32 } from "../_tools/sfc32.ts";
import { ExitCode, UsageError } from "../_tools/usage_error.ts";
import { BUILD_DIR, buildExtraction, DRIVER_SOURCE } from "./extraction.ts";
import { startDriver } from "./oracle_driver.ts";
import { ORACLE_DRIVER } from "./oracle.ts";
import { runOracle } from "./oracle_run.ts";
import { runCommand } from "./run_command.ts";
import { COQ_PROJECT, parseCoqProject } from "./verify.ts";

/** Where the mutant is built (inside the git-ignored build folder of the proofs). */
export const MUTANT_DIR = `proofs/${BUILD_DIR}/mutant`;

/**
 * The mutant's driver (the task's `--allow-run` entry). Outside {@linkcode MUTANT_DIR}: Deno
 * refuses to remove a folder that holds a program the process may run.
 */
export const MUTANT_DRIVER = `proofs/${BUILD_DIR}/mutant-oracle`;

/** One rule changed in the Coq source: `find` must occur exactly once in `file`. */
export interface Mutation {
  /** The `.v` file, relative to the proofs directory. */
  readonly file: string;
  /** The text replaced. */
  readonly find: string;
  /** What replaces it. */
  readonly replace: string;
  /** What the change does to the lexer. */
  readonly description: string;
}

/** The mutation the task makes. */
export const MUTATION: Mutation = {
  file: "Lexer.v",
  find: "else if cat =? CAT_COMMENT then (emit K_COMMENT (length rest) m w, length rest)",
  replace: "else if (cat =? CAT_COMMENT) && negb m then " +
    "(emit K_COMMENT (length rest) m w, length rest)",
  description: "% does not start a comment inside math",
};

/** Texts that exercise the mutated rule, checked before the generated documents. */
const SEED_TEXTS = ["$a % b$ % c\n\\[ x % y \\] 50\\% & z\n", "a & b % c\n"];

const HELP = `Usage: deno task oracle:mutant [--documents N]

The test of the oracle: builds a mutant of the Coq lexer in ${MUTANT_DIR} (${MUTATION.file}:
${MUTATION.description}), extracts it and compiles its driver, and runs the oracle with it
on ${SEED_TEXTS.length} small texts and N generated documents (default 10) under every configuration,
and the oracle with the real extracted lexer (${ORACLE_DRIVER}, built by deno task verify)
on the same texts: the mutant must differ from the TypeScript lexer on checks where the real
extracted lexer does not.

Exit status: 0 the oracle caught the mutant, 1 it did not, 2 usage error or the mutant could
not be made or built.`;

/**
 * Applies a mutation to a source text.
 *
 * @param text The source.
 * @param m The mutation.
 * @returns The mutated source.
 * @throws {UsageError} When `m.find` does not occur exactly once.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { mutate } from "./oracle_mutant.ts";
 * const m = { file: "L.v", find: "37", replace: "38", description: "" };
 * assertEquals(mutate("if c = 37", m), "if c = 38");
 * ```
 */
export function mutate(text: string, m: Mutation): string {
  const n = text.split(m.find).length - 1;
  if (n !== 1) {
    throw new UsageError(
      `the mutation no longer applies: ${JSON.stringify(m.find)} occurs ${n} times in ` +
        `${m.file} (expected once); update MUTATION in verify/oracle_mutant.ts`,
    );
  }
  return text.replace(m.find, m.replace);
}

function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

async function buildMutant(): Promise<void> {
  await Deno.remove(MUTANT_DIR, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  await Deno.mkdir(join(MUTANT_DIR, "oracle"), { recursive: true });
  for (const e of Deno.readDirSync("proofs")) {
    if (e.isFile && (e.name.endsWith(".v") || e.name === COQ_PROJECT)) {
      await Deno.copyFile(join("proofs", e.name), join(MUTANT_DIR, e.name));
    }
  }
  await Deno.copyFile(join("proofs", DRIVER_SOURCE), join(MUTANT_DIR, DRIVER_SOURCE));
  const file = join(MUTANT_DIR, MUTATION.file);
  await Deno.writeTextFile(file, mutate(await Deno.readTextFile(file), MUTATION));
  const project = parseCoqProject(await Deno.readTextFile(join(MUTANT_DIR, COQ_PROJECT)));
  const mk = await runCommand("coq_makefile", ["-f", COQ_PROJECT, "-o", "Makefile.coq"], {
    cwd: MUTANT_DIR,
  });
  if (mk.code !== 0) throw new UsageError(`coq_makefile failed:\n${tail(mk.stderr)}`);
  const make = await runCommand("make", ["-f", "Makefile.coq"], { cwd: MUTANT_DIR });
  if (make.code !== 0) {
    throw new UsageError(`the mutant does not build:\n${tail(make.stdout + make.stderr)}`);
  }
  const x = await buildExtraction(MUTANT_DIR, project.flags, "../../mutant-oracle");
  if (x.failures.length > 0) throw new UsageError(x.failures.join("\n"));
}

async function run(argv: readonly string[]): Promise<number> {
  const o = parseOptions(argv, { string: ["documents"], boolean: ["help"], alias: { h: "help" } });
  if (o.flags.help) {
    console.log(HELP);
    return ExitCode.Ok;
  }
  const documents = o.strings.documents === undefined
    ? 10
    : parseInteger("documents", o.strings.documents, { min: 0, max: 10_000 });
  const t0 = performance.now();
  console.error(`oracle:mutant: building the mutant in ${MUTANT_DIR} (${MUTATION.description})`);
  await buildMutant();
  const built = (performance.now() - t0) / 1000;
  const texts = [
    ...SEED_TEXTS.map((text, i) => ({ source: `sample ${i}`, read: () => text })),
    ...Array.from({ length: documents }, (_, i) => ({
      source: `generated #${i} (seed 1)`,
      read: () => generateDocument(new Sfc32(deriveSeed(1, i))).text,
    })),
  ];
  // The checks on which each lexer differs from TypeScript; the mutant counts as caught on the
  // checks where the real extracted lexer agrees and the mutant does not.
  const differing = async (program: string) => {
    const coq = startDriver(program);
    try {
      const r = await runOracle({ coq, texts, seed: 1, maxShrinks: 1 });
      const extracted = r.differences.filter((d) => d.kind !== "incremental");
      return { r, extracted, keys: new Set(extracted.map((d) => `${d.source}\n${d.config}`)) };
    } finally {
      await coq.close();
    }
  };
  const base = await differing(ORACLE_DRIVER);
  const mutant = await differing(MUTANT_DRIVER);
  const caught = mutant.extracted.filter((d) => !base.keys.has(`${d.source}\n${d.config}`));
  const checks = mutant.r.checks;
  console.log(
    `oracle:mutant: ${caught.length > 0 ? "CAUGHT" : "NOT CAUGHT"}: the mutant differs on ` +
      `${caught.length} of the ${checks - base.keys.size} checks (of ${checks}) where the ` +
      `extracted lexer agrees (build ${built.toFixed(1)} s, total ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const constructs = new Map<string, number>();
  for (const d of caught) constructs.set(d.construct, (constructs.get(d.construct) ?? 0) + 1);
  for (const [c, n] of [...constructs].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    console.log(`  ${n}x ${c}`);
  }
  const first = caught.find((d) => d.shrunk_line !== undefined) ?? caught[0];
  if (first !== undefined) {
    console.log(`  e.g. ${first.source}, config ${first.config}: ${first.detail}`);
  }
  return caught.length > 0 ? ExitCode.Ok : ExitCode.Problem;
}

/**
 * Runs the command line.
 *
 * @param argv The arguments after the script name.
 * @returns The exit status.
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    console.error(`oracle:mutant: error: ${describeError(e)}`);
    return ExitCode.Usage;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
