/**
 * The token printer behind `deno task lex [FILE|-]`: prints the tokens of a LaTeX file, of standard input, or of an
 * embedded sample document, as colored text or as JSON.
 *
 * Needs read permission for FILE only. Has no dependencies beyond the lexer.
 *
 * @module
 */

import { parseOptions } from "../_tools/options.ts";
import { binaryReason } from "../_tools/binary_input.ts";
import { describeError, errorLines } from "../_tools/run_main.ts";
import { ExitCode, UsageError } from "../_tools/usage_error.ts";
import { blue, bold, cyan, dim, green, magenta, red, yellow } from "@std/fmt/colors";
import { lexDocument } from "../lexer/document_lexer.ts";
import { type LexerOptions, lexerOptionsForPath } from "../lexer/options.ts";
import { SAMPLE_DOCUMENT } from "./_sample.ts";
import type { Token } from "../lexer/token.ts";

/** The `schema` field of the `--json` output (`cli/lex_output.schema.json`). */
export const LEX_OUTPUT_SCHEMA = "latex-perfectionist/lex-output@1";

const HELP = `Usage: deno task lex [options] [FILE|-]

Prints the tokens of a LaTeX file (or of standard input with "-"; with no FILE, of an embedded
sample document), one token a line: line:column, kind, math flag, text.

Positions: the text output counts lines and columns from 1 (as editors show them); the JSON
output counts them from 0 (as the library's Token does). Columns count UTF-16 code units.

Options:
  --json               Print JSON instead: {"schema", "file", "options", "line_count",
                       "positions", "tokens": [{kind, line, column, length, text, math}]}.
  --at-letter          Treat @ as a letter from the start (default for .sty, .cls and .dtx files).
  --no-at-letter       Do not, even for .sty, .cls and .dtx files.
  --expl               Start in expl3 syntax.
  --verbatim-env NAME  Also treat environment NAME as verbatim (repeatable).
  --math-env NAME      Also treat environment NAME as math (repeatable).
  --binary             Lex the input even if it looks binary (a NUL byte, or not UTF-8);
                       invalid bytes become U+FFFD.
  --no-color           Plain text output (also when NO_COLOR is set or output is not a terminal).
  -h, --help           Show this help.

Options take their value as --opt value or --opt=value.
Files are read as UTF-8. Input that looks binary is refused unless --binary is given.
Permissions: read access to FILE (deno task lex grants --allow-read).
Exit status: 0 printed, 2 usage or input error (bad option, unreadable or binary file).`;

/** The parsed command line. */
export interface LexArgs {
  /** A file path, `-` for standard input, or undefined for the sample. */
  file: string | undefined;
  /** JSON output. */
  json: boolean;
  /** Colored output. */
  color: boolean;
  /** Lexer options given on the command line (before the file extension is considered). */
  atLetter: boolean | undefined;
  /** Start in expl3 syntax. */
  expl: boolean;
  /** Extra verbatim environments. */
  verbatim: string[];
  /** Extra math environments. */
  math: string[];
  /** Lex input that looks binary. */
  binary: boolean;
  /** Whether --help was asked for. */
  help: boolean;
}

/**
 * Parses the command line of `deno task lex`.
 *
 * @param argv The arguments.
 * @returns The parsed arguments.
 * @throws {UsageError} For an unknown option, a missing value, or more than one FILE.
 */
export function parseLexArgs(argv: readonly string[]): LexArgs {
  const o = parseOptions(argv, {
    collect: ["verbatim-env", "math-env"],
    boolean: ["help", "json", "color", "at-letter", "expl", "binary"],
    negatable: ["color", "at-letter"],
    alias: { h: "help" },
    maxPositional: 1,
  });
  return {
    file: o.positional[0],
    json: o.flags.json === true,
    color: o.flags.color !== false,
    atLetter: o.flags["at-letter"],
    expl: o.flags.expl === true,
    verbatim: [...(o.lists["verbatim-env"] ?? [])],
    math: [...(o.lists["math-env"] ?? [])],
    binary: o.flags.binary === true,
    help: o.flags.help === true,
  };
}

