/**
 * Per-line lexing for callers that keep their own per-line states: CodeMirror's
 * `StreamLanguage`, Monaco's tokens providers, vscode-textmate-style tokenizers.
 *
 * {@linkcode lexLine} maps a line's text and its start state to its tokens and its end state;
 * chaining it over a text's lines gives exactly {@linkcode tokenize}'s tokens. States are frozen
 * records: an unchanged state comes back as the same object, and equal states lexed with the
 * same options are usually the same object too (see {@linkcode sameState}).
 *
 * @example A CodeMirror `StreamLanguage`-style caller (one state per line, copied by reference)
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { initialState, type LexState, lexLine } from "@latex-perfectionist/lexer";
 *
 * // A stream parser's shape: startState(), then token(stream, state) line by line. States are
 * // immutable, so copyState can return its argument.
 * const parser = {
 *   startState: (): { lex: LexState } => ({ lex: initialState() }),
 *   copyState: (s: { lex: LexState }) => ({ lex: s.lex }),
 *   line(text: string, s: { lex: LexState }): string[] {
 *     const { tokens, endState } = lexLine(text, s.lex);
 *     s.lex = endState;
 *     return tokens.map((t) => t.kind);
 *   },
 * };
 * const s = parser.startState();
 * assertEquals(parser.line("$a", s), ["math_shift", "text"]);
 * assertEquals(parser.line("b$ c", s), ["text", "math_shift", "space", "text"]);
 * ```
 *
 * @example A Monaco-style tokens provider (`getInitialState`, `tokenize(line, state)`, `equals`)
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { initialState, type LexState, lexLine, sameState } from "@latex-perfectionist/lexer";
 *
 * class State {
 *   constructor(readonly lex: LexState) {}
 *   clone(): State {
 *     return this; // immutable
 *   }
 *   equals(other: State): boolean {
 *     return sameState(this.lex, other.lex);
 *   }
 * }
 * const provider = {
 *   getInitialState: () => new State(initialState()),
 *   tokenize(line: string, state: State) {
 *     const { tokens, endState } = lexLine(line, state.lex);
 *     return {
 *       tokens: tokens.map((t) => ({ startIndex: t.column, scopes: t.kind })),
 *       endState: new State(endState),
 *     };
 *   },
 * };
 * const r = provider.tokenize("\\emph{x} y", provider.getInitialState());
 * assertEquals(r.tokens.map((t) => t.startIndex), [0, 5, 6, 7, 8, 9]);
 * assert(r.endState.equals(provider.getInitialState()));
 * ```
 *
 * @module
 */

import { LineScanner } from "./_line_scanner.ts";
import { TokenBuffer } from "./_token_buffer.ts";
import { type LexConfig, type LexerOptions, resolveOptions } from "./options.ts";
import type { LexState } from "./state.ts";
import { StateTable } from "./_state_table.ts";
import { type Token, unpackLine } from "./token.ts";
import {
  MAX_OPTION_NAMES,
  ownValue,
  requireIndex,
  requireNames,
  requireString,
} from "./_validate.ts";
import { stateKey, stateSnapshot } from "./state_codec.ts";
import { LEX_LINE } from "./_tunables.ts";

export type { LexState };

/** Options of {@linkcode lexLine}: the lexer's options, and the line number tokens carry. */
export interface LexLineOptions extends LexerOptions {
  /**
   * The line number written into the tokens' `line` field.
   *
   * @default {0}
   */
  line?: number;
}

/** What {@linkcode lexLine} returns. */
export interface LineResult {
  /** The line's tokens; their texts concatenated give the line back. */
  tokens: Token[];
  /**
   * The same tokens packed, one `uint32` each (decode them with `tokenKindCode`, `tokenLength`
   * and `tokenMath`); columns are implicit, the tokens being contiguous from column 0.
   */
  words: Uint32Array;
  /** The state at the end of the line, which is the next line's start state. */
  endState: LexState;
}

/** A lexer for one configuration: its state table is dropped when it grows past a bound. */
interface Context {
  config: LexConfig;
  table: StateTable;
  scanner: LineScanner;
}

const out = new TokenBuffer();

/** Contexts by options key; at most {@linkcode LEX_LINE.CONTEXTS} kept. */
const contexts = new Map<string, Context>();

/** The keys of frozen name lists already seen: a frozen list cannot change, so its key stays. */
const frozenNamesKeys = new WeakMap<object, string>();

/**
 * The key of one name list, read as {@linkcode resolveOptions} reads it (an own data property).
 * A frozen list is checked once and its key cached, so its length costs once, not every line; any
 * other list is checked by its length first (a 2^32-1 sparse array is refused at once) and keyed
 * by `JSON.stringify`, and what that cannot key (a bigint, a throwing getter) goes to
 * resolveOptions(), which throws the usual error.
 */
function namesKey(o: object, key: "verbatimEnvironments" | "mathEnvironments"): string {
  const value = ownValue(o, key, `option ${key}`);
  if (value === undefined) return "[]";
  if (!Array.isArray(value)) return String(resolveOptions(o)); // throws
  if (Object.isFrozen(value)) {
    let k = frozenNamesKeys.get(value);
    if (k === undefined) {
      k = JSON.stringify(requireNames(value, `option ${key}`));
      frozenNamesKeys.set(value, k);
    }
    return k;
  }
  const length: unknown = value.length;
  if (typeof length !== "number" || !(length <= MAX_OPTION_NAMES)) {
    return String(resolveOptions(o)); // throws
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(resolveOptions(o)); // throws
  }
}

