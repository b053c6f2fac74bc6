/**
 * `deno task oracle`: the differential oracle. Runs the lexer extracted from Coq (the OCaml
 * driver `proofs/_build/oracle`, built by `deno task verify`) and the TypeScript lexer on the
 * same texts under every configuration of the options, and compares them token for token and
 * state for state at every line start. Exit status: 0 they agree, 1 differences, 2 usage or
 * input error (also: the driver is not built).
 *
 * @module
 */

import { resolve } from "@std/path";
import { generateDocument } from "../fuzz/document_generator.ts";
import { isCorpusFile, sharedCorpus } from "../_tools/corpus.ts";
import { parseInteger, parseOptions } from "../_tools/options.ts";
import { checkOutputPath } from "../_tools/output_path.ts";
import { describeError } from "../_tools/run_main.ts";
import { deriveSeed, freshSeed, MAX_SEED, Sfc32 } from "../_tools/sfc32.ts";
import { PROJECT_ROOT, SHARED_HINT, sharedPath } from "../_tools/shared_dir.ts";
import { ExitCode, UsageError } from "../_tools/usage_error.ts";
import { DRIVER_PROGRAM } from "./extraction.ts";
import {
  extractedOutcome,
  type LineOutcome,
  ORACLE_CONFIGS,
  type OracleConfig,
  sameOutcome,
  typescriptOutcome,
} from "./oracle_check.ts";
import { DriverMissingError, type ExtractedLexer, startDriver } from "./oracle_driver.ts";
import { flatOutcome, readRegression } from "./oracle_regression.ts";
import { buildReport, type OracleReport } from "./oracle_report.ts";
import { type OracleText, runOracle, TRACE_STRIDE } from "./oracle_run.ts";

/** The driver the task runs (its only `--allow-run` entry). */
export const ORACLE_DRIVER = `proofs/${DRIVER_PROGRAM}`;

/** Generated documents by default. */
export const DEFAULT_DOCUMENTS = 100;

const HELP = `Usage: deno task oracle [--files PATH...] [--documents N] [--seed N] [--report PATH]
                        [--config NAME]... [--no-corpus] [--no-traces]
       deno task oracle --replay FILE

Runs the lexer extracted from Coq (${ORACLE_DRIVER}, built by deno task verify) and the
TypeScript lexer on the same texts under ${ORACLE_CONFIGS.length} configurations (every combination of
atLetter, explSyntax and docTeX, without and with an extra verbatim and math environment) and
compares them token for token (kind, line, column, length, math flag) and state for state
(encodings) at every line start. It also checks the incremental lexer, with intra-line
checkpoints every few code units, against batch on each text. A difference is shrunk to one
line and a start state, printed with the command that replays it, and saved as a regression
file in verify/oracle_regressions/ that deno task test replays against the TypeScript lexer.

Inputs, without --files: every file of ../shared/corpus, the final text and every
${TRACE_STRIDE}th intermediate text of each trace in ../shared/traces, and --documents generated
documents (the fuzzer's generator).

Options:
  --files PATH...   only these files or folders (inside the checkout; folders: their
                    .tex/.sty/.cls/.dtx/.ltx files, recursively)
  --documents N     generated documents (default ${DEFAULT_DOCUMENTS}; 0 for none; not with --files)
  --seed N          seed of the generated documents and of the incremental edits (default:
                    random, printed)
  --config NAME     only this configuration (repeatable; names: default, at-letter, expl,
                    doctex, envs and their combinations joined by +, e.g. at-letter+doctex)
  --no-corpus       skip ../shared/corpus
  --no-traces       skip ../shared/traces
  --report PATH     the JSON report (default oracle_report.json)
  --replay FILE     replay one regression file against both lexers
  -h, --help        this help

Exit status: 0 the lexers agree, 1 differences, 2 usage or input error (also when the
driver is not built: run deno task verify).`;

interface Args {
  files: string[];
  configs: OracleConfig[];
  documents: number;
  seed: number;
  corpus: boolean;
  traces: boolean;
  report: string;
  replay: string | undefined;
}

