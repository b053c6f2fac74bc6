/**
 * `deno task bench:complexity`: the growth exponent of lexing one long line of each adversarial
 * shape (issue 10), with a JSON report; exit 1 when an exponent exceeds the maximum.
 *
 * ```sh
 * deno task bench:complexity                 # 16 KB to 1 MB, fitted on 64 KB to 1 MB
 * deno task bench:complexity --quick         # a few seconds, for .ci/run
 * deno task bench:complexity --shapes lstinline_bracket,verb --api lexDocument,edit
 * ```
 *
 * @module
 */

import { ADVERSARIAL_SHAPES } from "../fuzz/adversarial_shapes.ts";
import {
  type CliIo,
  CONSOLE_IO,
  ensureParent,
  intOption,
  numberOption,
  parseProgram,
  requirePermission,
  UsageError,
} from "./cli_io.ts";
import {
  COMPLEXITY_APIS,
  type ComplexityApi,
  type ComplexityOptions,
  DEFAULT_MAX_EXPONENT,
  formatComplexity,
  runComplexity,
} from "./complexity_suite.ts";
import { gitCommit } from "../_tools/git_commit.ts";
import { machineInfo } from "./machine_info.ts";
import { PROJECT_ROOT } from "../_tools/shared_dir.ts";

/** The default report path (ignored by git). */
export const DEFAULT_COMPLEXITY_REPORT = ".perf/complexity.json";

const FULL_SIZES_KB = [16, 32, 64, 128, 256, 512, 1024];
const QUICK_SIZES_KB = [64, 256, 1024];

/**
 * The timed runs per size of `--quick`, fitted on their minimum: with 5, one series in 19 came out
 * at 1.20 once on a quiet machine (0.80-0.95 in reruns), from a slow run at every size of one end.
 */
export const QUICK_RUNS = 9;
/**
 * The shapes `--quick` times: the commands with a look-ahead (the quadratic ones of issue 10)
 * and the catcode forms. Sizes below 64 KB and a 4x step from 128 to 512 KB gave exponents up to
 * 1.5 on linear shapes in a process that had lexed many long lines (GC and cache effects), so the
 * quick mode keeps the full mode's range and trims the shapes instead.
 */
const QUICK_SHAPES = ADVERSARIAL_SHAPES.filter((s) =>
  /_bracket|_brace$|^catcode_|^mintinline_language$/.test(s.name) && !/^math_/.test(s.name)
);

const HELP = `deno task bench:complexity [options]

For every adversarial shape (fuzz/adversarial_shapes.ts: each command with a look-ahead, each
verbatim and catcode form, ^^, groups, math shifts, comments, control words), builds one-line
documents by repeating the shape with its closer and without it, times lexing them (CPU time of
the process, --runs in rounds over the sizes), fits the growth exponent (log-log least squares of
the median time against length) and exits 1 when any exponent exceeds --max-exponent.

Options:
  --sizes LIST         line lengths in KB (default ${FULL_SIZES_KB.join(",")})
  --fit-from KB        fit the exponent on sizes from this one (default 64)
  --runs N             timed runs per size, in rounds over the sizes (default 5)
  --statistic S        median or min of the runs, the figure fitted (default median; --quick
                       takes min: with few runs on a busy machine a median still holds outliers)
  --api LIST           what is timed: ${
  COMPLEXITY_APIS.join(", ")
} (default lexDocument,incremental;
                       edit = one character typed mid-line in an IncrementalLexer)
  --shapes LIST        only these shapes (default all ${ADVERSARIAL_SHAPES.length})
  --max-exponent X     the largest exponent that passes (default ${DEFAULT_MAX_EXPONENT})
  --budget-ms MS       skip a series' larger sizes once a first run exceeds this (and repeat no
                       run over it); the exponent is then fitted on the sizes measured, at
                       least two always (default 4000)
  --quick              sizes ${
  QUICK_SIZES_KB.join(",")
}, ${QUICK_RUNS} runs, minimum, lexDocument only, the ${QUICK_SHAPES.length} look-ahead
                       and catcode shapes, budget
                       250 ms (a few seconds in all)
  --report PATH        JSON report (default ${DEFAULT_COMPLEXITY_REPORT})
  --help               this text

Exit status: 0 when every exponent is within the maximum, 1 when one is not, 2 for a usage error.`;

function statisticOption(value: unknown): "median" | "min" {
  if (value === "median" || value === "min") return value;
  throw new UsageError(`--statistic must be median or min, got "${String(value)}"`);
}

