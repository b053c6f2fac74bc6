/**
 * LaTeX for Monaco: a tokens provider whose state is the lexer's line state, and a theme that
 * gives every token kind (in and out of math) a colour of its own.
 *
 * Monaco re-tokenizes a changed line, then the following lines until a line's end state
 * `equals` the one it had before; the provider's states are interned by value, so `equals` is
 * one `===` and `clone` returns the state itself (states are immutable): Monaco's loop stops
 * exactly where the incremental lexer's would.
 *
 * Monaco is not a dependency: the types below describe the parts of its API the provider uses,
 * structurally, so the provider can be passed to `monaco.languages.setTokensProvider` and the
 * theme to `monaco.editor.defineTheme`.
 *
 * @example Registering the language
 * ```ts ignore
 * import * as monaco from "monaco-editor";
 * import { LATEX_THEME, latexTokensProvider } from "@latex-perfectionist/lexer/monaco";
 *
 * monaco.languages.register({ id: "latex" });
 * monaco.languages.setTokensProvider("latex", latexTokensProvider());
 * monaco.editor.defineTheme("latex-perfectionist", LATEX_THEME);
 * monaco.editor.create(document.getElementById("editor")!, {
 *   value: "Let $x^2$ be \\emph{it}.",
 *   language: "latex",
 *   theme: "latex-perfectionist",
 * });
 * ```
 *
 * @example Tokenizing lines as Monaco does
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { latexTokensProvider } from "./mod.ts";
 *
 * const provider = latexTokensProvider();
 * const first = provider.tokenize("Let $x", provider.getInitialState());
 * assertEquals(first.tokens.map((t) => t.scopes), [
 *   "text", "space", "math_shift.math", "text.math",
 * ]);
 * const second = provider.tokenize("y$ done", first.endState);
 * assertEquals(second.tokens[0], { startIndex: 0, scopes: "text.math" });
 * assert(second.endState.equals(provider.getInitialState()));
 * ```
 *
 * @module
 */

import {
  initialState,
  type LexerOptions,
  lexLine,
  type LexState,
  stateKey,
  TOKEN_KINDS,
  type TokenKind,
} from "../../mod.ts";

/** Monaco's `languages.IState`. */
export interface MonacoState {
  /** A copy of the state (states here are immutable: the state itself). */
  clone(): MonacoState;
  /** Whether two states are equal. */
  equals(other: MonacoState): boolean;
}

/** Monaco's `languages.IToken`. */
export interface MonacoToken {
  /** The token's start column (UTF-16, from 0). */
  startIndex: number;
  /** The token's scope, which the theme's rules colour. */
  scopes: string;
}

/** Monaco's `languages.ILineTokens`. */
export interface MonacoLineTokens {
  /** The line's tokens, in order. */
  tokens: MonacoToken[];
  /** The state at the line's end. */
  endState: MonacoState;
}

/** Monaco's `languages.TokensProvider`. */
export interface MonacoTokensProvider {
  /** The state of the first line. */
  getInitialState(): MonacoState;
  /** Tokenizes one line from its start state. */
  tokenize(line: string, state: MonacoState): MonacoLineTokens;
}

/** A lexer state as a Monaco state: interned, so equal states are one object. */
export class LatexLineState implements MonacoState {
  /**
   * Use {@linkcode latexTokensProvider}, which interns states; a state made here is equal
   * only to itself.
   *
   * @param lex The lexer state at a line start.
   */
  constructor(readonly lex: LexState) {}

  /**
   * The state itself: states are immutable.
   *
   * @returns This state.
   */
  clone(): LatexLineState {
    return this;
  }

  /**
   * Whether another state is this one (interning makes equal states one object).
   *
   * @param other Another state.
   * @returns Whether they are the same state.
   */
  equals(other: MonacoState): boolean {
    return other === this;
  }
}

/**
 * The scope of a token: its kind, with `.math` when it is in math.
 *
 * @param kind The token's kind.
 * @param math Whether it is in math.
 * @returns The scope.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tokenScope } from "./mod.ts";
 * assertEquals(tokenScope("text", true), "text.math");
 * assertEquals(tokenScope("control_word", false), "control_word");
 * ```
 */
export function tokenScope(kind: TokenKind, math: boolean): string {
  return math ? `${kind}.math` : kind;
}

/** Options of {@linkcode latexTokensProvider}. */
export interface LatexTokensProviderOptions {
  /**
   * The lexer's options.
   *
   * @default {{}}
   */
  lexer?: LexerOptions;
}

/**
 * A Monaco tokens provider for LaTeX: one token per lexer token, scoped by its kind and math
 * flag ({@linkcode tokenScope}).
 *
 * @param options The lexer's options.
 * @returns The provider; its states are interned by value within it.
 */