function parseArgs(argv: readonly string[]): Args | "help" {
  const o = parseOptions(argv, {
    string: ["documents", "seed", "report", "replay"],
    collect: ["files", "config"],
    boolean: ["help", "corpus", "traces"],
    negatable: ["corpus", "traces"],
    alias: { h: "help" },
    maxPositional: Number.MAX_SAFE_INTEGER,
  });
  if (o.flags.help) return "help";
  const files = [...o.lists.files!];
  // `--files a b c`: the words after --files are files too.
  if (o.positional.length > 0) {
    if (files.length === 0) {
      throw new UsageError(`unexpected argument ${o.positional[0]} (files go after --files)`);
    }
    files.push(...o.positional);
  }
  if (files.length > 0 && o.strings.documents !== undefined) {
    throw new UsageError("--documents does not go with --files");
  }
  for (const f of files) {
    const path = resolve(f);
    if (!(path + "/").startsWith(PROJECT_ROOT) && path + "/" !== PROJECT_ROOT) {
      throw new UsageError(`--files ${f}: not inside the checkout (${PROJECT_ROOT})`);
    }
  }
  const names = o.lists.config!;
  for (const n of names) {
    if (!ORACLE_CONFIGS.some((c) => c.name === n)) {
      throw new UsageError(
        `--config ${n}: not a configuration (${ORACLE_CONFIGS.map((c) => c.name).join(", ")})`,
      );
    }
  }
  return {
    files,
    configs: names.length === 0
      ? [...ORACLE_CONFIGS]
      : ORACLE_CONFIGS.filter((c) => names.includes(c.name)),
    documents: o.strings.documents === undefined
      ? (files.length > 0 ? 0 : DEFAULT_DOCUMENTS)
      : parseInteger("documents", o.strings.documents, { min: 0, max: 1_000_000 }),
    seed: o.strings.seed === undefined
      ? freshSeed()
      : parseInteger("seed", o.strings.seed, { min: 0, max: MAX_SEED }),
    corpus: files.length === 0 && o.flags.corpus !== false,
    traces: files.length === 0 && o.flags.traces !== false,
    report: o.strings.report ?? "oracle_report.json",
    replay: o.strings.replay,
  };
}

/** The files of a path: itself, or a folder's LaTeX files, recursively, sorted. */
function filesOf(path: string): string[] {
  let info;
  try {
    info = Deno.statSync(path);
  } catch (e) {
    throw new UsageError(`--files ${path}: ${describeError(e)}`);
  }
  if (info.isFile) return [path];
  const out: string[] = [];
  for (const entry of Deno.readDirSync(path)) {
    const p = `${path.replace(/\/$/, "")}/${entry.name}`;
    if (entry.isDirectory) out.push(...filesOf(p));
    else if (entry.isFile && isCorpusFile(entry.name)) out.push(p);
  }
  return out.sort();
}

function showOutcome(o: LineOutcome): string {
  const t: string[] = [];
  for (let j = 0; j < o.tokens.length; j += 3) t.push(o.tokens.slice(j, j + 3).join(":"));
  return `tokens (kind:length:math) ${t.join(" ") || "none"}; end state [${o.end.join(",")}]`;
}

async function replay(path: string, coq: ExtractedLexer): Promise<number> {
  const { regression, case: c } = await readRegression(path).catch((e) => {
    throw new UsageError(`--replay ${path}: ${describeError(e)}`);
  });
  const ts = typescriptOutcome(c);
  if (ts === undefined) {
    throw new UsageError(`--replay ${path}: the TypeScript lexer refuses the start state`);
  }
  const ex = await extractedOutcome(coq, c);
  console.log(`oracle: replay ${path} (${regression.construct}, config ${c.config.name})`);
  console.log(`  line        ${JSON.stringify(c.line)}`);
  console.log(`  start state [${regression.start_state.join(",")}]`);
  console.log(`  TypeScript  ${showOutcome(ts)}`);
  console.log(`  extracted   ${showOutcome(ex)}`);
  const pinned = sameOutcome(ts, flatOutcome(regression.expected));
  console.log(`  expected    ${pinned ? "TypeScript still gives it" : "TypeScript now differs"}`);
  const agree = sameOutcome(ts, ex);
  console.log(`  ${agree ? "the lexers agree" : "the lexers differ"}`);
  return agree ? ExitCode.Ok : ExitCode.Problem;
}

