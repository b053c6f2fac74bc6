/**
 * Command-line options of `deno task fuzz`: parsing, validation, help text, and the command
 * line that reruns a campaign.
 *
 * @module
 */

import { parseInteger, parseOptions } from "../_tools/options.ts";
import { MAX_SEED } from "../_tools/sfc32.ts";
import { UsageError } from "../_tools/usage_error.ts";
import { DEFAULT_EPISODE_EDITS } from "./campaign.ts";
import { parseShard, type Shard, WHOLE } from "./shard.ts";

/** Defaults of the campaign options. */
export const DEFAULTS = Object.freeze({
  iterations: 100_000,
  checkEvery: 1_000,
  report: "fuzz_report.json",
  targetLines: 200,
  episodeEdits: DEFAULT_EPISODE_EDITS,
  regressionsDir: "fuzz/regressions",
});

/** A parsed campaign command. */
export interface CampaignArgs {
  /** Discriminant. */
  kind: "campaign";
  /** `--seed`, or `null` for a fresh one. */
  seed: number | null;
  /** `--iterations`, or `null` (the default: 100,000, or a whole trace). */
  iterations: number | null;
  /** `--check-every`. */
  checkEvery: number;
  /** `--report`. */
  report: string;
  /** `--corpus`, or `null`. */
  corpus: string | null;
  /** `--trace`, or `null`. */
  trace: string | null;
  /** `--shard`. */
  shard: Shard;
  /** `--time-limit` in seconds, or `null`. */
  timeLimitSeconds: number | null;
  /** `--lines`: lines of a generated document. */
  targetLines: number;
  /** `--episode-edits`. */
  episodeEdits: number;
  /** `--regressions`: where failures are saved. */
  regressionsDir: string;
  /** `--quiet`: no progress line. */
  quiet: boolean;
}

/** A parsed command line. */
export type CliArgs =
  | { kind: "help" }
  | { kind: "replay"; file: string }
  | CampaignArgs;

/** The `--help` text. */
export const HELP = `deno task fuzz: equivalence fuzzing of the incremental lexer

Applies random edits to incremental lexers and checks, every --check-every edits and at the end
of each episode, that every line's tokens and start state equal a batch lex of the same text.
One iteration is one edit (plus a cheap length/line-count check). Failures are shrunk to a
minimal case and saved to fuzz/regressions/; the run goes on with a fresh document.

Usage:
  deno task fuzz [options]
  deno task fuzz --replay FILE

Options:
  --iterations N      edits in the whole campaign (default 100000; with --trace: the whole trace)
  --seed N            campaign seed, 0-${MAX_SEED} (default: a fresh one, printed and recorded)
  --check-every N     edits between full equivalence checks (default 1000)
  --report PATH       where to write the JSON report (default fuzz_report.json)
  --corpus DIR        start documents from the LaTeX files in DIR (e.g. ../shared/corpus)
  --trace FILE        use a recorded editing trace (.json or .json.gz) as the edit stream
  --shard I/N         run slice I of N of the campaign (merge reports with deno task fuzz:merge)
  --time-limit T      stop after T seconds (also 90s, 10m, 1h); the report says stopped_early
  --lines N           lines of a generated document (default 200)
  --episode-edits N   edits per episode: each episode starts a fresh document (default 5000)
  --regressions DIR   where to save failures (default fuzz/regressions)
  --replay FILE       replay one saved regression, checking after every edit
  --quiet             no progress line on stderr
  --help              this text

Exit codes: 0 no failure (replay: the case passes), 1 failures found (replay: it still fails),
2 usage or input error (bad option, unreadable corpus, trace or regression file, a report path
the task may not write: checked before the campaign starts).

Permissions: the task may read the project and ../shared, and write only fuzz_report.json,
fuzz/reports/ and fuzz/regressions/. For other paths run it yourself, e.g.
  deno run --allow-read=.,/data --allow-write=/out,fuzz/regressions fuzz/main.ts --report /out/r.json
`;

function integer(name: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  return parseInteger(name, value, { min, max });
}

/**
 * Parses a duration: seconds, or a number with `s`, `m` or `h`.
 *
 * @param text For example `"90"`, `"1.5m"`, `"2h"`.
 * @returns Seconds.
 * @throws {UsageError} When the text is not a positive duration.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseDuration } from "./cli_args.ts";
 * assertEquals(parseDuration("1.5m"), 90);
 * ```
 */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  const seconds = m ? Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[m[2] as "s" | "m" | "h"] ?? 1) : NaN;
  if (!(seconds > 0)) {
    throw new UsageError(
      `--time-limit: "${text}" is not a positive duration (e.g. 90, 90s, 10m, 1h)`,
    );
  }
  return seconds;
}