export function latexTokensProvider(
  options: LatexTokensProviderOptions = {},
): MonacoTokensProvider & { getInitialState(): LatexLineState } {
  const lexOptions = options.lexer ?? {};
  const byObject = new WeakMap<LexState, LatexLineState>();
  const byKey = new Map<string, LatexLineState>();
  const intern = (lex: LexState): LatexLineState => {
    let s = byObject.get(lex);
    if (s === undefined) {
      const key = stateKey(lex);
      s = byKey.get(key);
      if (s === undefined) {
        s = new LatexLineState(lex);
        byKey.set(key, s);
      }
      byObject.set(lex, s);
    }
    return s;
  };
  const initial = intern(initialState(lexOptions));
  return {
    getInitialState: () => initial,
    tokenize(line: string, state: MonacoState): MonacoLineTokens {
      const start = state instanceof LatexLineState ? state.lex : initial.lex;
      const { tokens, endState } = lexLine(line, start, lexOptions);
      return {
        tokens: tokens.map((t) => ({ startIndex: t.column, scopes: tokenScope(t.kind, t.math) })),
        endState: intern(endState),
      };
    },
  };
}

/** Colours of the kinds outside math (hex, no `#`), each distinct. */
const TEXT_COLOURS: Readonly<Record<TokenKind, string>> = {
  control_word: "1f4fbf",
  control_symbol: "3b6fd6",
  begin_group: "6b6b6b",
  end_group: "5a5a5a",
  math_shift: "d0006f",
  alignment: "a0522d",
  parameter: "00897b",
  superscript: "c2185b",
  subscript: "ad1457",
  active: "795548",
  space: "222222",
  comment: "2e7d32",
  doc_prefix: "5b8c5a",
  text: "202020",
  verbatim: "455a64",
  ignored: "9e9e9e",
  invalid: "ff1744",
};

/** Colours of the kinds in math, each distinct from every other colour. */
const MATH_COLOURS: Readonly<Record<TokenKind, string>> = {
  control_word: "8a2be2",
  control_symbol: "9b4de8",
  begin_group: "9c27b0",
  end_group: "8e24aa",
  math_shift: "e0117f",
  alignment: "b8652f",
  parameter: "00a693",
  superscript: "d81b60",
  subscript: "c51162",
  active: "8d6e63",
  space: "333333",
  comment: "43a047",
  doc_prefix: "7cb342",
  text: "7b1fa2",
  verbatim: "546e7a",
  ignored: "b0b0b0",
  invalid: "ff5252",
};

/** A rule of Monaco's `editor.ITokenThemeRule`. */
export interface MonacoThemeRule {
  /** The scope it colours. */
  token: string;
  /** The foreground colour, hex without `#`. */
  foreground?: string;
  /** `italic`, `bold`, ... */
  fontStyle?: string;
}

/** Monaco's `editor.IStandaloneThemeData`. */
export interface MonacoThemeData {
  /** The built-in theme it extends. */
  base: "vs" | "vs-dark" | "hc-black" | "hc-light";
  /** Whether the base theme's rules apply under these. */
  inherit: boolean;
  /** Token colours. */
  rules: MonacoThemeRule[];
  /** Editor colours. */
  colors: Record<string, string>;
}

/**
 * The colour of a scope in {@linkcode LATEX_THEME}.
 *
 * @param kind The token kind.
 * @param math Whether in math.
 * @returns The colour, hex without `#`.
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { scopeColour } from "./mod.ts";
 * assert(scopeColour("text", true) !== scopeColour("text", false));
 * ```
 */
export function scopeColour(kind: TokenKind, math: boolean): string {
  return (math ? MATH_COLOURS : TEXT_COLOURS)[kind];
}

/**
 * A light theme with a rule for every scope {@linkcode latexTokensProvider} emits; no two
 * scopes share a colour, so a rendered colour tells the token's kind and math flag.
 */
export const LATEX_THEME: MonacoThemeData = {
  base: "vs",
  inherit: false,
  rules: TOKEN_KINDS.flatMap((kind) => [
    {
      token: tokenScope(kind, false),
      foreground: scopeColour(kind, false),
      ...(kind === "comment" ? { fontStyle: "italic" } : {}),
    },
    { token: tokenScope(kind, true), foreground: scopeColour(kind, true) },
  ]),
  colors: { "editor.foreground": "#000000" },
};

// The lexer's types the API above names, re-exported so the documentation is complete.
export type {
  CatcodeChange,
  LexerOptions,
  LexState,
  Mode,
  TextFrame,
  TokenKind,
} from "../../mod.ts";
