/**
 * `deno task bench`: runs the `deno bench` programs of `bench/` with the task's flags, with
 * `--help` of its own.
 *
 * @module
 */

import { runDeno } from "../_tools/deno_wrapper.ts";

/** The fixed arguments of `deno bench`; the caller's come after. */
export const BENCH_ARGS: readonly string[] = ["bench", "--allow-read=../shared", "bench/"];

/** The `--help` text. */
export const BENCH_HELP = `deno task bench [deno bench options]

Runs the micro-benchmarks of bench/ with deno bench (medians and percentiles per group, ratios
to each group's baseline): batch throughput on generated documents and on the largest files of
../shared/corpus (skipped when it is absent), and edit latency of the incremental lexer.

Runs:
  deno ${BENCH_ARGS.join(" ")} [your arguments]

Examples:
  deno task bench --filter throughput      only the benchmarks whose name matches
  deno task bench --json > bench.json      machine-readable results

The performance suite with the strategy's targets, the JSON report and the history is a
different task: deno task perf --help. On a shared machine, run one benchmark at a time.

Exit status: deno bench's own: 0 every benchmark ran, 1 one failed.`;

if (import.meta.main) Deno.exit(await runDeno({ help: BENCH_HELP, args: BENCH_ARGS }, Deno.args));
