/**
 * Batch throughput of a checkout's lexer against the two references of `references.ts`, on the
 * strategy's 5 MB generated document: each API is timed right after the regex reference, over
 * 11 rounds (the first 2 dropped), and the median of the per-round ratios is printed, which
 * holds up better than absolute times on a shared machine; for wall time and for CPU time.
 *
 * ```sh
 * flock /tmp/heavy.lock deno run --allow-read bench/throughput_ratio.ts                # this checkout
 * flock /tmp/heavy.lock deno run --allow-read bench/throughput_ratio.ts ../wt-base/mod.ts tokenize
 * flock /tmp/heavy.lock deno run --allow-read bench/throughput_ratio.ts --file ../shared/corpus/x.tex
 * ```
 *
 * `--file PATH` times a file instead of the generated document, with the options the module
 * picks for its name (`lexerOptionsForPath`).
 *
 * @module
 */

import process from "node:process";
import { generateDocument } from "./generate_document.ts";
import { loopReference, regexReference } from "./references.ts";

/** The APIs a run can time. */
export const APIS = ["loop", "lexDocument", "tokenize", "IncrementalLexer"] as const;

/**
 * The median of a list.
 *
 * @param values The values.
 * @returns Their median (the upper one for an even count).
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { medianOf } from "./throughput_ratio.ts";
 * assertEquals(medianOf([3, 1, 2]), 2);
 * ```
 */
export function medianOf(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf("--file");
  const file = at >= 0 ? argv[at + 1] : undefined;
  const args = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv;
  const modPath = args[0] ?? new URL("../mod.ts", import.meta.url).href;
  const mod = await import(
    modPath.startsWith("file:") ? modPath : new URL(modPath, `file://${Deno.cwd()}/`).href
  );
  const text = file === undefined ? generateDocument(5 * 1024 * 1024) : Deno.readTextFileSync(file);
  const options = file === undefined ? {} : mod.lexerOptionsForPath(file);
  let scratch: Uint32Array = new Uint32Array(1024);
  const calls: Record<(typeof APIS)[number], () => unknown> = {
    loop: () => {
      scratch = loopReference(text, scratch).out;
    },
    lexDocument: () => mod.lexDocument(text, options),
    tokenize: () => mod.tokenize(text, options),
    IncrementalLexer: () => new mod.IncrementalLexer(text, options),
  };
  const names = args.length > 1 ? args.slice(1) as (typeof APIS)[number][] : [...APIS];
  // Wall and CPU time (user + system of the process): on a shared machine the CPU time is less
  // disturbed by other work, so both ratios are printed.
  const time = (f: () => unknown) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    f();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / 1000 };
  };
  for (const name of names) {
    const regex: number[] = [], api: number[] = [], ratio: number[] = [];
    const apiCpu: number[] = [], cpuRatio: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = time(() => regexReference(text));
      const a = time(calls[name]);
      if (i < 2) continue;
      regex.push(r.wall);
      api.push(a.wall);
      ratio.push(r.wall / a.wall);
      apiCpu.push(a.cpu);
      cpuRatio.push(r.cpu / a.cpu);
    }
    const ms = medianOf(api);
    console.log(
      `${name.padEnd(17)} ${ms.toFixed(1).padStart(8)} ms ${
        (text.length / 1048576 / (ms / 1000)).toFixed(1).padStart(6)
      } MiB/s   regex ${medianOf(regex).toFixed(1)} ms   x regex ${
        medianOf(ratio).toFixed(2)
      }   cpu ${medianOf(apiCpu).toFixed(1)} ms   cpu x regex ${medianOf(cpuRatio).toFixed(2)}`,
    );
  }
}

if (import.meta.main) await main(Deno.args);