/**
 * The lexer options for a command line: the file's extension, then the explicit flags.
 *
 * @param args The parsed command line.
 * @returns The options.
 */
export function optionsFor(args: LexArgs): LexerOptions {
  const options: LexerOptions = args.file && args.file !== "-"
    ? { ...lexerOptionsForPath(args.file) }
    : {};
  if (args.atLetter !== undefined) options.atLetter = args.atLetter;
  if (args.expl) options.explSyntax = true;
  if (args.verbatim.length > 0) options.verbatimEnvironments = args.verbatim;
  if (args.math.length > 0) options.mathEnvironments = args.math;
  return options;
}

const COLORS: Record<string, (text: string) => string> = {
  control_word: blue,
  control_symbol: blue,
  begin_group: yellow,
  end_group: yellow,
  math_shift: magenta,
  alignment: yellow,
  parameter: cyan,
  superscript: magenta,
  subscript: magenta,
  active: cyan,
  space: dim,
  comment: green,
  text: (t) => t,
  verbatim: red,
  ignored: dim,
  invalid: (t) => bold(red(t)),
};

/**
 * Formats tokens one a line for reading, with 1-based line and column.
 *
 * @param tokens The tokens.
 * @param color Whether to use ANSI colors.
 * @returns The text, ending with a newline when there are tokens.
 */
export function formatTokens(tokens: readonly Token[], color: boolean): string {
  const out: string[] = [];
  for (const t of tokens) {
    const where = `${t.line + 1}:${t.column + 1}`.padEnd(9);
    const kind = t.kind.padEnd(15);
    const math = t.math ? "math " : "     ";
    const text = JSON.stringify(t.text);
    out.push(
      color
        ? `${dim(where)}${(COLORS[t.kind] ?? String)(kind)}${math}${text}`
        : `${where}${kind}${math}${text}`,
    );
  }
  return out.length ? out.join("\n") + "\n" : "";
}

async function readInput(file: string | undefined, binary: boolean): Promise<string> {
  if (file === undefined) return SAMPLE_DOCUMENT;
  let bytes: Uint8Array;
  try {
    bytes = file === "-"
      ? new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer())
      : await Deno.readFile(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${describeError(e)}`);
  }
  const why = binary ? null : binaryReason(bytes);
  if (why !== null) {
    throw new UsageError(
      `${file === "-" ? "standard input" : file} looks binary (${why}), not LaTeX; ` +
        "pass --binary to lex it anyway",
    );
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Runs the command line.
 *
 * @param argv The arguments.
 * @returns The exit code: 0 on success, 2 for a usage or input error (unknown option, a file
 *   that cannot be read or looks binary).
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    console.error(errorLines("lex", e));
    return ExitCode.Usage;
  }
}

async function run(argv: readonly string[]): Promise<number> {
  const args = parseLexArgs(argv);
  if (args.help) {
    console.log(HELP);
    return ExitCode.Ok;
  }
  const text = await readInput(args.file, args.binary);
  const options = optionsFor(args);
  const doc = lexDocument(text, options);
  const tokens = doc.tokens();
  const out = args.json
    ? JSON.stringify(
      {
        schema: LEX_OUTPUT_SCHEMA,
        file: args.file ?? "(sample)",
        options: Object.fromEntries(Object.entries(options).map(([k, v]) => [snakeCase(k), v])),
        line_count: doc.lineCount,
        positions: "0-based line and column, in UTF-16 code units",
        tokens,
      },
      null,
      1,
    ) + "\n"
    : formatTokens(tokens, args.color && !Deno.noColor && Deno.stdout.isTerminal());
  const bytes = new TextEncoder().encode(out);
  for (let written = 0; written < bytes.length;) {
    written += await Deno.stdout.write(bytes.subarray(written));
  }
  return ExitCode.Ok;
}
