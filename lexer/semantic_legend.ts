/**
 * The semantic token legend: LSP's standard token types where they fit, so themes colour the
 * tokens without setup, and LaTeX-specific types, each with the standard type a client that
 * knows only the standard ones should use instead. Web editors reuse the same legend.
 *
 * | type | fallback | example |
 * | --- | --- | --- |
 * | `comment` | | `% note` |
 * | `keyword` | | `\newcommand`, `\def` (definers) |
 * | `macro` | | `\alpha`, `\\` (any other command) |
 * | `function` | | `\foo` in `\newcommand{\foo}` (with `definition`) |
 * | `variable` | | `x` in `$x$` |
 * | `parameter` | | `#1` |
 * | `operator` | | `^`, `_`, `&`, `~` |
 * | `number` | | `2` in `$2x$` |
 * | `sectioning` | `keyword` | `\section` |
 * | `environment` | `keyword` | `\begin`, `\end` |
 * | `environmentName` | `type` | `itemize` in `\begin{itemize}` |
 * | `label` | `variable` | `fig:a` in `\label{fig:a}` (with `definition`), `\ref{fig:a}` |
 * | `citation` | `property` | `knuth84` in `\cite{knuth84}` |
 * | `package` | `namespace` | `amsmath` in `\usepackage{amsmath}`, `\documentclass{article}` |
 * | `path` | `string` | `ch1` in `\input{ch1}`, `\includegraphics{fig.pdf}` |
 * | `mathDelimiter` | `operator` | `$`, `$$`, `\[`, `\]`, `\(`, `\)` |
 * | `verbatim` | `string` | the body of `verbatim`, `\verb|x|` |
 * | `language` | `type` | `python` in `\begin{minted}{python}` |
 *
 * Modifiers: `math` (the token is in math), `definition` (it defines a command, environment or
 * label), `mathText` (text inside math, as in `\text{..}`).
 *
 * @module
 */

/** The token types, by name; the value is the index in {@linkcode SEMANTIC_LEGEND}. */
export const SemanticType = {
  comment: 0,
  string: 1,
  keyword: 2,
  macro: 3,
  function: 4,
  variable: 5,
  parameter: 6,
  operator: 7,
  number: 8,
  namespace: 9,
  type: 10,
  property: 11,
  sectioning: 12,
  environment: 13,
  environmentName: 14,
  label: 15,
  citation: 16,
  package: 17,
  path: 18,
  mathDelimiter: 19,
  verbatim: 20,
  language: 21,
} as const;

/** The index of a token type. */
export type SemanticType = typeof SemanticType[keyof typeof SemanticType];

/** The modifiers, by name; the value is the modifier's bit. */
export const SemanticModifier = {
  math: 1,
  definition: 2,
  mathText: 4,
} as const;

/** A modifier's bit. */
export type SemanticModifier = typeof SemanticModifier[keyof typeof SemanticModifier];

/** A legend as LSP's `SemanticTokensLegend`. */
export interface SemanticLegend {
  /** Token type names; a token's type is an index into this list. */
  readonly tokenTypes: readonly string[];
  /** Modifier names; bit `i` of a token's modifiers is `tokenModifiers[i]`. */
  readonly tokenModifiers: readonly string[];
}

/**
 * The legend of this library's semantic tokens.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { SEMANTIC_LEGEND, SemanticType } from "@latex-perfectionist/lexer";
 * assertEquals(SEMANTIC_LEGEND.tokenTypes[SemanticType.sectioning], "sectioning");
 * assertEquals(SEMANTIC_LEGEND.tokenModifiers, ["math", "definition", "mathText"]);
 * ```
 */
export const SEMANTIC_LEGEND: SemanticLegend = Object.freeze({
  tokenTypes: Object.freeze(Object.keys(SemanticType)),
  tokenModifiers: Object.freeze(Object.keys(SemanticModifier)),
});

/**
 * The standard type each LaTeX-specific type falls back to (standard types map to
 * themselves).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { SEMANTIC_FALLBACKS } from "@latex-perfectionist/lexer";
 * assertEquals(SEMANTIC_FALLBACKS.citation, "property");
 * assertEquals(SEMANTIC_FALLBACKS.macro, "macro");
 * ```
 */
export const SEMANTIC_FALLBACKS: Readonly<Record<keyof typeof SemanticType, string>> = Object
  .freeze({
    comment: "comment",
    string: "string",
    keyword: "keyword",
    macro: "macro",
    function: "function",
    variable: "variable",
    parameter: "parameter",
    operator: "operator",
    number: "number",
    namespace: "namespace",
    type: "type",
    property: "property",
    sectioning: "keyword",
    environment: "keyword",
    environmentName: "type",
    label: "variable",
    citation: "property",
    package: "namespace",
    path: "string",
    mathDelimiter: "operator",
    verbatim: "string",
    language: "type",
  });

/** The number of standard types: they come first in {@linkcode SemanticType}. */
const STANDARD_COUNT = 12;

/**
 * The legend with standard types only, for clients that colour nothing else: the same
 * modifiers, and the first twelve types of {@linkcode SEMANTIC_LEGEND}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { STANDARD_LEGEND } from "@latex-perfectionist/lexer";
 * assertEquals(STANDARD_LEGEND.tokenTypes.includes("sectioning"), false);
 * ```
 */
export const STANDARD_LEGEND: SemanticLegend = Object.freeze({
  tokenTypes: Object.freeze(SEMANTIC_LEGEND.tokenTypes.slice(0, STANDARD_COUNT)),
  tokenModifiers: SEMANTIC_LEGEND.tokenModifiers,
});

/**
 * For each type index of {@linkcode SEMANTIC_LEGEND}, the index of its fallback in
 * {@linkcode STANDARD_LEGEND}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { STANDARD_TYPE_OF, SemanticType } from "@latex-perfectionist/lexer";
 * assertEquals(STANDARD_TYPE_OF[SemanticType.path], SemanticType.string);
 * ```
 */
export const STANDARD_TYPE_OF: readonly number[] = Object.freeze(
  SEMANTIC_LEGEND.tokenTypes.map((name) =>
    SEMANTIC_LEGEND.tokenTypes.indexOf(SEMANTIC_FALLBACKS[name as keyof typeof SemanticType])
  ),
);
