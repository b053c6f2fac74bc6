/**
 * The names the lexer knows: verbatim-like and math environments, and the commands that act on
 * the lexer state.
 *
 * @module
 */

import { DEFINITIONS } from "./_definitions.ts";
import { SHORT_VERB_COMMANDS } from "./_short_verb.ts";

/** Environments whose body is verbatim (no `$`, `%` or `{` inside counts). */
export const VERBATIM_ENVIRONMENTS: readonly string[] = Object.freeze([
  "verbatim",
  "verbatim*",
  "Verbatim",
  "Verbatim*",
  "BVerbatim",
  "BVerbatim*",
  "LVerbatim",
  "LVerbatim*",
  "SaveVerbatim",
  "VerbatimOut",
  "lstlisting",
  "minted",
  "comment",
  "filecontents",
  "filecontents*",
]);

/** Verbatim environments that take no argument: the rest of their `\begin` line is verbatim. */
export const ARGUMENTLESS_VERBATIM: ReadonlySet<string> = new Set([
  "verbatim",
  "verbatim*",
  "comment",
]);

/** Environments whose body is display or inline math. */
export const MATH_ENVIRONMENTS: readonly string[] = Object.freeze([
  "equation",
  "equation*",
  "align",
  "align*",
  "alignat",
  "alignat*",
  "flalign",
  "flalign*",
  "gather",
  "gather*",
  "multline",
  "multline*",
  "eqnarray",
  "eqnarray*",
  "math",
  "displaymath",
]);

/** What a control word does to the lexer state; most do nothing. */
export const Command = {
  None: 0,
  Begin: 1,
  End: 2,
  /** `\verb`, `\Verb`: a delimited inline verbatim argument. */
  Verb: 3,
  /** `\lstinline`: options, then a delimited or braced verbatim argument. */
  LstInline: 4,
  /** `\mintinline`: options, a language, then a delimited or braced verbatim argument. */
  MintInline: 5,
  /** `\url`, `\path`, `\href`: a braced or delimited argument where `%` and `#` are not special. */
  Url: 6,
  MakeAtLetter: 7,
  MakeAtOther: 8,
  ExplOn: 9,
  ExplOff: 10,
  Catcode: 11,
  /** `\newenvironment`: its begin code may start a verbatim environment. */
  NewEnvironment: 12,
  /** `\lstnewenvironment`, `\DefineVerbatimEnvironment`, `\newtcblisting`: defines a verbatim env. */
  NewVerbatimEnvironment: 13,
  /** `\newminted`: defines `<language>code`, or the name in its optional argument. */
  NewMinted: 14,
  /** `\VerbatimEnvironment` and `\verbatim`-like commands: inside a `\newenvironment` begin code. */
  VerbatimMarker: 15,
  /** `\text`, `\mbox`, `\intertext`, ...: inside math, their argument is text. */
  TextSwitch: 16,
  /** `\section` and its kin: a recovery point where math and groups left open are closed. */
  Sectioning: 17,
  /** `\def`, `\newcommand`, `\NewDocumentCommand` and kin: their body groups are not run. */
  Definition: 18,
  /** `\ensuremath`: in text, its argument is math. */
  EnsureMath: 19,
  /** `\MakeShortVerb`, `\DeleteShortVerb`, `\lstMakeShortInline` and kin. */
  ShortVerb: 20,
  /** `\begingroup`: a group for catcode changes (the brace depth does not count it). */
  BeginGroup: 21,
  /** `\endgroup`. */
  EndGroup: 22,
} as const;

/** One of the values of {@linkcode Command}. */
export type Command = typeof Command[keyof typeof Command];

