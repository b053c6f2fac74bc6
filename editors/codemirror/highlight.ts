/**
 * The mapping from token kinds (and math) to `@lezer/highlight` tags, and a highlight style
 * that colours them.
 *
 * | token kind | outside math | in math |
 * | --- | --- | --- |
 * | `control_word` | `macroName` | `special(macroName)` |
 * | `control_symbol` | `escape` | `special(escape)` |
 * | `begin_group`, `end_group` | `brace` | `special(brace)` |
 * | `math_shift` | `processingInstruction` | `processingInstruction` |
 * | `alignment` | `separator` | `special(separator)` |
 * | `parameter` | `variableName` | `special(variableName)` |
 * | `superscript`, `subscript` | `operator` | `special(operator)` |
 * | `active` | `atom` | `special(atom)` |
 * | `comment` | `lineComment` | `lineComment` |
 * | `text` | (none) | `special(content)` |
 * | `verbatim` | `monospace` | `monospace` |
 * | `ignored` | `meta` | `meta` |
 * | `invalid` | `invalid` | `invalid` |
 * | `space` | (none) | (none) |
 *
 * An environment's name (the `Text` inside `EnvBegin` or `EnvEnd`) is `className`.
 *
 * @module
 */

import { HighlightStyle } from "@codemirror/language";
import { styleTags, type Tag, tags as t } from "@lezer/highlight";
import { TOKEN_KINDS, type TokenKind } from "../../mod.ts";
import { kindTypeName } from "./node_types.ts";

/** The tag of each kind outside math (`undefined`: not highlighted). */
export const KIND_TAGS: Readonly<Record<TokenKind, Tag | undefined>> = {
  control_word: t.macroName,
  control_symbol: t.escape,
  begin_group: t.brace,
  end_group: t.brace,
  math_shift: t.processingInstruction,
  alignment: t.separator,
  parameter: t.variableName,
  superscript: t.operator,
  subscript: t.operator,
  active: t.atom,
  space: undefined,
  comment: t.lineComment,
  text: undefined,
  verbatim: t.monospace,
  ignored: t.meta,
  invalid: t.invalid,
};

/** Kinds whose tag is the same in math (delimiters, comments, verbatim, errors). */
const SAME_IN_MATH: ReadonlySet<TokenKind> = new Set([
  "math_shift",
  "comment",
  "verbatim",
  "ignored",
  "invalid",
  "space",
]);

/**
 * The tag of a kind, in or out of math.
 *
 * @param kind The token kind.
 * @param math Whether the token is in math.
 * @returns The tag, or `undefined` when the token is not highlighted.
 * @example Text is plain outside math and highlighted inside
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tags } from "@lezer/highlight";
 * import { tagOf } from "./highlight.ts";
 * assertEquals(tagOf("text", false), undefined);
 * assertEquals(tagOf("text", true), tags.special(tags.content));
 * assertEquals(tagOf("comment", true), tags.lineComment);
 * ```
 */
export function tagOf(kind: TokenKind, math: boolean): Tag | undefined {
  if (!math || SAME_IN_MATH.has(kind)) return KIND_TAGS[kind];
  if (kind === "text") return t.special(t.content);
  return t.special(KIND_TAGS[kind]!);
}

/** The `styleTags` prop for the node set: every leaf type, and environment names. */
export function latexStyleTags(): ReturnType<typeof styleTags> {
  const spec: Record<string, Tag> = {};
  for (const kind of TOKEN_KINDS) {
    for (const math of [false, true]) {
      const tag = tagOf(kind, math);
      if (tag !== undefined) spec[kindTypeName(kind, math)] = tag;
    }
  }
  spec["EnvBegin/Text EnvEnd/Text"] = t.className;
  return styleTags(spec);
}

/** A highlight style for the tags above (light background). */
export const latexHighlightStyle: HighlightStyle = HighlightStyle.define([
  { tag: t.macroName, color: "#1f4fbf" },
  { tag: t.special(t.macroName), color: "#8a2be2" },
  { tag: t.escape, color: "#b35c00" },
  { tag: t.special(t.escape), color: "#b35c00" },
  { tag: t.brace, color: "#6b6b6b" },
  { tag: t.special(t.brace), color: "#9c27b0" },
  { tag: t.processingInstruction, color: "#d0006f", fontWeight: "bold" },
  { tag: [t.separator, t.special(t.separator)], color: "#a0522d" },
  { tag: [t.variableName, t.special(t.variableName)], color: "#00897b" },
  { tag: [t.operator, t.special(t.operator)], color: "#c2185b" },
  { tag: [t.atom, t.special(t.atom)], color: "#795548" },
  { tag: t.lineComment, color: "#2e7d32", fontStyle: "italic" },
  { tag: t.special(t.content), color: "#7b1fa2" },
  { tag: t.monospace, color: "#455a64", backgroundColor: "#f1f3f4" },
  { tag: t.meta, color: "#9e9e9e" },
  { tag: t.invalid, color: "#ffffff", backgroundColor: "#d32f2f" },
  { tag: t.className, color: "#ef6c00", fontWeight: "bold" },
]);
