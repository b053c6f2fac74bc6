/**
 * Regression files of the oracle (`verify/oracle_regressions/*.json`): a shrunk difference
 * between the extracted lexer and the TypeScript lexer, as one line, its start state and the
 * options. `deno task test` replays each against the TypeScript lexer
 * (`oracle_regression_test.ts`, no OCaml needed): its tokens and end state must stay
 * `expected`, which is what the TypeScript lexer gave when the file was saved. When the
 * difference turns out to be a TypeScript bug, the fix changes `expected` with it, in review.
 *
 * @module
 */

import { join } from "@std/path";
import type { LexerOptions } from "../lexer/options.ts";
import { decodeState, encodeState } from "../lexer/state_codec.ts";
import {
  type LineOutcome,
  ORACLE_CONFIGS,
  type OracleCase,
  sameOutcome,
  typescriptOutcome,
} from "./oracle_check.ts";
import { type JsonSchema, validateJson } from "../_tools/json_schema.ts";
import regressionSchema from "./oracle_regression.schema.json" with { type: "json" };

/** The value of {@linkcode OracleRegression.schema}. */
export const REGRESSION_SCHEMA = "latex-perfectionist/oracle-regression@1";

/** The JSON Schema of a regression file. */
export const REGRESSION_JSON_SCHEMA: JsonSchema = regressionSchema;

/** The folder of regression files, relative to the checkout. */
export const REGRESSIONS_DIR = "verify/oracle_regressions";

/** One line's outcome as saved: tokens as `[kind, length, math]` triples. */
export interface SavedOutcome {
  /** `[kind code, length, math 0/1]` per token. */
  tokens: number[][];
  /** The end state's encoding. */
  end_state: number[];
}

/** A regression file. */
export interface OracleRegression {
  /** {@linkcode REGRESSION_SCHEMA}. */
  schema: typeof REGRESSION_SCHEMA;
  /** The construct the difference is about (`constructOf`). */
  construct: string;
  /** The configuration's name (`ORACLE_CONFIGS`). */
  config: string;
  /** The TypeScript lexer's options. */
  options: LexerOptions;
  /** The start state's encoding. */
  start_state: number[];
  /** The line. */
  line: string;
  /** What the TypeScript lexer gives (and must keep giving). */
  expected: SavedOutcome;
  /** What the extracted lexer gave when the file was saved. */
  extracted: SavedOutcome;
  /** Where the unshrunk difference was found. */
  found_in: string;
  /** The command that replays the case against both lexers. */
  replay: string;
}

/**
 * Tokens as triples.
 *
 * @param o An outcome.
 * @returns Its saved form.
 */
export function savedOutcome(o: LineOutcome): SavedOutcome {
  const tokens: number[][] = [];
  for (let j = 0; j < o.tokens.length; j += 3) tokens.push([...o.tokens.slice(j, j + 3)]);
  return { tokens, end_state: [...o.end] };
}

/** Flat tokens of a saved outcome. */
export function flatOutcome(o: SavedOutcome): LineOutcome {
  return { tokens: o.tokens.flat(), end: o.end_state };
}

/** A short stable hash (FNV-1a, 32 bits) in hex. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * The regression file of a case.
 *
 * @param c The shrunk case.
 * @param outcomes Both lexers' outcomes on it.
 * @param construct Its construct.
 * @param foundIn Where the difference was found.
 * @returns The file's path (in {@linkcode REGRESSIONS_DIR}) and content.
 */
export function regressionFor(
  c: OracleCase,
  outcomes: { typescript: LineOutcome; extracted: LineOutcome },
  construct: string,
  foundIn: string,
): { path: string; regression: OracleRegression } {
  const start = encodeState(c.state);
  const id = hash(JSON.stringify([c.config.name, start, c.line]));
  const slug = construct.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "").toLowerCase();
  const path = join(REGRESSIONS_DIR, `${slug}-${id}.json`);
  return {
    path,
    regression: {
      schema: REGRESSION_SCHEMA,
      construct,
      config: c.config.name,
      options: { ...c.config.options },
      start_state: start,
      line: c.line,
      expected: savedOutcome(outcomes.typescript),
      extracted: savedOutcome(outcomes.extracted),
      found_in: foundIn,
      replay: `deno task oracle --replay ${path}`,
    },
  };
}

/**
 * Reads a regression file and checks its shape.
 *
 * @param path The file.
 * @returns The regression and the case it describes.
 * @throws {SyntaxError} When the file is not a regression file.
 */
export async function readRegression(
  path: string,
): Promise<{ regression: OracleRegression; case: OracleCase }> {
  const data = JSON.parse(await Deno.readTextFile(path));
  const problems = validateJson(REGRESSION_JSON_SCHEMA, data);
  if (problems.length > 0) {
    throw new SyntaxError(`Cannot read oracle regression ${path}: ${problems.join("; ")}`);
  }
  const r = data as OracleRegression;
  const config = ORACLE_CONFIGS.find((c) => c.name === r.config);
  const state = decodeState(r.start_state);
  if (config === undefined) {
    throw new SyntaxError(`Cannot read oracle regression ${path}: unknown config ${r.config}`);
  }
  if (state === undefined) {
    throw new SyntaxError(`Cannot read oracle regression ${path}: start_state does not decode`);
  }
  return { regression: r, case: { config, state, line: r.line } };
}

/**
 * Replays a regression file against the TypeScript lexer.
 *
 * @param path The file.
 * @returns What the file expects and what the TypeScript lexer gives now (`undefined` when it
 *   refuses the start state).
 * @example
 * ```ts ignore
 * import { replayAgainstTypeScript } from "./oracle_regression.ts";
 * const r = await replayAgainstTypeScript("verify/oracle_regressions/x.json");
 * console.log(r.same);
 * ```
 */
export async function replayAgainstTypeScript(
  path: string,
): Promise<{ same: boolean; expected: LineOutcome; actual: LineOutcome | undefined }> {
  const { regression, case: c } = await readRegression(path);
  const expected = flatOutcome(regression.expected);
  const actual = typescriptOutcome(c);
  return { same: actual !== undefined && sameOutcome(actual, expected), expected, actual };
}