/** One flag's key: `0` or `1`; a value resolveOptions() would reject makes it throw. */
function flagKey(o: object, key: "atLetter" | "explSyntax" | "docTeX"): string {
  const v = ownValue(o, key, `option ${key}`);
  if (v === undefined || v === false) return "0";
  if (v === true) return "1";
  resolveOptions(o); // throws the usual TypeError
  return "?";
}

function optionsKey(o: object): string {
  // Own properties only, as resolveOptions() reads them: an inherited `atLetter` (a polluted
  // prototype) must not share the key of an own one, or one would get the other's lexer.
  const base = `${flagKey(o, "atLetter")}${flagKey(o, "explSyntax")}${flagKey(o, "docTeX")}`;
  const verb = namesKey(o, "verbatimEnvironments");
  const math = namesKey(o, "mathEnvironments");
  return verb === "[]" && math === "[]" ? base : `${base}${verb}${math}`;
}

function context(options: LexerOptions | undefined): Context {
  const o = options ?? {};
  if (o === null || typeof o !== "object" || Array.isArray(o)) resolveOptions(o); // throws
  const key = optionsKey(o);
  let c = contexts.get(key);
  if (c === undefined) {
    const config = resolveOptions(o);
    const table = new StateTable();
    table.intern(config.initial);
    c = { config, table, scanner: new LineScanner(config, table) };
    if (contexts.size >= LEX_LINE.CONTEXTS) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, c);
  } else if (c.table.size > LEX_LINE.STATES) {
    // Bounded: a fresh table; states already handed out stay valid values.
    c.table = new StateTable();
    c.table.intern(c.config.initial);
    c.scanner = new LineScanner(c.config, c.table);
  }
  return c;
}

function idOf(table: StateTable, state: LexState): number {
  // States this table handed out are found without building a key; others are checked first.
  const id = table.find(state);
  if (id >= 0) return id;
  // A copy, each field read once and checked: a getter cannot answer the check and the lexer apart.
  const snapshot = stateSnapshot(state);
  if (typeof snapshot === "string") throw new TypeError(`Invalid state: ${snapshot}`);
  return table.intern(snapshot);
}

/**
 * The state a text's first line starts in, which depends on `atLetter` and `explSyntax`.
 *
 * @param options Lexer options.
 * @returns The state.
 * @throws {TypeError} When an option has the wrong type.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { initialState } from "@latex-perfectionist/lexer";
 * assertEquals(initialState().catcodes, []);
 * assertEquals(initialState({ atLetter: true }).catcodes, [{ char: 0x40, cat: 11 }]);
 * ```
 */
export function initialState(options?: LexerOptions): LexState {
  const c = context(options);
  return c.table.state(0);
}

/**
 * Lexes one line from a start state.
 *
 * @param text The line, without its line ending.
 * @param state The state at its start.
 * @param options Lexer options, and the line number for the tokens.
 * @default state `initialState(options)`
 * @returns The tokens (as objects and packed) and the end state.
 * @throws {TypeError} When `text` is not a string or an option has the wrong type.
 * @throws {TypeError} When `state` is not a lexer state.
 * @throws {RangeError} When `text` holds a line ending.
 * @example Chaining lines gives `tokenize`'s tokens
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { lexLine } from "@latex-perfectionist/lexer";
 * import { tokenize } from "@latex-perfectionist/lexer";
 * const lines = ["\\begin{verbatim}", "$x$", "\\end{verbatim} $y"];
 * let state = undefined;
 * const tokens = [];
 * for (const [line, text] of lines.entries()) {
 *   const r = lexLine(text, state, { line });
 *   tokens.push(...r.tokens);
 *   state = r.endState;
 * }
 * assertEquals(tokens, tokenize(lines.join("\n")));
 * ```
 */
export function lexLine(text: string, state?: LexState, options?: LexLineOptions): LineResult {
  requireString(text, "text");
  const br = text.search(/[\r\n]/);
  if (br >= 0) {
    throw new RangeError(`Cannot lex line: the text holds a line ending at index ${br}`);
  }
  const c = context(options);
  const startId = state === undefined ? 0 : idOf(c.table, state);
  out.count = 0;
  const endId = c.scanner.scan(text, startId, out);
  const words = out.copy();
  const tokens: Token[] = [];
  const line = options?.line === undefined
    ? 0
    : requireIndex(options.line, "option line", Number.MAX_SAFE_INTEGER);
  unpackLine({ words, from: 0, to: words.length, line, text }, tokens);
  return { tokens, words, endState: c.table.state(endId) };
}

/**
 * Whether two states are equal: `===` first, which is the common case for states
 * {@linkcode lexLine} returned, then by value.
 *
 * @param a A state.
 * @param b Another.
 * @returns Whether they are equal.
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { lexLine, sameState } from "@latex-perfectionist/lexer";
 * assert(sameState(lexLine("$x").endState, lexLine("$y").endState));
 * ```
 */
export function sameState(a: LexState, b: LexState): boolean {
  return a === b || stateKey(a) === stateKey(b);
}