/** The control words that act on the lexer state, by name (without the backslash). */
export const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ["begin", Command.Begin],
  ["end", Command.End],
  ["verb", Command.Verb],
  ["Verb", Command.Verb],
  ["lstinline", Command.LstInline],
  ["mintinline", Command.MintInline],
  ["url", Command.Url],
  ["path", Command.Url],
  ["href", Command.Url],
  ["makeatletter", Command.MakeAtLetter],
  ["makeatother", Command.MakeAtOther],
  ["ExplSyntaxOn", Command.ExplOn],
  ["ProvidesExplPackage", Command.ExplOn],
  ["ProvidesExplClass", Command.ExplOn],
  ["ProvidesExplFile", Command.ExplOn],
  ["ExplSyntaxOff", Command.ExplOff],
  ["catcode", Command.Catcode],
  ["newenvironment", Command.NewEnvironment],
  ["renewenvironment", Command.NewEnvironment],
  ["lstnewenvironment", Command.NewVerbatimEnvironment],
  ["DefineVerbatimEnvironment", Command.NewVerbatimEnvironment],
  ["newtcblisting", Command.NewVerbatimEnvironment],
  ["DeclareTCBListing", Command.NewVerbatimEnvironment],
  ["NewTCBListing", Command.NewVerbatimEnvironment],
  ["newminted", Command.NewMinted],
  ["VerbatimEnvironment", Command.VerbatimMarker],
  ["verbatim", Command.VerbatimMarker],
  ["Verbatim", Command.VerbatimMarker],
  ["lstlisting", Command.VerbatimMarker],
  ["minted", Command.VerbatimMarker],
  ["text", Command.TextSwitch],
  ["mbox", Command.TextSwitch],
  ["hbox", Command.TextSwitch],
  ["fbox", Command.TextSwitch],
  ["intertext", Command.TextSwitch],
  ["shortintertext", Command.TextSwitch],
  ["textrm", Command.TextSwitch],
  ["textbf", Command.TextSwitch],
  ["textit", Command.TextSwitch],
  ["textsf", Command.TextSwitch],
  ["texttt", Command.TextSwitch],
  ["textup", Command.TextSwitch],
  ["textsl", Command.TextSwitch],
  ["textsc", Command.TextSwitch],
  ["textnormal", Command.TextSwitch],
  ["tag", Command.TextSwitch],
  ["part", Command.Sectioning],
  ["chapter", Command.Sectioning],
  ["section", Command.Sectioning],
  ["subsection", Command.Sectioning],
  ["subsubsection", Command.Sectioning],
  ["paragraph", Command.Sectioning],
  ["subparagraph", Command.Sectioning],
  ...[...DEFINITIONS.keys()].filter((name) => !name.endsWith("environment")).map((name) =>
    [name, Command.Definition] as [string, Command]
  ),
  ["ensuremath", Command.EnsureMath],
  ["begingroup", Command.BeginGroup],
  ["endgroup", Command.EndGroup],
  ...[...SHORT_VERB_COMMANDS.keys()].map((name) => [name, Command.ShortVerb] as [string, Command]),
]);

/**
 * A hash of a control word's first and last characters and length, for
 * {@linkcode commandNameAt}.
 *
 * @param first The first character's code.
 * @param last The last character's code.
 * @param length The word's length.
 * @returns A number below 4096.
 */
export function commandHash(first: number, last: number, length: number): number {
  return ((first << 5) ^ (last << 1) ^ length) & 4095;
}

/** The names of {@linkcode COMMANDS} by {@linkcode commandHash} (most hashes have none). */
const NAMES_BY_HASH: readonly (readonly string[])[] = (() => {
  const t: string[][] = Array.from({ length: 4096 }, () => []);
  for (const name of COMMANDS.keys()) {
    t[commandHash(name.charCodeAt(0), name.charCodeAt(name.length - 1), name.length)]!.push(name);
  }
  return t;
})();

/**
 * The command that the control word `text[from .. to)` names, found without making a string of
 * the word: most control words are no command, and slicing and hashing each one to look it up in
 * {@linkcode COMMANDS} cost 4% of batch lexing.
 *
 * @param text The text.
 * @param from The index of the word's first letter (after the escape character).
 * @param to The index after its last letter.
 * @returns The command's name (a key of {@linkcode COMMANDS}), or `""` when the word is none.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { commandNameAt } from "./environments.ts";
 * assertEquals(commandNameAt("\\begin{x}", 1, 6), "begin");
 * assertEquals(commandNameAt("\\begun{x}", 1, 6), "");
 * ```
 */
export function commandNameAt(text: string, from: number, to: number): string {
  const names =
    NAMES_BY_HASH[commandHash(text.charCodeAt(from), text.charCodeAt(to - 1), to - from)]!;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name.length === to - from && text.startsWith(name, from)) return name;
  }
  return "";
}
