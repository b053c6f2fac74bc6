/**
 * What one line contributes to folding, symbols and diagnostics, worked out from its tokens and
 * the lexer's states at its start and end. A line's facts depend on nothing else, so after an
 * edit only the lines the lexer re-lexed get new facts.
 *
 * @module
 */

import { type LexState, Mode, type Token } from "../mod.ts";
import { MAX_DEPTH } from "../lexer/state.ts";
import { MACROCODE_ENVIRONMENTS } from "../lexer/_doctex.ts";

/** Structural events of a line, by kind. */
export const EventKind = {
  Begin: 0,
  End: 1,
  Section: 2,
  Label: 3,
} as const;

/** One of {@linkcode EventKind}. */
export type EventKind = typeof EventKind[keyof typeof EventKind];

/** A `\begin{x}`, `\end{x}`, sectioning command or `\label{x}` found on a line. */
export interface LineEvent {
  /** What it is. */
  readonly kind: EventKind;
  /** The environment name, the section title or the label key. */
  readonly name: string;
  /** The sectioning level (0 `\part` .. 6 `\subparagraph`), else -1. */
  readonly level: number;
  /** The command's first column (UTF-16). */
  readonly column: number;
  /** The column after the command and its braced argument. */
  readonly end: number;
  /** Set by the environment matching pass: an `\end` whose `\begin` is missing. */
  unmatched: boolean;
}

/** A problem local to one line. */
export interface LineProblem {
  /** The first column. */
  readonly column: number;
  /** The column after it. */
  readonly end: number;
  /** What is wrong, as a sentence. */
  readonly message: string;
}

/**
 * A recovery point (`\section` and its kin, `\begin{document}`, `\end{document}`, and in DocTeX
 * `\begin{macrocode}`, `\end{macrocode}`) reached with math or a group still open: the lexer
 * closes them there, as a blank line would.
 */
export interface Recovery {
  /** The command, as the message names it: `\section`, `\begin{document}`, ... */
  readonly name: string;
  /** Its column. */
  readonly column: number;
  /** Whether math was open just before it. */
  readonly math: boolean;
  /** Where that math was opened on this line, or -1 when it was opened on an earlier line. */
  readonly mathAt: number;
  /** The length of the delimiter that opened it (when on this line). */
  readonly mathLength: number;
  /** Whether a group was open just before it (our count agreeing with the lexer's). */
  readonly group: boolean;
  /** Where the outermost group still open was opened on this line, or -1: on an earlier line. */
  readonly groupAt: number;
  /** Whether it is its line's first recovery point: only that one closes what earlier lines opened. */
  readonly first: boolean;
}

/**
 * The tokens and the exact state before a column, for a line's recovery points; undefined when
 * they cannot be known exactly.
 */
export type StateBefore = (
  column: number,
) => { tokens: readonly Token[]; state: LexState } | undefined;

/** Everything folding, symbols and diagnostics need to know about one line. */
export interface LineFacts {
  /** Environment, section and label events, in order; events inside a group are left out. */
  readonly events: readonly LineEvent[];
  /** Whether the line holds only a comment (and spaces before it). */
  readonly comment: boolean;
  /** Whether the line ends a paragraph for the lexer (blank, outside verbatim). */
  readonly blank: boolean;
  /** `}` with no open group, when the lexer's depth confirms the count. */
  readonly problems: readonly LineProblem[];
  /** The column of the `{` that opened the outermost group still open at the line end, or -1. */
  readonly groupOpen: number;
  /** The column and length of the delimiter that opened math still open at the line end, or -1. */
  readonly mathOpen: number;
  /** The length of that delimiter. */
  readonly mathOpenLength: number;
  /** The recovery points reached with math or a group open, in order. */
  readonly recoveries: readonly Recovery[];
}

/** The facts of a line that has none of interest: most prose lines. */
export const NO_FACTS: LineFacts = Object.freeze({
  events: Object.freeze([]) as readonly LineEvent[],
  comment: false,
  blank: false,
  problems: Object.freeze([]) as readonly LineProblem[],
  groupOpen: -1,
  mathOpen: -1,
  mathOpenLength: 0,
  recoveries: Object.freeze([]) as readonly Recovery[],
});

/** Sectioning commands and their levels. */
export const SECTION_LEVELS: ReadonlyMap<string, number> = new Map([
  ["\\part", 0],
  ["\\chapter", 1],
  ["\\section", 2],
  ["\\subsection", 3],
  ["\\subsubsection", 4],
  ["\\paragraph", 5],
  ["\\subparagraph", 6],
]);

