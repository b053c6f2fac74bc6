/**
 * Options of the lexers, and what follows from them.
 *
 * @module
 */

import { Cat, defaultCatcode } from "./catcodes.ts";
import { MATH_ENVIRONMENTS, VERBATIM_ENVIRONMENTS } from "./environments.ts";
import { INITIAL_STATE, type LexState } from "./state.ts";
import type { CatcodeChange } from "./state.ts";
import type { LongLineConfig } from "./_long_line.ts";
import { LONG_LINE } from "./_tunables.ts";
import { describeValue, ownValue, requireNames, requireRecord } from "./_validate.ts";

/** Options of {@linkcode tokenize}, {@linkcode lexDocument} and the incremental lexer. */
export interface LexerOptions {
  /**
   * Whether `@` is a letter from the start, as in `.sty`, `.cls` and `.dtx` files.
   *
   * @default {false}
   */
  atLetter?: boolean;
  /**
   * Whether the text starts in expl3 syntax (`_` and `:` letters, spaces ignored).
   *
   * @default {false}
   */
  explSyntax?: boolean;
  /**
   * More environments whose body is verbatim, besides the built-in ones.
   *
   * @default {[]}
   */
  verbatimEnvironments?: readonly string[];
  /**
   * More environments whose body is math, besides the built-in ones.
   *
   * @default {[]}
   */
  mathEnvironments?: readonly string[];
  /**
   * DocTeX mode, as for `.dtx` files: the `%` that starts a documentation line is a
   * `doc_prefix` token and the rest of the line is LaTeX; `macrocode` bodies are code;
   * docstrip guard lines (`%<*driver>`) stay comments.
   *
   * @default {false}
   */
  docTeX?: boolean;
}

/**
 * The key of an internal option, for tests and the fuzzer: when lines get intra-line
 * checkpoints (see `_long_line.ts`). A symbol, so it is no part of {@linkcode LexerOptions}.
 */
export const LONG_LINES: unique symbol = Symbol("longLines");

/**
 * Options with intra-line checkpoints on shorter lines than the lexer's default, so that short
 * generated lines exercise the long-line path (tests and the fuzzer only).
 *
 * @param options The options.
 * @param longLines Lines this long (`min`) or longer get a checkpoint every `spacing` units.
 * @returns The options with the internal setting.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { resolveOptions, withLongLines } from "./options.ts";
 * const config = resolveOptions(withLongLines({}, { min: 8, spacing: 2 }));
 * assertEquals(config.longLine, { min: 8, spacing: 2 });
 * ```
 */
export function withLongLines(options: LexerOptions, longLines: LongLineConfig): LexerOptions {
  return { ...options, [LONG_LINES]: longLines } as LexerOptions;
}

/** What the line lexer needs to know besides a line and its start state. */
export interface LexConfig {
  /** When lines get intra-line checkpoints (the incremental lexer only). */
  readonly longLine: LongLineConfig;
  /** Verbatim-like environment names: built-in and from the options. */
  readonly verbatimEnvs: ReadonlySet<string>;
  /** Math environment names: built-in and from the options. */
  readonly mathEnvs: ReadonlySet<string>;
  /** The state of the first line. */
  readonly initial: LexState;
  /** Whether DocTeX mode is on. */
  readonly docTeX: boolean;
}

/** The catcode changes `\ExplSyntaxOn` makes. */
export const EXPL_ON: readonly (readonly [number, Cat])[] = [
  [0x5f, Cat.Letter], // _
  [0x3a, Cat.Letter], // :
  [0x20, Cat.Ignored], // space
  [0x09, Cat.Ignored], // tab
  [0x7e, Cat.Space], // ~
];

/** The catcode changes `\ExplSyntaxOff` makes (LaTeX's defaults for the same characters). */
export const EXPL_OFF: readonly (readonly [number, Cat])[] = EXPL_ON.map(([c]) => [
  c,
  defaultCatcode(c),
]);

