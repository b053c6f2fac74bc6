/**
 * Command-line options of every task, on `@std/cli`'s `parseArgs`, with the checks it leaves to
 * its callers: unknown options, a value-taking option given twice or without a value, numbers
 * that are not integers in range. `--opt value` and `--opt=value` both work, also for values that
 * start with a dash (`--seed -5` reports a bad seed, not a missing value).
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { UsageError } from "./usage_error.ts";

/** Which options a task takes. */
export interface OptionSpec {
  /** Options that take one value, at most once. @default [] */
  readonly string?: readonly string[];
  /** Options that take a value and may repeat (`--trace a --trace b`). @default [] */
  readonly collect?: readonly string[];
  /** Flags without a value. @default [] */
  readonly boolean?: readonly string[];
  /** Flags that also have a `--no-NAME` form (they must be listed in `boolean` too). @default [] */
  readonly negatable?: readonly string[];
  /** Short names, e.g. `{ h: "help" }`. @default {} */
  readonly alias?: Readonly<Record<string, string>>;
  /** How many positional arguments are allowed. @default 0 */
  readonly maxPositional?: number;
}

/** A parsed command line. */
export interface ParsedOptions {
  /** The value of a one-value option, or `undefined` when it was not given. */
  readonly strings: Readonly<Record<string, string | undefined>>;
  /** The values of a repeatable option, in order (empty when not given). */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  /** Each flag: `true` given, `false` given as `--no-NAME`, `undefined` not given. */
  readonly flags: Readonly<Record<string, boolean | undefined>>;
  /** The positional arguments. */
  readonly positional: readonly string[];
}

/**
 * Parses a command line.
 *
 * @param args The arguments (`Deno.args`).
 * @param spec The options the task takes.
 * @returns The options.
 * @throws {UsageError} For an unknown option, a missing or repeated value, or too many
 *   positional arguments.
 *
 * @example Both spellings of a value, and a value that starts with a dash
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { parseOptions } from "./options.ts";
 * import { UsageError } from "./usage_error.ts";
 * const spec = { string: ["seed", "report"], boolean: ["quiet"] };
 * const o = parseOptions(["--seed", "-5", "--report=r.json", "--quiet"], spec);
 * assertEquals([o.strings.seed, o.strings.report, o.flags.quiet], ["-5", "r.json", true]);
 * assertThrows(() => parseOptions(["--nope"], spec), UsageError, "unknown option --nope");
 * ```
 */
export function parseOptions(args: readonly string[], spec: OptionSpec): ParsedOptions {
  const strings = spec.string ?? [];
  const collect = spec.collect ?? [];
  const booleans = spec.boolean ?? [];
  const takesValue = new Set([...strings, ...collect]);
  const aliases = spec.alias ?? {};
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      joined.push(...args.slice(i));
      break;
    }
    const name = arg.startsWith("--")
      ? arg.slice(2)
      : arg.startsWith("-")
      ? aliases[arg.slice(1)]
      : undefined;
    const next = args[i + 1];
    // parseArgs would not take "-5" or "-" as a value: join it so the option's own check sees it.
    if (
      name !== undefined && takesValue.has(name) && next !== undefined && !next.startsWith("--")
    ) {
      joined.push(`--${name}=${next}`);
      i++;
    } else joined.push(arg);
  }
  const unknown: string[] = [];
  const parsed = parseArgs(joined, {
    string: [...strings, ...collect],
    boolean: [...booleans],
    collect: [...collect],
    negatable: [...(spec.negatable ?? [])],
    alias: { ...aliases },
    "--": true,
    unknown: (arg: string) => {
      if (arg.startsWith("-") && arg !== "-") {
        unknown.push(arg);
        return false;
      }
      return true;
    },
  }) as Record<string, unknown> & { _: unknown[]; "--"?: string[] };
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]!.split("=")[0]}`);
  const given = (name: string) =>
    joined.filter((a) => a === `--${name}` || a.startsWith(`--${name}=`)).length;
  const outStrings: Record<string, string | undefined> = {};
  for (const name of strings) {
    if (given(name) > 1) throw new UsageError(`--${name} given more than once`);
    const value = parsed[name];
    if (value === undefined) continue;
    if (value === "") throw new UsageError(`--${name} needs a value`);
    outStrings[name] = String(value);
  }
  const lists: Record<string, string[]> = {};
  for (const name of collect) {
    const values = ((parsed[name] ?? []) as unknown[]).map(String);
    if (values.includes("")) throw new UsageError(`--${name} needs a value`);
    lists[name] = values;
  }
  const flags: Record<string, boolean | undefined> = {};
  for (const name of booleans) {
    const mentioned = joined.some((a) =>
      a === `--${name}` || a === `--no-${name}` ||
      Object.entries(aliases).some(([short, long]) => long === name && a === `-${short}`)
    );
    flags[name] = mentioned ? parsed[name] === true : undefined;
  }
  const positional = [...parsed._.map(String), ...(parsed["--"] ?? [])];
  const max = spec.maxPositional ?? 0;
  if (positional.length > max) {
    throw new UsageError(
      max === 0
        ? `unexpected argument ${positional[0]}`
        : `at most ${max} argument${max === 1 ? "" : "s"} expected, got ${positional.join(" ")}`,
    );
  }
  return { strings: outStrings, lists, flags, positional };
}

/** Bounds of {@linkcode parseInteger}. */
export interface IntegerBounds {
  /** The smallest value allowed. @default 0 */
  readonly min?: number;
  /** The largest value allowed. @default Number.MAX_SAFE_INTEGER */
  readonly max?: number;
}

/**
 * Parses an integer option; `_` may group digits (`1_000_000`).
 *
 * @param name The option's name, for the message.
 * @param value The raw value.
 * @param bounds The range allowed.
 * @returns The integer.
 * @throws {UsageError} When the value is not an integer in range.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { parseInteger } from "./options.ts";
 * assertEquals(parseInteger("iterations", "1_000", { min: 1 }), 1000);
 * assertThrows(() => parseInteger("iterations", "-5", { min: 1 }), Error, 'is not an integer of at least 1');
 * ```
 */
export function parseInteger(name: string, value: string, bounds: IntegerBounds = {}): number {
  const min = bounds.min ?? 0;
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  const text = value.trim().replaceAll("_", "");
  const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `in ${min}-${max}`;
    throw new UsageError(`--${name}: "${value}" is not an integer ${range}`);
  }
  return n;
}

/**
 * Parses a positive number option.
 *
 * @param name The option's name, for the message.
 * @param value The raw value.
 * @returns The number, greater than 0.
 * @throws {UsageError} When the value is not a finite number above 0.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parsePositiveNumber } from "./options.ts";
 * assertEquals(parsePositiveNumber("gate-ratio", "1.5"), 1.5);
 * ```
 */
export function parsePositiveNumber(name: string, value: string): number {
  const n = /^\s*[\d.e+-]+\s*$/i.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--${name}: "${value}" is not a positive number`);
  }
  return n;
}
