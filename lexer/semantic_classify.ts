/**
 * Semantic classification of one line: a pure function of the line's tokens and its start
 * state, so it stays incremental (a line whose tokens and start state did not change keeps its
 * classes). Arguments are recognised within the line only: `\label{` at a line's end and its key
 * on the next line leave the key unclassified.
 *
 * @module
 */

import { SemanticModifier, SemanticType } from "./semantic_legend.ts";
import type { LexState } from "./state.ts";
import type { Token } from "./token.ts";

/** What the mandatory argument of a command is. */
const ArgClass = {
  None: 0,
  Label: 1,
  LabelDefinition: 2,
  Citation: 3,
  Package: 4,
  Path: 5,
  Environment: 6,
  EnvironmentDefinition: 7,
  Language: 8,
  /** The first command after it is being defined. */
  Command: 9,
  /** `\inputminted{lang}{file}`: a language, then a path. */
  LanguageThenPath: 10,
  /** `\begin{name}`: an environment, and minted's language after it. */
  Begin: 11,
} as const;
type ArgClass = typeof ArgClass[keyof typeof ArgClass];

function names(list: string, cls: ArgClass, into: Map<string, ArgClass>): void {
  for (const n of list.split(" ")) into.set("\\" + n, cls);
}

const ARGUMENTS = new Map<string, ArgClass>();
names("label", ArgClass.LabelDefinition, ARGUMENTS);
names(
  "ref eqref cref Cref autoref pageref nameref vref Vref labelcref crefrange Crefrange " +
    "cpageref hyperref",
  ArgClass.Label,
  ARGUMENTS,
);
names(
  "cite citep citet citealp citealt citeauthor citeyear citeyearpar Cite parencite Parencite " +
    "textcite Textcite autocite Autocite footcite fullcite supercite smartcite nocite " +
    "citetitle citeurl",
  ArgClass.Citation,
  ARGUMENTS,
);
names(
  "usepackage RequirePackage documentclass LoadClass usetikzlibrary usepgflibrary " +
    "RequirePackageWithOptions LoadClassWithOptions",
  ArgClass.Package,
  ARGUMENTS,
);
names(
  "input include includeonly includegraphics bibliography addbibresource subfile " +
    "includestandalone includepdf lstinputlisting verbatiminput",
  ArgClass.Path,
  ARGUMENTS,
);
names("begin", ArgClass.Begin, ARGUMENTS);
names("end", ArgClass.Environment, ARGUMENTS);
names(
  "newenvironment renewenvironment NewDocumentEnvironment RenewDocumentEnvironment " +
    "ProvideDocumentEnvironment DeclareDocumentEnvironment newtheorem",
  ArgClass.EnvironmentDefinition,
  ARGUMENTS,
);
names("mint mintinline", ArgClass.Language, ARGUMENTS);
names("inputminted", ArgClass.LanguageThenPath, ARGUMENTS);
names(
  "newcommand renewcommand providecommand DeclareRobustCommand def gdef edef xdef let " +
    "NewDocumentCommand RenewDocumentCommand ProvideDocumentCommand DeclareDocumentCommand " +
    "DeclareMathOperator newrobustcmd renewrobustcmd NewCommandCopy DeclareTextFontCommand " +
    "cs_new:Npn cs_set:Npn",
  ArgClass.Command,
  ARGUMENTS,
);

const SECTIONING = new Set(
  "part chapter section subsection subsubsection paragraph subparagraph addchap addsec"
    .split(" ").map((n) => "\\" + n),
);

/** Commands whose argument, in math, is text. */
const TEXT_IN_MATH = new Set(
  "text textrm textit textbf textsf texttt textup textnormal mbox hbox intertext shortintertext"
    .split(" ").map((n) => "\\" + n),
);

/** Environments whose `\begin` takes a language argument after the name. */
const MINTED = new Set(["minted"]);

const MATH_DELIMITERS = new Set(["\\[", "\\]", "\\(", "\\)"]);

const NUMBER = /^[0-9]+(?:[.,][0-9]+)*$/;

/**
 * Classifies one line's tokens.
 *
 * The result is flat: for each classified token, in order, four numbers: its UTF-16 column,
 * its length, its type (an index into {@linkcode SEMANTIC_LEGEND}'s types) and its modifier
 * bits. Plain text, spaces and braces get no class.
 *
 * @param tokens The line's tokens, as the lexer gives them.
 * @param startState The state at the line's start: `mathText` continues from it.
 * @returns The classified tokens, four numbers each.
 * @example Sectioning, labels and math
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { classifyLine, SemanticModifier, SemanticType, tokenize } from "../mod.ts";
 * const q = classifyLine(tokenize("\\section{A}\\label{s:a} $x$"));
 * assertEquals(Array.from(q.slice(0, 4)), [0, 8, SemanticType.sectioning, 0]);
 * assertEquals(Array.from(q.slice(4, 8)), [11, 6, SemanticType.macro, 0]);
 * assertEquals(Array.from(q.slice(8, 12)), [18, 3, SemanticType.label, SemanticModifier.definition]);
 * assertEquals(Array.from(q.slice(16, 20)), [
 *   24, 1, SemanticType.variable, SemanticModifier.math,
 * ]);
 * ```
 */
