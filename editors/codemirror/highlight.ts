/**
 * The mapping from a token's semantic class (the LSP legend of `SEMANTIC_LEGEND`, from
 * `classifyLine`) or, for a token the classifier leaves out, its kind, to `@lezer/highlight`
 * tags; and a highlight style that colours them.
 *
 * Classified tokens, by semantic type:
 *
 * | semantic type | tag |
 * | --- | --- |
 * | `comment` | `lineComment` |
 * | `string` | `string` |
 * | `keyword` (definers: `\newcommand`) | `definitionKeyword` |
 * | `macro` | `macroName` |
 * | `function` (`\foo` being defined) | `function(macroName)` |
 * | `variable` (`x` in `$x$`) | `variableName` |
 * | `parameter` (`#1`) | `local(variableName)` |
 * | `operator` (`^ _ & ~`) | `operator` |
 * | `number` (`2` in `$2x$`) | `number` |
 * | `namespace` | `namespace` |
 * | `type` | `typeName` |
 * | `property` | `propertyName` |
 * | `sectioning` (`\section`) | `heading` |
 * | `environment` (`\begin`, `\end`) | `keyword` |
 * | `environmentName` | `className` |
 * | `label` | `labelName` |
 * | `citation` | `special(labelName)` |
 * | `package` | `namespace` |
 * | `path` | `url` |
 * | `mathDelimiter` (`$`, `\[`) | `processingInstruction` |
 * | `verbatim` | `monospace` |
 * | `language` | `annotation` |
 *
 * Modifiers: `definition` wraps the tag in `definition(...)`; `math` on a `macro` or `operator`
 * wraps it in `special(...)` (`\alpha` in math looks different from `\emph`); `mathText` keeps
 * the type's tag.
 *
 * Unclassified tokens (text, spaces, braces, and whatever else the classifier leaves out), by
 * kind: `begin_group`/`end_group` -> `brace` (`special(brace)` in math), `text` -> none
 * (`special(content)` in math), `ignored` -> `meta`, `invalid` -> `invalid`, `space` -> none;
 * any other kind the classifier happens to leave out uses its usual class's tag
 * (`control_word` -> `macroName`, `comment` -> `lineComment`, `verbatim` -> `monospace`, ...).
 *
 * @module
 */

import { HighlightStyle } from "@codemirror/language";
import { styleTags, type Tag, tags as t } from "@lezer/highlight";
import { SEMANTIC_LEGEND, SemanticModifier, type TokenKind } from "../../mod.ts";
import { leafName, leafTypes } from "./node_types.ts";

/** The tag of each semantic type, by its name in `SEMANTIC_LEGEND`. */
export const SEMANTIC_TAGS: Readonly<Record<string, Tag>> = {
  comment: t.lineComment,
  doc_prefix: t.lineComment,
  string: t.string,
  keyword: t.definitionKeyword,
  macro: t.macroName,
  function: t.function(t.macroName),
  variable: t.variableName,
  parameter: t.local(t.variableName),
  operator: t.operator,
  number: t.number,
  namespace: t.namespace,
  type: t.typeName,
  property: t.propertyName,
  sectioning: t.heading,
  environment: t.keyword,
  environmentName: t.className,
  label: t.labelName,
  citation: t.special(t.labelName),
  package: t.namespace,
  path: t.url,
  mathDelimiter: t.processingInstruction,
  verbatim: t.monospace,
  language: t.annotation,
};

/** The tag of each kind for a token the classifier leaves out, outside math. */
export const KIND_TAGS: Readonly<Record<TokenKind, Tag | undefined>> = {
  control_word: t.macroName,
  control_symbol: t.macroName,
  begin_group: t.brace,
  end_group: t.brace,
  math_shift: t.processingInstruction,
  alignment: t.operator,
  parameter: t.local(t.variableName),
  superscript: t.operator,
  subscript: t.operator,
  active: t.operator,
  space: undefined,
  comment: t.lineComment,
  doc_prefix: t.lineComment,
  text: undefined,
  verbatim: t.monospace,
  ignored: t.meta,
  invalid: t.invalid,
};