function list(value: unknown): string[] {
  return String(value).split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * Runs the `bench:complexity` program.
 *
 * @param args The command-line arguments.
 * @param io Where to print.
 * @returns The exit status.
 *
 * @example A usage error
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const quiet = { out: () => {}, err: () => {} };
 * assertEquals(await main(["--api", "nope"], quiet), 2);
 * ```
 */
export async function main(args: string[], io: CliIo = CONSOLE_IO): Promise<number> {
  const parsed = parseProgram(args, io, {
    task: "complexity",
    help: HELP,
    boolean: ["help", "quick"],
    string: [
      "sizes",
      "fit-from",
      "runs",
      "api",
      "shapes",
      "max-exponent",
      "budget-ms",
      "statistic",
      "report",
    ],
  }, (flags) => {
    const quick = flags.quick;
    const sizesKb = flags.sizes !== undefined
      ? list(flags.sizes).map((s) => intOption("sizes", s, 1)).sort((a, b) => a - b)
      : quick
      ? QUICK_SIZES_KB
      : FULL_SIZES_KB;
    if (sizesKb.length < 2) throw new UsageError("--sizes needs at least two sizes");
    const apis = flags.api !== undefined
      ? list(flags.api)
      : quick
      ? ["lexDocument"]
      : ["lexDocument", "incremental"];
    for (const a of apis) {
      if (!(COMPLEXITY_APIS as readonly string[]).includes(a)) {
        throw new UsageError(
          `--api: unknown API "${a}" (choose from ${COMPLEXITY_APIS.join(", ")})`,
        );
      }
    }
    let shapes = quick ? QUICK_SHAPES : ADVERSARIAL_SHAPES;
    if (flags.shapes !== undefined) {
      const names = list(flags.shapes);
      for (const n of names) {
        if (!ADVERSARIAL_SHAPES.some((s) => s.name === n)) {
          throw new UsageError(`--shapes: unknown shape "${n}"`);
        }
      }
      shapes = ADVERSARIAL_SHAPES.filter((s) => names.includes(s.name));
    }
    const reportPath = String(flags.report ?? DEFAULT_COMPLEXITY_REPORT);
    requirePermission("write", reportPath, "--report");
    const options: ComplexityOptions = {
      shapes,
      apis: apis as ComplexityApi[],
      sizesKb,
      fitFromKb: flags["fit-from"] !== undefined ? intOption("fit-from", flags["fit-from"], 1) : 64,
      runs: flags.runs !== undefined ? intOption("runs", flags.runs, 1) : quick ? QUICK_RUNS : 5,
      statistic: flags.statistic !== undefined
        ? statisticOption(flags.statistic)
        : quick
        ? "min"
        : "median",
      maxExponent: flags["max-exponent"] !== undefined
        ? numberOption("max-exponent", flags["max-exponent"])
        : DEFAULT_MAX_EXPONENT,
      budgetMs: flags["budget-ms"] !== undefined
        ? numberOption("budget-ms", flags["budget-ms"])
        : quick
        ? 250
        : 4000,
      onProgress: (m) => io.err(`complexity: ${m}`),
    };
    return { options, reportPath };
  });
  if (!("settings" in parsed)) return parsed.status;
  const { options, reportPath } = parsed.settings;
  const commit = gitCommit(PROJECT_ROOT) ?? "unknown";
  io.err(
    `complexity: commit ${commit}, ${options.shapes.length} shapes x 2 forms x ${options.apis.length} API(s), sizes ${
      options.sizesKb.join(",")
    } KB, ${options.runs} runs`,
  );
  const started = performance.now();
  const result = runComplexity(options);
  const seconds = (performance.now() - started) / 1000;
  io.out(formatComplexity(result, options.maxExponent));
  const report = {
    schema_version: 1,
    date: new Date().toISOString(),
    commit,
    machine: machineInfo(),
    config: {
      sizes_kb: options.sizesKb,
      fit_from_kb: options.fitFromKb,
      runs: options.runs,
      apis: options.apis,
      max_exponent: options.maxExponent,
      budget_ms: options.budgetMs,
      statistic: `${options.statistic} of CPU time (process.cpuUsage, user + system) per call`,
    },
    seconds,
    max_exponent_found: result.max_exponent_found,
    passed: result.failures.length === 0,
    failures: result.failures.map((s) => ({
      shape: s.shape,
      form: s.form,
      api: s.api,
      exponent: s.exponent,
    })),
    series: result.series,
  };
  await ensureParent(reportPath);
  await Deno.writeTextFile(reportPath, JSON.stringify(report, null, 2) + "\n");
  io.err(`complexity: ${seconds.toFixed(1)} s; wrote ${reportPath}`);
  return result.failures.length === 0 ? 0 : 1;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