const STRINGS = [
  "iterations",
  "seed",
  "check-every",
  "report",
  "corpus",
  "trace",
  "shard",
  "time-limit",
  "lines",
  "episode-edits",
  "regressions",
  "replay",
] as const;

/**
 * Parses the command line.
 *
 * @param args `Deno.args`.
 * @returns The command.
 * @throws {UsageError} For unknown options, bad values, or options that do not go together.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCli } from "./cli_args.ts";
 * const a = parseCli(["--seed", "7", "--shard", "2/4"]);
 * assertEquals(a.kind === "campaign" && [a.seed, a.shard], [7, { index: 2, count: 4 }]);
 * ```
 */
export function parseCli(args: readonly string[]): CliArgs {
  const a = parseOptions(args, { string: [...STRINGS], boolean: ["help", "quiet"] });
  if (a.flags.help) return { kind: "help" };
  const str = (name: string): string | null => a.strings[name] ?? null;
  const replay = str("replay");
  if (replay !== null) {
    const others = STRINGS.filter((n) => n !== "replay" && str(n) !== null);
    if (others.length > 0) throw new UsageError(`--replay cannot be combined with --${others[0]}`);
    return { kind: "replay", file: replay };
  }
  const corpus = str("corpus"), trace = str("trace");
  if (corpus !== null && trace !== null) {
    throw new UsageError("--corpus and --trace cannot be combined: choose one source of edits");
  }
  const opt = <T>(name: string, parse: (v: string) => T, fallback: T): T => {
    const v = str(name);
    return v === null ? fallback : parse(v);
  };
  return {
    kind: "campaign",
    seed: opt("seed", (v) => integer("seed", v, 0, MAX_SEED), null),
    iterations: opt("iterations", (v) => integer("iterations", v, 1), null),
    checkEvery: opt("check-every", (v) => integer("check-every", v, 1), DEFAULTS.checkEvery),
    report: opt("report", (v) => v, DEFAULTS.report),
    corpus,
    trace,
    shard: opt("shard", (v) => {
      try {
        return parseShard(v);
      } catch (e) {
        throw new UsageError(`--shard: ${(e as Error).message}`);
      }
    }, WHOLE),
    timeLimitSeconds: opt("time-limit", parseDuration, null),
    targetLines: opt("lines", (v) => integer("lines", v, 1, 1_000_000), DEFAULTS.targetLines),
    episodeEdits: opt(
      "episode-edits",
      (v) => integer("episode-edits", v, 1),
      DEFAULTS.episodeEdits,
    ),
    regressionsDir: opt("regressions", (v) => v, DEFAULTS.regressionsDir),
    quiet: a.flags.quiet === true,
  };
}

/**
 * The command line that reruns a campaign with the same seed and options.
 *
 * @param c The parsed campaign (with the seed and iteration count it ran with).
 * @returns The command, starting with `deno task fuzz`.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { campaignCommand, parseCli } from "./cli_args.ts";
 * const a = parseCli(["--shard", "2/4"]);
 * if (a.kind === "campaign") {
 *   assertEquals(campaignCommand({ ...a, seed: 5, iterations: 100 }), "deno task fuzz --seed 5 --iterations 100 --shard 2/4");
 * }
 * ```
 */
export function campaignCommand(c: CampaignArgs & { seed: number; iterations: number }): string {
  const parts = ["deno task fuzz", `--seed ${c.seed}`, `--iterations ${c.iterations}`];
  if (c.checkEvery !== DEFAULTS.checkEvery) parts.push(`--check-every ${c.checkEvery}`);
  if (c.corpus !== null) parts.push(`--corpus ${quote(c.corpus)}`);
  if (c.trace !== null) parts.push(`--trace ${quote(c.trace)}`);
  if (c.shard.count > 1) parts.push(`--shard ${c.shard.index}/${c.shard.count}`);
  if (c.timeLimitSeconds !== null) parts.push(`--time-limit ${c.timeLimitSeconds}`);
  if (c.targetLines !== DEFAULTS.targetLines) parts.push(`--lines ${c.targetLines}`);
  if (c.episodeEdits !== DEFAULTS.episodeEdits) parts.push(`--episode-edits ${c.episodeEdits}`);
  if (c.report !== DEFAULTS.report) parts.push(`--report ${quote(c.report)}`);
  if (c.regressionsDir !== DEFAULTS.regressionsDir) {
    parts.push(`--regressions ${quote(c.regressionsDir)}`);
  }
  return parts.join(" ");
}

/**
 * Quotes a path for a POSIX shell when it needs it.
 *
 * @param s The path.
 * @returns The path, single-quoted if it has characters a shell would interpret.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { quote } from "./cli_args.ts";
 * assertEquals([quote("a/b.json"), quote("my file")], ["a/b.json", "'my file'"]);
 * ```
 */
export function quote(s: string): string {
  return /^[\w./:@%+,=-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}