/**
 * The tag of a token.
 *
 * @param kind The token's kind.
 * @param semantic Its semantic type's index in `SEMANTIC_LEGEND`, or -1 when unclassified.
 * @param modifiers Its modifier bits (`SemanticModifier`); for an unclassified token only the
 *   `math` bit counts.
 * @returns The tag, or `undefined` when the token is not highlighted.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tags } from "@lezer/highlight";
 * import { SemanticModifier, SemanticType } from "../../mod.ts";
 * import { tagOf } from "./highlight.ts";
 * assertEquals(tagOf("control_word", SemanticType.sectioning, 0), tags.heading);
 * assertEquals(tagOf("control_word", SemanticType.macro, SemanticModifier.math),
 *   tags.special(tags.macroName));
 * assertEquals(tagOf("text", -1, 0), undefined);
 * assertEquals(tagOf("text", -1, SemanticModifier.math), tags.special(tags.content));
 * ```
 */
export function tagOf(kind: TokenKind, semantic: number, modifiers: number): Tag | undefined {
  const math = (modifiers & SemanticModifier.math) !== 0;
  if (semantic < 0) {
    if (kind === "text") return math ? t.special(t.content) : undefined;
    if (kind === "begin_group" || kind === "end_group") return math ? t.special(t.brace) : t.brace;
    return KIND_TAGS[kind];
  }
  const name = SEMANTIC_LEGEND.tokenTypes[semantic]!;
  let tag = SEMANTIC_TAGS[name]!;
  if (math && (name === "macro" || name === "operator")) tag = t.special(tag);
  if ((modifiers & SemanticModifier.definition) !== 0) tag = t.definition(tag);
  return tag;
}

/** The `styleTags` prop for the node set: the tag of every leaf type. */
export function latexStyleTags(): ReturnType<typeof styleTags> {
  const spec: Record<string, Tag> = {};
  for (const { kind, semantic, modifiers } of leafTypes()) {
    const tag = tagOf(kind, semantic, modifiers);
    if (tag !== undefined) spec[leafName(kind, semantic, modifiers)] = tag;
  }
  return styleTags(spec);
}

/** A highlight style for the tags above (light background). */
export const latexHighlightStyle: HighlightStyle = HighlightStyle.define([
  { tag: t.macroName, color: "#1f4fbf" },
  { tag: t.special(t.macroName), color: "#8a2be2" },
  { tag: t.function(t.macroName), color: "#0b7a75", fontWeight: "bold" },
  { tag: t.definitionKeyword, color: "#b0006d", fontWeight: "bold" },
  { tag: t.keyword, color: "#a626a4" },
  { tag: t.heading, color: "#c62828", fontWeight: "bold" },
  { tag: t.className, color: "#ef6c00", fontWeight: "bold" },
  { tag: [t.labelName, t.special(t.labelName)], color: "#00838f" },
  { tag: t.namespace, color: "#6d4c41" },
  { tag: t.url, color: "#1565c0", textDecoration: "underline" },
  { tag: t.brace, color: "#757575" },
  { tag: t.special(t.brace), color: "#9c27b0" },
  { tag: t.processingInstruction, color: "#d0006f", fontWeight: "bold" },
  { tag: [t.operator, t.special(t.operator)], color: "#c2185b" },
  { tag: t.variableName, color: "#7b1fa2" },
  { tag: t.local(t.variableName), color: "#00897b" },
  { tag: t.number, color: "#2e7d32" },
  { tag: t.special(t.content), color: "#7b1fa2" },
  { tag: t.lineComment, color: "#558b2f", fontStyle: "italic" },
  { tag: t.monospace, color: "#455a64", backgroundColor: "#f1f3f4" },
  { tag: t.annotation, color: "#8d6e63" },
  { tag: [t.string, t.typeName, t.propertyName], color: "#bf360c" },
  { tag: t.meta, color: "#9e9e9e" },
  { tag: t.invalid, color: "#ffffff", backgroundColor: "#d32f2f" },
  { tag: t.definition(t.function(t.macroName)), color: "#0b7a75", fontWeight: "bold" },
  { tag: t.definition(t.labelName), color: "#00838f", fontWeight: "bold" },
  { tag: t.definition(t.className), color: "#ef6c00", fontWeight: "bold" },
]);