/**
 * Sets one catcode in a sorted list of differences from LaTeX's defaults.
 *
 * @param changes The current differences.
 * @param char The character, below 128.
 * @param cat Its new catcode.
 * @returns The new list (the same object when nothing changed).
 */
export function withCatcode(
  changes: readonly CatcodeChange[],
  char: number,
  cat: number,
): readonly CatcodeChange[] {
  let i = 0;
  while (i < changes.length && changes[i]!.char < char) i++;
  const present = i < changes.length && changes[i]!.char === char;
  const isDefault = defaultCatcode(char) === cat;
  if (present && changes[i]!.cat === cat) return changes;
  if (!present && isDefault) return changes;
  const out = changes.slice();
  if (isDefault) out.splice(i, 1);
  else if (present) out[i] = Object.freeze({ char, cat });
  else out.splice(i, 0, Object.freeze({ char, cat }));
  return Object.freeze(out);
}

function validNames(options: object, key: string): readonly string[] {
  const names = ownValue(options, key, `option ${key}`);
  return names === undefined ? [] : requireNames(names, `option ${key}`);
}

function validFlag(options: object, key: string): boolean {
  const value = ownValue(options, key, `option ${key}`);
  if (value === undefined) return false;
  if (typeof value !== "boolean") {
    throw new TypeError(`Invalid option ${key}: expected a boolean, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Checks options and works out the lexer configuration they give. Only the options object's own
 * data properties are read: an inherited property (a polluted `Object.prototype`) changes
 * nothing, and no getter runs.
 *
 * @param options The options.
 * @returns The configuration.
 * @throws {TypeError} When the options are not an object or an option has the wrong type.
 * @throws {RangeError} When an option's list holds more than 10,000 names.
 */
export function resolveOptions(options: LexerOptions = {}): LexConfig {
  requireRecord(options, { what: "options", expected: "an options object" });
  const atLetter = validFlag(options, "atLetter");
  const expl = validFlag(options, "explSyntax");
  const verb = validNames(options, "verbatimEnvironments");
  const math = validNames(options, "mathEnvironments");
  const docTeX = validFlag(options, "docTeX");
  let catcodes = INITIAL_STATE.catcodes;
  if (atLetter) catcodes = withCatcode(catcodes, 0x40, Cat.Letter);
  if (expl) { for (const [c, k] of EXPL_ON) catcodes = withCatcode(catcodes, c, k); }
  const longLine = (options as { [LONG_LINES]?: LongLineConfig })[LONG_LINES] ?? LONG_LINE;
  if (!(longLine.min >= 1 && longLine.spacing >= 1)) {
    throw new RangeError("Invalid long-line thresholds: expected min and spacing of at least 1");
  }
  return {
    longLine: { min: longLine.min, spacing: longLine.spacing },
    verbatimEnvs: new Set([...VERBATIM_ENVIRONMENTS, ...verb]),
    mathEnvs: new Set([...MATH_ENVIRONMENTS, ...math]),
    initial: catcodes === INITIAL_STATE.catcodes
      ? INITIAL_STATE
      : Object.freeze({ ...INITIAL_STATE, catcodes }),
    docTeX,
  };
}

/**
 * The options a file's name suggests: `@` is a letter in `.sty`, `.cls` and `.dtx` files, and
 * `.dtx` files are lexed in DocTeX mode.
 *
 * @param path A file path or name.
 * @returns Options for lexing that file.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { lexerOptionsForPath } from "@latex-perfectionist/lexer";
 * assertEquals(lexerOptionsForPath("hyperref.sty"), { atLetter: true });
 * assertEquals(lexerOptionsForPath("paper.tex"), {});
 * assertEquals(lexerOptionsForPath("doc.dtx"), { atLetter: true, docTeX: true });
 * ```
 */
export function lexerOptionsForPath(path: string): LexerOptions {
  if (/\.dtx$/i.test(path)) return { atLetter: true, docTeX: true };
  return /\.(sty|cls)$/i.test(path) ? { atLetter: true } : {};
}
