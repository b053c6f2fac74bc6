/**
 * Regression files: one minimized failing case per JSON file under `fuzz/regressions/`,
 * replayed by `deno task fuzz --replay FILE` and by `deno task test` (all of them).
 *
 * @module
 */

import { join } from "@std/path";
import type { Difference } from "../_tools/compare_lexings.ts";
import type { FuzzCase } from "./replay.ts";
import type { Edit, FuzzLexerOptions } from "./subject.ts";

/** The `format` tag of a regression file. */
export const REGRESSION_FORMAT = "latex-perfectionist/fuzz-regression@1";

/** Where a failure was found. */
export interface FoundAt {
  /** The campaign seed. */
  seed: number;
  /** The episode (work unit) in which it was found. */
  episode: number;
  /** The campaign iteration (edit number, 0-based) at which the check failed. */
  iteration: number;
  /** `generated`, `corpus:<file name>` or `trace:<file name>`. */
  source: string;
  /** The module version that failed. */
  moduleVersion: string;
  /** The git commit that failed, if known. */
  gitCommit: string | null;
}

/** What shrinking did. */
export interface ShrinkInfo {
  /** Edits before shrinking. */
  originalEdits: number;
  /** Start text length before shrinking. */
  originalTextLength: number;
  /** Candidates tested. */
  attempts: number;
  /** Whether the case is minimal (a full pass removed nothing more). */
  complete: boolean;
}

/** A regression file's content. */
export interface Regression extends FuzzCase {
  /** {@linkcode REGRESSION_FORMAT}. */
  format: string;
  /** One line saying what went wrong. */
  description: string;
  /** The first difference when the case is replayed with a check after every edit. */
  difference: Difference;
  /** How many edits had been applied when the difference showed. */
  failingEdit: number;
  /** Where it was found. */
  found: FoundAt;
  /** What shrinking did. */
  shrink: ShrinkInfo;
}

/**
 * Serializes a regression: indented JSON, one edit per line so diffs stay readable.
 *
 * @param r The regression.
 * @returns The file text (ends with a newline).
 * @example Round trip
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatRegression, parseRegression } from "./regression_file.ts";
 * const r = {
 *   format: "latex-perfectionist/fuzz-regression@1", description: "d", options: {}, startText: "",
 *   edits: [[0, 0, "}"] as const], failingEdit: 1,
 *   difference: { kind: "tokens" as const, line: 0, tokenIndex: 0, lineTokenIndex: 0, expected: null, actual: null },
 *   found: { seed: 1, episode: 0, iteration: 5, source: "generated", moduleVersion: "0.1.0", gitCommit: null },
 *   shrink: { originalEdits: 9, originalTextLength: 99, attempts: 40, complete: true },
 * };
 * assertEquals(parseRegression(formatRegression(r), "x.json"), r);
 * ```
 */
export function formatRegression(r: Regression): string {
  const { edits, ...rest } = r;
  const ordered = {
    format: rest.format,
    description: rest.description,
    options: rest.options,
    startText: rest.startText,
    edits: "\u0000EDITS\u0000",
    difference: rest.difference,
    failingEdit: rest.failingEdit,
    found: rest.found,
    shrink: rest.shrink,
  };
  // Spaced as `deno fmt` spaces them, so formatting the file changes nothing.
  const lines = edits.map(([f, t, ins]) => `    [${f}, ${t}, ${JSON.stringify(ins)}]`);
  const editsText = edits.length === 0 ? "[]" : `[\n${lines.join(",\n")}\n  ]`;
  return JSON.stringify(ordered, null, 2).replace('"\\u0000EDITS\\u0000"', editsText) + "\n";
}

function fail(file: string, what: string): never {
  throw new SyntaxError(`Cannot read regression ${file}: ${what}`);
}

function isEdit(e: unknown): e is Edit {
  return Array.isArray(e) && e.length === 3 && Number.isInteger(e[0]) && Number.isInteger(e[1]) &&
    typeof e[2] === "string";
}

function isOptions(o: unknown): o is FuzzLexerOptions {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return false;
  for (const [k, v] of Object.entries(o)) {
    if (k === "atLetter" || k === "explSyntax") {
      if (typeof v !== "boolean") return false;
    } else if (k === "verbatimEnvironments" || k === "mathEnvironments") {
      if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) return false;
    } else if (k === "longLines") {
      const l = v as { min?: unknown; spacing?: unknown } | null;
      if (
        typeof l !== "object" || l === null || !Number.isInteger(l.min) ||
        !Number.isInteger(l.spacing) || (l.spacing as number) < 1
      ) return false;
    } else return false;
  }
  return true;
}