/** Commands whose braced argument names a label. */
const LABELS = new Set(["\\label"]);

function isMath(mode: Mode): boolean {
  return mode >= Mode.InlineMath && mode <= Mode.EnvMath;
}

/**
 * Whether a state has math open: a math mode, or a group (a `\text{..}` argument, a definition
 * body) opened in math, whose frame returns to it. A definition body opened in text is no math.
 *
 * @param s A lexer state.
 * @returns `true` when math is open.
 */
export function mathOpen(s: LexState): boolean {
  if (isMath(s.mode)) return true;
  for (const f of s.frames) if (isMath(f.mode)) return true;
  return false;
}

/** The braced argument starting at token `i` (after optional spaces, a `*` and `[..]`). */
function bracedArgument(
  tokens: readonly Token[],
  i: number,
  options: { star: boolean; optional: boolean },
): { text: string; end: number; next: number } | undefined {
  let j = i;
  const skipSpace = () => {
    while (j < tokens.length && tokens[j]!.kind === "space") j++;
  };
  skipSpace();
  if (options.star && tokens[j]?.kind === "text" && tokens[j]!.text.startsWith("*")) {
    if (tokens[j]!.text !== "*") return undefined;
    j++;
    skipSpace();
  }
  if (options.optional && tokens[j]?.kind === "text" && tokens[j]!.text.startsWith("[")) {
    let depth = 0;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.kind === "begin_group") depth++;
      else if (t.kind === "end_group") depth--;
      else if (depth === 0 && t.kind === "text" && t.text.endsWith("]")) break;
    }
    j++;
    skipSpace();
  }
  if (tokens[j]?.kind !== "begin_group") return undefined;
  let depth = 0;
  const parts: string[] = [];
  for (let k = j; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === "begin_group") depth++;
    else if (t.kind === "end_group") depth--;
    if (depth === 0) return { text: parts.join(""), end: t.column + t.length, next: k + 1 };
    if (k > j) parts.push(t.text);
  }
  return undefined;
}

/** Whether a token opens math: `$`, `$$`, `\(`, `\[` or the `\begin` of a math environment. */
function opensMath(t: Token): boolean {
  return t.kind === "math_shift" || (t.kind === "control_symbol" &&
    (t.text === "\\(" || t.text === "\\[")) ||
    (t.kind === "control_word" && t.text === "\\begin");
}

/**
 * Works out one line's facts.
 *
 * @param tokens The line's tokens.
 * @param start The lexer state at the line start.
 * @param end The lexer state at the line end (the next line's start state, or the final state).
 * @param context The document's: `before`, the exact state before a column, to see what a
 *   recovery point closes (without it, recovery points are not checked); `docTeX`, whether
 *   `macrocode` environments begin and end code (recovery points too).
 * @returns The facts; {@linkcode NO_FACTS} for a line with none.
 */