function summary(r: OracleReport, reportPath: string): string {
  const pct = (r.agreement.fraction * 100).toFixed(r.agreement.fraction === 1 ? 0 : 3);
  const out = [
    `oracle: ${r.passed ? "PASS" : "FAIL"}: ${
      r.texts.toLocaleString("en-US")
    } texts x ${r.configs.length} configs = ${r.checks.toLocaleString("en-US")} checks, ` +
    `${r.lines.toLocaleString("en-US")} lines, ${r.tokens.toLocaleString("en-US")} tokens compared`,
    `  agreement: ${r.agreement.checks_agreeing.toLocaleString("en-US")}/${
      r.checks.toLocaleString("en-US")
    } checks (${pct}%)`,
    `  differences: ${r.difference_count} extracted vs TypeScript, ` +
    `${r.incremental_difference_count} incremental vs batch`,
  ];
  for (const b of r.by_construct.slice(0, 20)) out.push(`    ${b.count}x ${b.construct}`);
  for (const d of r.differences.filter((x) => x.replay !== undefined).slice(0, 10)) {
    out.push(`  ${d.construct}: ${d.source}, config ${d.config}, line ${d.line + 1}`);
    out.push(`    shrunk: line ${JSON.stringify(d.shrunk_line)} from [${d.shrunk_state}]`);
    out.push(`    replay: ${d.replay}`);
  }
  const t = r.timing;
  out.push(
    `  extracted lexer: ${(t.extracted_units / 1e6).toFixed(1)} M code units in ` +
      `${t.extracted_s.toFixed(1)} s = ${t.extracted_mb_per_s.toFixed(2)} MB/s; ` +
      `total ${t.total_s.toFixed(1)} s; seed ${r.seed}`,
  );
  out.push(`  report: ${reportPath}`);
  return out.join("\n");
}

async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === "help") {
    console.log(HELP);
    return ExitCode.Ok;
  }
  if (args.replay === undefined) checkOutputPath(args.report, "--report");
  const coq = startDriver(ORACLE_DRIVER);
  try {
    if (args.replay !== undefined) return await replay(args.replay, coq);
    const started = new Date().toISOString();
    const t0 = performance.now();
    const texts: OracleText[] = [];
    const read = (path: string) => () => Deno.readTextFile(path);
    const given = args.files.flatMap(filesOf);
    for (const path of given) texts.push({ source: path, read: read(path) });
    let corpus = 0;
    if (args.corpus) {
      const files = sharedCorpus();
      if (files.length === 0) console.error(`oracle: ${SHARED_HINT}; no corpus files`);
      for (const f of files) texts.push({ source: `corpus/${f.name}`, read: read(f.path) });
      corpus = files.length;
    }
    for (let i = 0; i < args.documents; i++) {
      texts.push({
        source: `generated #${i} (seed ${args.seed})`,
        read: () => generateDocument(new Sfc32(deriveSeed(args.seed, i))).text,
      });
    }
    const traces: string[] = [];
    if (args.traces) {
      const dir = sharedPath("traces");
      if (dir === undefined) console.error(`oracle: ${SHARED_HINT}; no traces`);
      else {
        for (const e of Deno.readDirSync(dir)) {
          if (e.isFile && e.name.endsWith(".json.gz")) traces.push(`${dir}/${e.name}`);
        }
        traces.sort();
      }
    }
    console.error(
      `oracle: seed ${args.seed}; ${given.length + corpus} files, ${args.documents} generated ` +
        `documents, ${traces.length} traces; ${args.configs.length} configs`,
    );
    const result = await runOracle({
      coq,
      texts,
      traces,
      configs: args.configs,
      seed: args.seed,
      regressionsRoot: ".",
      onProgress: (m) => console.error(`oracle: ${m}`),
    });
    const report = buildReport(result, {
      startedAt: started,
      command: `deno task oracle ${argv.join(" ")}`.trim(),
      driver: ORACLE_DRIVER,
      seed: args.seed,
      configs: args.configs.map((c) => c.name),
      inputs: {
        corpus_files: corpus,
        trace_texts: result.traceTexts,
        generated_documents: args.documents,
        given_files: given.length,
      },
      files: given.length + corpus + traces.length,
      totalSeconds: (performance.now() - t0) / 1000,
    });
    await Deno.writeTextFile(args.report, JSON.stringify(report, null, 2) + "\n");
    console.log(summary(report, args.report));
    return report.passed ? ExitCode.Ok : ExitCode.Problem;
  } finally {
    await coq.close();
  }
}

/**
 * Runs the command line. Usage errors print one line and give exit status 2.
 *
 * @param argv The arguments after the script name.
 * @returns The exit status.
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    const hint = e instanceof UsageError ? " (deno task oracle --help)" : "";
    const message = e instanceof DriverMissingError ? e.message : describeError(e);
    console.error(`oracle: error: ${message}${hint}`);
    return ExitCode.Usage;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
