/**
 * The token printer behind `deno task lex [FILE|-]`: prints the tokens of a LaTeX file, of standard input, or of an
 * embedded sample document, as colored text or as JSON.
 *
 * Needs read permission for FILE only. Has no dependencies beyond the lexer.
 *
 * @module
 */

import { lexDocument } from "../lexer/document_lexer.ts";
import { type LexerOptions, lexerOptionsForPath } from "../lexer/options.ts";
import { SAMPLE_DOCUMENT } from "./_sample.ts";
import type { Token } from "../lexer/token.ts";

const HELP = `Usage: deno task lex [options] [FILE|-]

Prints the tokens of a LaTeX file (or of standard input with "-"; with no FILE, of an embedded
sample document), one token a line: line:column, kind, math flag, text.

Options:
  --json               Print JSON: {"file", "options", "lineCount", "tokens": [...]} instead.
  --at-letter          Treat @ as a letter from the start (default for .sty, .cls and .dtx files).
  --no-at-letter       Do not, even for .sty, .cls and .dtx files.
  --expl               Start in expl3 syntax.
  --verbatim-env NAME  Also treat environment NAME as verbatim (repeatable).
  --math-env NAME      Also treat environment NAME as math (repeatable).
  --no-color           Plain text output (also when NO_COLOR is set or output is not a terminal).
  -h, --help           Show this help.

Files are read as UTF-8; invalid bytes become U+FFFD.
Permissions: read access to FILE (deno task lex grants --allow-read).`;

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
  /** Whether --help was asked for. */
  help: boolean;
}

/**
 * Parses the command line of `deno task lex`.
 *
 * @param argv The arguments.
 * @returns The parsed arguments.
 * @throws {Error} With a usage message, for an unknown option or a missing value.
 */
export function parseLexArgs(argv: readonly string[]): LexArgs {
  const args: LexArgs = {
    file: undefined,
    json: false,
    color: true,
    atLetter: undefined,
    expl: false,
    verbatim: [],
    math: [],
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v === "") throw new Error(`Option ${a} needs a value`);
      return v;
    };
    switch (a) {
      case "-h":
      case "--help":
        args.help = true;
        break;
      case "--json":
        args.json = true;
        break;
      case "--no-color":
        args.color = false;
        break;
      case "--at-letter":
        args.atLetter = true;
        break;
      case "--no-at-letter":
        args.atLetter = false;
        break;
      case "--expl":
        args.expl = true;
        break;
      case "--verbatim-env":
        args.verbatim.push(value());
        break;
      case "--math-env":
        args.math.push(value());
        break;
      default:
        if (a.startsWith("-") && a !== "-") throw new Error(`Unknown option ${a}`);
        if (args.file !== undefined) throw new Error(`Only one FILE may be given, got ${a} too`);
        args.file = a;
    }
  }
  return args;
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

const COLORS: Record<string, string> = {
  control_word: "34",
  control_symbol: "34",
  begin_group: "33",
  end_group: "33",
  math_shift: "35",
  alignment: "33",
  parameter: "36",
  superscript: "35",
  subscript: "35",
  active: "36",
  space: "2",
  comment: "32",
  text: "0",
  verbatim: "31",
  ignored: "2",
  invalid: "41",
};

/**
 * Formats tokens one a line for reading.
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
        ? `\x1b[2m${where}\x1b[0m\x1b[${COLORS[t.kind]}m${kind}\x1b[0m${math}${text}`
        : `${where}${kind}${math}${text}`,
    );
  }
  return out.length ? out.join("\n") + "\n" : "";
}

async function readInput(file: string | undefined): Promise<string> {
  if (file === undefined) return SAMPLE_DOCUMENT;
  const bytes = file === "-"
    ? new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer())
    : await Deno.readFile(file);
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

/**
 * Runs the command line.
 *
 * @param argv The arguments.
 * @returns The exit code: 0 on success, 1 when the file cannot be read, 2 for a usage error.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let args: LexArgs;
  try {
    args = parseLexArgs(argv);
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  let text: string;
  try {
    text = await readInput(args.file);
  } catch (e) {
    console.error(`error: cannot read ${args.file}: ${(e as Error).message}`);
    return 1;
  }
  const options = optionsFor(args);
  const doc = lexDocument(text, options);
  const tokens = doc.tokens();
  const out = args.json
    ? JSON.stringify(
      { file: args.file ?? "(sample)", options, lineCount: doc.lineCount, tokens },
      null,
      1,
    ) + "\n"
    : formatTokens(tokens, args.color && !Deno.noColor && Deno.stdout.isTerminal());
  const bytes = new TextEncoder().encode(out);
  for (let written = 0; written < bytes.length;) {
    written += await Deno.stdout.write(bytes.subarray(written));
  }
  return 0;
}