export function lineFacts(
  tokens: readonly Token[],
  start: LexState,
  end: LexState,
  context: { before?: StateBefore; docTeX?: boolean } = {},
): LineFacts {
  const before = context.before;
  const inVerbatim = start.mode === Mode.Verbatim;
  if (tokens.length === 0 || tokens.every((t) => t.kind === "space" || t.kind === "ignored")) {
    return inVerbatim ? NO_FACTS : { ...NO_FACTS, blank: true };
  }
  let first = 0;
  while (first < tokens.length && tokens[first]!.kind === "space") first++;
  const comment = first < tokens.length && tokens[first]!.kind === "comment" &&
    first === tokens.length - 1;
  const events: LineEvent[] = [];
  const problems: LineProblem[] = [];
  let depth = start.depth;
  let groupOpen = -1;
  let mathAt = -1;
  let mathLength = 0;
  let wasMath = mathOpen(start);
  const recoveries: Recovery[] = [];
  let recovered = false;
  /** Whether anything before the current token may have left math or a group open. */
  let maybeOpen = wasMath || start.depth > 0;
  /** At a recovery point: records what it closes, when that is known exactly. */
  const recovery = (i: number, name: string) => {
    const column = tokens[i]!.column;
    const firstOnLine = !recovered;
    recovered = true;
    if (!maybeOpen || before === undefined) return;
    // Only spaces (and DocTeX's `%`) before it: the state is the line's start state.
    let lead = 0;
    while (lead < i && (tokens[lead]!.kind === "space" || tokens[lead]!.kind === "doc_prefix")) {
      lead++;
    }
    let state = start;
    if (i > lead) {
      const prefix = before(column);
      if (prefix === undefined || !sameTokens(prefix.tokens, tokens, i)) return;
      state = prefix.state;
    }
    const math = mathOpen(state) && (mathAt >= 0 || firstOnLine);
    const group = state.depth > 0 && state.depth === depth && (groupOpen >= 0 || firstOnLine);
    if (math || group) {
      recoveries.push({
        name,
        column,
        math,
        mathAt: math ? mathAt : -1,
        mathLength: math && mathAt >= 0 ? mathLength : 0,
        group,
        groupAt: group ? groupOpen : -1,
        first: firstOnLine,
      });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.math && !wasMath && opensMath(t)) {
      mathAt = t.column;
      mathLength = t.length;
    }
    wasMath = t.math;
    if (t.math || t.kind === "begin_group") maybeOpen = true;
    switch (t.kind) {
      case "begin_group":
        if (depth < MAX_DEPTH) {
          if (depth === 0) groupOpen = t.column;
          depth++;
        }
        break;
      case "end_group":
        if (depth === 0) {
          problems.push({
            column: t.column,
            end: t.column + 1,
            message: "Unbalanced braces: this `}` closes no group opened in its paragraph",
          });
        } else {
          depth--;
          if (depth === 0) groupOpen = -1;
        }
        break;
      case "control_word": {
        const level = SECTION_LEVELS.get(t.text);
        const begin = t.text === "\\begin";
        if (begin || t.text === "\\end") {
          const arg = bracedArgument(tokens, i + 1, { star: false, optional: false });
          if (arg === undefined) break;
          if (
            arg.text === "document" ||
            (context.docTeX === true && MACROCODE_ENVIRONMENTS.has(arg.text))
          ) {
            recovery(i, `\\${begin ? "begin" : "end"}{${arg.text}}`);
            depth = 0;
            groupOpen = -1;
            mathAt = -1;
            maybeOpen = false;
          }
          if (depth === 0) {
            events.push({
              kind: begin ? EventKind.Begin : EventKind.End,
              name: arg.text,
              level: -1,
              column: t.column,
              end: arg.end,
              unmatched: false,
            });
          }
        } else if (level !== undefined) {
          // A recovery point: the lexer closes math and groups left open.
          recovery(i, t.text);
          depth = 0;
          groupOpen = -1;
          mathAt = -1;
          maybeOpen = false;
          const arg = bracedArgument(tokens, i + 1, { star: true, optional: true });
          events.push({
            kind: EventKind.Section,
            name: arg?.text.trim() ?? "",
            level,
            column: t.column,
            end: arg?.end ?? t.column + t.length,
            unmatched: false,
          });
        } else if (LABELS.has(t.text) && depth === 0) {
          const arg = bracedArgument(tokens, i + 1, { star: false, optional: false });
          if (arg !== undefined) {
            events.push({
              kind: EventKind.Label,
              name: arg.text,
              level: -1,
              column: t.column,
              end: arg.end,
              unmatched: false,
            });
          }
        }
        break;
      }
    }
  }
  // Our count of the groups must agree with the lexer's; where it does not (a construct this
  // replay does not model), the line gets no brace diagnostics.
  const exact = depth === end.depth;
  const math = mathOpen(end);
  if (
    events.length === 0 && !comment && (!exact || (problems.length === 0 && groupOpen < 0)) &&
    (!math || mathAt < 0) && recoveries.length === 0
  ) {
    return NO_FACTS;
  }
  return {
    events,
    comment,
    blank: false,
    problems: exact ? problems : NO_FACTS.problems,
    groupOpen: exact && end.depth > 0 ? groupOpen : -1,
    mathOpen: math ? mathAt : -1,
    mathOpenLength: math && mathAt >= 0 ? mathLength : 0,
    recoveries: recoveries.length === 0 ? NO_FACTS.recoveries : recoveries,
  };
}

/** Whether `a` are the first `n` tokens of `b`. */
function sameTokens(a: readonly Token[], b: readonly Token[], n: number): boolean {
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind !== y.kind || x.length !== y.length || x.math !== y.math) return false;
  }
  return true;
}