/**
 * Parses and validates a regression file.
 *
 * @param text The file text.
 * @param file The file name, for error messages.
 * @returns The regression.
 * @throws {SyntaxError} When the text is not a valid regression file, saying which field.
 */
export function parseRegression(text: string, file: string): Regression {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(file, `not JSON (${e instanceof Error ? e.message : e})`);
  }
  if (typeof data !== "object" || data === null) fail(file, "not a JSON object");
  const r = data as Record<string, unknown>;
  if (r.format !== REGRESSION_FORMAT) fail(file, `"format" must be "${REGRESSION_FORMAT}"`);
  if (typeof r.description !== "string") fail(file, `"description" must be a string`);
  if (!isOptions(r.options)) fail(file, `"options" must be lexer options`);
  if (typeof r.startText !== "string") fail(file, `"startText" must be a string`);
  if (!Array.isArray(r.edits) || !r.edits.every(isEdit)) {
    fail(file, `"edits" must be an array of [from, to, insert]`);
  }
  const d = r.difference as Record<string, unknown> | null;
  if (typeof d !== "object" || d === null || typeof d.kind !== "string") {
    fail(file, `"difference" must be an object with a "kind"`);
  }
  if (!Number.isInteger(r.failingEdit)) fail(file, `"failingEdit" must be an integer`);
  if (typeof r.found !== "object" || r.found === null) fail(file, `"found" must be an object`);
  if (typeof r.shrink !== "object" || r.shrink === null) fail(file, `"shrink" must be an object`);
  return data as Regression;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The file name of a regression: its difference kind and a hash of its case, so the same
 * minimized case found twice is saved once.
 *
 * @param r The regression.
 * @returns A name like `tokens-3fa2c1d09b7e.json`.
 * @example
 * ```ts
 * import { assertMatch } from "@std/assert";
 * import { regressionFileName } from "./regression_file.ts";
 * const name = await regressionFileName({
 *   format: "", description: "", options: {}, startText: "", edits: [[0, 0, "}"]], failingEdit: 1,
 *   difference: { kind: "tokens", line: 0, tokenIndex: 0, lineTokenIndex: 0, expected: null, actual: null },
 *   found: { seed: 1, episode: 0, iteration: 0, source: "generated", moduleVersion: "0", gitCommit: null },
 *   shrink: { originalEdits: 1, originalTextLength: 0, attempts: 0, complete: true },
 * });
 * assertMatch(name, /^tokens-[0-9a-f]{12}\.json$/);
 * ```
 */
export async function regressionFileName(r: Regression): Promise<string> {
  const key = JSON.stringify([r.options, r.startText, r.edits]);
  return `${r.difference.kind}-${(await sha256Hex(key)).slice(0, 12)}.json`;
}

/**
 * Saves a regression under `dir` (created if needed).
 *
 * @param dir The directory.
 * @param r The regression.
 * @returns The path written, and whether a file with the same name was already there (it is
 * then left as it was).
 */
export async function saveRegression(
  dir: string,
  r: Regression,
): Promise<{ path: string; existed: boolean }> {
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, await regressionFileName(r));
  try {
    await Deno.writeTextFile(path, formatRegression(r), { createNew: true });
    return { path, existed: false };
  } catch (e) {
    if (e instanceof Deno.errors.AlreadyExists) return { path, existed: true };
    throw e;
  }
}

/**
 * Loads every `*.json` regression in a directory, sorted by file name. A missing directory has
 * none.
 *
 * @param dir The directory.
 * @returns The files and their regressions.
 * @throws {SyntaxError} When a file is not a valid regression.
 * @example A missing directory holds no regressions
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loadRegressions } from "./regression_file.ts";
 * assertEquals(await loadRegressions("/nonexistent/regressions"), []);
 * ```
 */
export async function loadRegressions(
  dir: string,
): Promise<{ path: string; regression: Regression }[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name.endsWith(".json")) names.push(entry.name);
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  names.sort();
  const out = [];
  for (const name of names) {
    const path = join(dir, name);
    out.push({ path, regression: parseRegression(await Deno.readTextFile(path), path) });
  }
  return out;
}