export function classifyLine(tokens: readonly Token[], startState?: LexState): Uint32Array {
  const out: number[] = [];
  // Text inside math: set by a math `{` followed by text, cleared by the math `}` closing it.
  let mathText = startState !== undefined && startState.frames.length > 0;
  let lastWord = "";
  // The argument being looked for: its class, and brace and bracket depths.
  let pending: ArgClass = ArgClass.None;
  let then: ArgClass = ArgClass.None;
  let brackets = 0;
  let argDepth = 0;
  let argClass: ArgClass = ArgClass.None;
  let envName = "";
  const push = (t: Token, type: number, mods: number) => {
    out.push(t.column, t.length, type, mods);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const math = t.math ? SemanticModifier.math : 0;
    const textMod = !t.math && mathText ? SemanticModifier.mathText : 0;
    const mods = math | textMod;
    // Inside an argument being classified.
    if (argDepth > 0) {
      if (t.kind === "begin_group") {
        argDepth++;
        continue;
      }
      if (t.kind === "end_group") {
        argDepth--;
        if (argDepth === 0) {
          const done = argClass;
          argClass = ArgClass.None;
          if (done === ArgClass.Begin && MINTED.has(envName)) pending = ArgClass.Language;
          else if (done === ArgClass.LanguageThenPath) pending = ArgClass.Path;
          else if (then !== ArgClass.None) {
            pending = then;
            then = ArgClass.None;
          }
        }
        continue;
      }
      if (
        argClass === ArgClass.Command && (t.kind === "control_word" || t.kind === "control_symbol")
      ) {
        push(t, SemanticType.function, mods | SemanticModifier.definition);
        continue;
      }
      if (t.kind === "text" || t.kind === "active") {
        const cls = argType(argClass);
        if (cls !== undefined) {
          if (argClass === ArgClass.Begin) envName += t.text;
          push(t, cls[0], mods | cls[1]);
          continue;
        }
      }
      // Anything else inside the argument is classified as usual (a command in a path).
    } else if (pending !== ArgClass.None) {
      if (t.kind === "space") continue;
      if (t.kind === "text" && (brackets > 0 || t.text.startsWith("["))) {
        for (const ch of t.text) {
          if (ch === "[") brackets++;
          else if (ch === "]") brackets--;
        }
        if (brackets < 0) brackets = 0;
        continue;
      }
      if (brackets > 0) {
        // Inside an optional argument: classify as usual, keep looking.
      } else if (t.kind === "text" && t.text === "*") {
        continue; // \newcommand*{..}, \section*{..}
      } else if (t.kind === "begin_group") {
        argDepth = 1;
        argClass = pending;
        pending = ArgClass.None;
        envName = "";
        continue;
      } else if (
        pending === ArgClass.Command && (t.kind === "control_word" || t.kind === "control_symbol")
      ) {
        // \def\foo, \newcommand\foo
        push(t, SemanticType.function, mods | SemanticModifier.definition);
        pending = ArgClass.None;
        continue;
      } else {
        pending = ArgClass.None;
        brackets = 0;
      }
    }
    switch (t.kind) {
      case "control_word": {
        lastWord = t.text;
        const arg = ARGUMENTS.get(t.text);
        if (arg !== undefined && argDepth === 0) {
          pending = arg;
          then = ArgClass.None;
          brackets = 0;
        }
        if (SECTIONING.has(t.text)) push(t, SemanticType.sectioning, mods);
        else if (arg === ArgClass.Begin || arg === ArgClass.Environment) {
          push(t, SemanticType.environment, mods);
        } else if (arg === ArgClass.Command || arg === ArgClass.EnvironmentDefinition) {
          push(t, SemanticType.keyword, mods);
        } else push(t, SemanticType.macro, mods);
        continue;
      }
      case "control_symbol":
        push(
          t,
          MATH_DELIMITERS.has(t.text) ? SemanticType.mathDelimiter : SemanticType.macro,
          mods,
        );
        break;
      case "math_shift":
        push(t, SemanticType.mathDelimiter, mods);
        break;
      case "comment":
      case "doc_prefix": // DocTeX's leading % of a documentation line
        push(t, SemanticType.comment, mods);
        break;
      case "verbatim":
        push(t, SemanticType.verbatim, mods);
        break;
      case "parameter":
        push(t, SemanticType.parameter, mods);
        break;
      case "superscript":
      case "subscript":
      case "alignment":
      case "active":
        push(t, SemanticType.operator, mods);
        break;
      case "text":
        if (t.math) {
          push(t, NUMBER.test(t.text) ? SemanticType.number : SemanticType.variable, mods);
        }
        break;
      case "begin_group":
        if (t.math && TEXT_IN_MATH.has(lastWord)) mathText = true;
        break;
      case "end_group":
        if (t.math && mathText) mathText = false;
        break;
    }
    if (t.kind !== "space") lastWord = "";
  }
  return Uint32Array.from(out);
}

function argType(cls: ArgClass): readonly [number, number] | undefined {
  switch (cls) {
    case ArgClass.Label:
      return [SemanticType.label, 0];
    case ArgClass.LabelDefinition:
      return [SemanticType.label, SemanticModifier.definition];
    case ArgClass.Citation:
      return [SemanticType.citation, 0];
    case ArgClass.Package:
      return [SemanticType.package, 0];
    case ArgClass.Path:
      return [SemanticType.path, 0];
    case ArgClass.Begin:
    case ArgClass.Environment:
      return [SemanticType.environmentName, 0];
    case ArgClass.EnvironmentDefinition:
      return [SemanticType.environmentName, SemanticModifier.definition];
    case ArgClass.Language:
    case ArgClass.LanguageThenPath:
      return [SemanticType.language, 0];
    default:
      return undefined;
  }
}
