/**
 * Folding ranges, document symbols and diagnostics of one document, kept up to date line by line:
 * after an edit only the lines the lexer re-lexed are analysed again, and the paragraphs they are
 * in; the environment matching runs again only when an edit added or removed a `\begin`/`\end`.
 *
 * @module
 */

import type { LexerOptions, LexState, Token } from "../mod.ts";
import { lexLine, Mode } from "../mod.ts";
import {
  EventKind,
  type LineEvent,
  type LineFacts,
  lineFacts,
  mathOpen,
  type Recovery,
  type StateBefore,
} from "./_line_facts.ts";
import { type Fold, matchStructure, type OutlineSymbol, type Structure } from "./_structure.ts";

export type { Fold, OutlineSymbol } from "./_structure.ts";

/** What {@linkcode DocumentAnalysis} reads from a lexed document: the incremental lexer's API. */
export interface LexedLines {
  /** The number of lines. */
  readonly lineCount: number;
  /** The state after the last line. */
  readonly finalState: LexState;
  /** One line's text, without its ending. */
  lineText(line: number): string;
  /** One line's tokens. */
  lineTokens(line: number): Token[];
  /** The lexer state at the start of a line. */
  lineState(line: number): LexState;
}

/** The lines an edit changed, as the incremental lexer reports them. */
export interface ChangedLines {
  /** The first line touched. */
  fromLine: number;
  /** The end (exclusive) of the replaced lines, old numbering. */
  oldToLine: number;
  /** The end (exclusive) of the lines that replaced them, new numbering. */
  newToLine: number;
  /** The end (exclusive, new numbering) of the lines whose tokens were recomputed. */
  changedToLine: number;
}

/** A diagnostic in UTF-16 positions (LSP's `Diagnostic`). */
export interface LatexDiagnostic {
  /** Where. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** 1 error, 2 warning (LSP's `DiagnosticSeverity`). */
  severity: 1 | 2;
  /** Always `latex-perfectionist`. */
  source: string;
  /** What is wrong. */
  message: string;
}

/** A problem found at a paragraph's end, attached to the blank line that ends it. */
interface ParagraphProblem {
  /** How many lines before the blank line the problem is. */
  back: number;
  column: number;
  end: number;
  severity: 1 | 2;
  message: string;
}

const SOURCE = "latex-perfectionist";
const NONE: readonly ParagraphProblem[] = Object.freeze([]);

/**
 * The analysis of one document, updated edit by edit.
 *
 * @example Diagnostics after an edit
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { IncrementalLexer } from "../mod.ts";
 * import { DocumentAnalysis } from "./document_analysis.ts";
 *
 * const lexer = new IncrementalLexer("\\begin{a}\nx\n\\end{a}\n");
 * const analysis = new DocumentAnalysis(lexer);
 * assertEquals(analysis.diagnostics(), []);
 * analysis.update(lexer.edit(7, 8, "b")); // \begin{b} ... \end{a}
 * assertEquals(analysis.diagnostics().map((d) => d.range.start.line), [2]);
 * // The environment b, never closed, folds to the end.
 * assertEquals(analysis.foldingRanges(), [{ startLine: 0, endLine: 3 }]);
 * ```
 */
export class DocumentAnalysis {
  readonly #doc: LexedLines;
  readonly #options: LexerOptions;
  #facts: LineFacts[] = [];
  #para: (readonly ParagraphProblem[])[] = [];
  #eof: readonly ParagraphProblem[] = NONE;
  #verbatimLine = -1;
  #structure: Structure | undefined;
  #changed = true;
  /**
   * The lines with a diagnostic (in their facts or at their paragraph end), sorted: publishing
   * costs the diagnostics, not the document, and an edit that moves lines knows at once whether
   * any diagnostic moved with them.
   */
  #problemLines: number[] = [];
  /** Lines analysed by the last update, for reports and tests. */
  lastAnalysedLines = 0;

  /**
   * Analyses a whole document.
   *
   * @param doc The lexed document (an {@linkcode IncrementalLexer} or an editor session's lexer).
   * @param options The options it was lexed with (for what recovery points such as `\section`
   *   close, which is worked out by lexing the line up to them).
   */
  constructor(doc: LexedLines, options: LexerOptions = {}) {
    this.#doc = doc;
    this.#options = options;
    this.#rebuild();
  }

  #factsOf(line: number): LineFacts {
    const doc = this.#doc;
    const start = doc.lineState(line);
    const end = line + 1 < doc.lineCount ? doc.lineState(line + 1) : doc.finalState;
    // The state before a recovery point: the line lexed up to it (lineFacts checks that this
    // gives the line's own tokens, so that the state is the one the lexer had there).
    const before: StateBefore = (column) => {
      const r = lexLine(doc.lineText(line).slice(0, column), start, this.#options);
      return { tokens: r.tokens, state: r.endState };
    };
    return lineFacts(doc.lineTokens(line), start, end, {
      before,
      docTeX: this.#options.docTeX === true,
    });
  }

  /** The problems a line ends its paragraph with: a blank line, or recovery points. */
  #problemsAt(line: number): readonly ParagraphProblem[] {
    const f = this.#facts[line]!;
    if (f.blank) return this.#paragraphEnd(line);
    if (f.recoveries.length === 0) return NONE;
    const out: ParagraphProblem[] = [];
    for (const r of f.recoveries) out.push(...this.#stillOpen(line, r.math, r.group, r));
    return out.length === 0 ? NONE : out;
  }

  #rebuild(): void {
    const n = this.#doc.lineCount;
    this.#facts = new Array(n);
    for (let i = 0; i < n; i++) this.#facts[i] = this.#factsOf(i);
    this.#para = new Array(n).fill(NONE);
    for (let i = 0; i < n; i++) {
      const f = this.#facts[i]!;
      if (f.blank || f.recoveries.length > 0) this.#para[i] = this.#problemsAt(i);
    }
    this.#eof = this.#paragraphEnd(n);
    this.#verbatimLine = this.#doc.finalState.mode === Mode.Verbatim
      ? this.#findVerbatimOpener()
      : -1;
    this.#structure = matchStructure(this.#facts, n - 1, this.#doc.lineText(n - 1).length);
    this.#problemLines = this.#allProblemLines();
    this.#changed = true;
    this.lastAnalysedLines = n;
  }

  /**
   * Brings the analysis up to date after an edit of the document it reads.
   *
   * @param change The lines the edit changed, as the lexer reported them.
   */
  update(change: ChangedLines): void {
    const { fromLine, oldToLine, newToLine, changedToLine } = change;
    const removed = changedToLine - newToLine + oldToLine - fromLine;
    const added = changedToLine - fromLine;
    if (added > (this.#facts.length >> 1)) {
      this.#rebuild();
      return;
    }
    const old = this.#facts.slice(fromLine, fromLine + removed);
    const fresh: LineFacts[] = new Array(added);
    for (let i = 0; i < added; i++) fresh[i] = this.#factsOf(fromLine + i);
    const oldEnv = environmentEvents(old);
    const newEnv = environmentEvents(fresh);
    const sameEnv = oldEnv.length === newEnv.length &&
      oldEnv.every((e, i) => e.kind === newEnv[i]!.kind && e.name === newEnv[i]!.name);
    if (sameEnv) {
      // The matching cannot change: the new events inherit the old ones' flags.
      for (let i = 0; i < newEnv.length; i++) newEnv[i]!.unmatched = oldEnv[i]!.unmatched;
    }
    // The problem lines: those of the replaced lines go, the later ones move, the new ones come.
    const list = this.#problemLines;
    const lo = lowerBound(list, fromLine);
    const hi = lowerBound(list, fromLine + removed);
    const mid: number[] = [];
    for (let i = 0; i < added; i++) if (hasProblem(fresh[i]!)) mid.push(fromLine + i);
    let changed = hi > lo || mid.length > 0;
    const tail = list.slice(hi);
    for (let i = 0; i < tail.length; i++) tail[i]! += added - removed;
    this.#problemLines = list.slice(0, lo).concat(mid, tail);
    spliceLarge(this.#facts, fromLine, removed, fresh);
    spliceLarge(this.#para, fromLine, removed, new Array(added).fill(NONE));
    // Paragraph ends whose paragraph holds a changed line: those among the changed lines, and
    // the next one only when math or a group is open where the changed lines end (otherwise
    // what is open at that paragraph end was opened after them, in lines the edit did not touch).
    const facts = this.#facts;
    const redo = (line: number) => {
      const before = this.#para[line]!;
      const after = this.#problemsAt(line);
      if (before.length > 0 || after.length > 0) changed = true;
      this.#para[line] = after;
      this.#markProblem(line, after.length > 0 || hasProblem(facts[line]!));
    };
    let line = fromLine;
    const endsParagraph = (f: LineFacts) => f.blank || f.recoveries.length > 0;
    for (; line < changedToLine; line++) if (endsParagraph(facts[line]!)) redo(line);
    const next = changedToLine < facts.length ? this.#doc.lineState(changedToLine) : undefined;
    if (next === undefined || mathOpen(next) || next.depth > 0) {
      // Until the paragraph end: a blank line, or a line whose recovery point (such as
      // \section) closes what is open; unless the lexer closes it before (then what is open
      // at the end was opened after that).
      let open = true;
      while (line < facts.length && !facts[line]!.blank) {
        const state = this.#doc.lineState(line);
        if (!mathOpen(state) && state.depth === 0) {
          open = false;
          break;
        }
        if (facts[line]!.recoveries.length > 0) break;
        line++;
      }
      if (open && line < facts.length) redo(line);
      else if (open) {
        const after = this.#paragraphEnd(facts.length);
        if (after.length > 0 || this.#eof.length > 0) changed = true;
        this.#eof = after;
      }
    }
    this.lastAnalysedLines = added + Math.max(0, line - changedToLine);
    const verbatim = this.#verbatimLine;
    if (this.#doc.finalState.mode === Mode.Verbatim) {
      if (verbatim < 0 || fromLine <= verbatim) {
        this.#verbatimLine = this.#findVerbatimOpener();
        changed = true;
      }
    } else this.#verbatimLine = -1;
    if (this.#verbatimLine !== verbatim) changed = true;
    if (!sameEnv) {
      const n = facts.length;
      this.#structure = matchStructure(facts, n - 1, this.#doc.lineText(n - 1).length);
      if (this.#structure.flagsChanged) {
        changed = true;
        this.#problemLines = this.#allProblemLines();
      }
    } else if (
      removed !== added || fromLine + added >= facts.length || !sameOutline(old, fresh)
    ) {
      // Folding and symbols are rebuilt when asked for; typing inside a line of prose keeps them
      // (but not on the last line: what is left open ends there).
      this.#structure = undefined;
    }
    // Lines moved: diagnostics after the edit now have other line numbers.
    if (removed !== added && !changed) changed = this.#anyProblemAfter(fromLine + added);
    this.#changed ||= changed;
  }

  #anyProblemAfter(line: number): boolean {
    if (this.#eof.length > 0 || this.#verbatimLine >= line) return true;
    const list = this.#problemLines;
    return list.length > 0 && list[list.length - 1]! >= line;
  }

  #allProblemLines(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.#facts.length; i++) {
      if (hasProblem(this.#facts[i]!) || this.#para[i]!.length > 0) out.push(i);
    }
    return out;
  }

  /** Puts a line in the problem lines, or takes it out. */
  #markProblem(line: number, problem: boolean): void {
    const list = this.#problemLines;
    const at = lowerBound(list, line);
    const present = list[at] === line;
    if (problem && !present) list.splice(at, 0, line);
    else if (!problem && present) list.splice(at, 1);
  }

  #findVerbatimOpener(): number {
    const doc = this.#doc;
    let line = doc.lineCount - 1;
    while (line > 0 && doc.lineState(line).mode === Mode.Verbatim) line--;
    return line;
  }

  /** The problems at the paragraph end on line `b` (or the document's end when `b` is past it). */
  #paragraphEnd(b: number): readonly ParagraphProblem[] {
    const doc = this.#doc;
    const s = b < doc.lineCount ? doc.lineState(b) : doc.finalState;
    if (s.mode === Mode.Verbatim) return NONE;
    const out = this.#stillOpen(b, mathOpen(s), s.depth > 0, undefined);
    return out.length === 0 ? NONE : out;
  }

  /**
   * Where the math and the group still open at a paragraph's end were opened: on the line of a
   * recovery point before it (`here`), else on the nearest line before `b` in the paragraph.
   */
  #stillOpen(
    b: number,
    math: boolean,
    group: boolean,
    here: Recovery | undefined,
  ): ParagraphProblem[] {
    const doc = this.#doc;
    const out: ParagraphProblem[] = [];
    const facts = this.#facts;
    const where = here === undefined
      ? "at the end of the paragraph"
      : `where ${here.name} ends the paragraph`;
    if (math) {
      const message = `Math opened here is still open ${where}`;
      if (here !== undefined && here.mathAt >= 0) {
        const end = here.mathAt + here.mathLength;
        out.push({ back: 0, column: here.mathAt, end, severity: 1, message });
      } else {
        for (let j = b - 1; j >= 0 && !facts[j]!.blank; j--) {
          const f = facts[j]!;
          if (f.mathOpen >= 0) {
            const end = f.mathOpen + f.mathOpenLength;
            out.push({ back: b - j, column: f.mathOpen, end, severity: 1, message });
            break;
          }
          // A recovery point closed the math before it: the paragraph starts on that line.
          if (f.recoveries.length > 0) break;
        }
      }
    }
    if (group) {
      const message = `Unbalanced braces: this \`{\` is still open ${where}`;
      if (here !== undefined && here.groupAt >= 0) {
        out.push({ back: 0, column: here.groupAt, end: here.groupAt + 1, severity: 2, message });
      } else {
        for (let j = b - 1; j >= 0 && !facts[j]!.blank; j--) {
          const f = facts[j]!;
          if (f.groupOpen >= 0) {
            out.push({
              back: b - j,
              column: f.groupOpen,
              end: f.groupOpen + 1,
              severity: 2,
              message,
            });
            break;
          }
          if (f.recoveries.length > 0 || doc.lineState(j).depth === 0) break;
        }
      }
    }
    return out;
  }

  /**
   * Whether the diagnostics may have changed since the last call to {@linkcode diagnostics}.
   *
   * @returns `true` when they should be published again.
   */
  get diagnosticsChanged(): boolean {
    return this.#changed;
  }

  /**
   * The document's diagnostics, in UTF-16 positions, by line.
   *
   * @returns The diagnostics.
   */
  diagnostics(): LatexDiagnostic[] {
    this.#changed = false;
    const out: LatexDiagnostic[] = [];
    const facts = this.#facts;
    const range = (line: number, column: number, end: number) => ({
      start: { line, character: column },
      end: { line, character: end },
    });
    const para = (b: number, problems: readonly ParagraphProblem[]) => {
      for (const p of problems) {
        out.push({
          range: range(b - p.back, p.column, p.end),
          severity: p.severity,
          source: SOURCE,
          message: p.message,
        });
      }
    };
    for (const line of this.#problemLines) {
      const f = facts[line]!;
      if (f.problems.length > 0) {
        for (const p of f.problems) {
          out.push({
            range: range(line, p.column, p.end),
            severity: 2,
            source: SOURCE,
            message: p.message,
          });
        }
      }
      for (const e of f.events) {
        if (e.kind === EventKind.End && e.unmatched) {
          out.push({
            range: range(line, e.column, e.end),
            severity: 1,
            source: SOURCE,
            message: `\\end{${e.name}} has no matching \\begin{${e.name}}`,
          });
        }
      }
      const p = this.#para[line]!;
      if (p.length > 0) para(line, p);
    }
    para(facts.length, this.#eof);
    if (this.#verbatimLine >= 0) {
      const env = this.#doc.finalState.env;
      const line = this.#verbatimLine;
      const begin = facts[line]!.events.findLast((e) =>
        e.kind === EventKind.Begin && e.name === env
      );
      out.push({
        range: begin === undefined
          ? range(line, 0, this.#doc.lineText(line).length)
          : range(line, begin.column, begin.end),
        severity: 1,
        source: SOURCE,
        message: `The verbatim environment ${env} is never closed: \\end{${env}} is missing`,
      });
    }
    out.sort((a, b) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    );
    return out;
  }

  #structureNow(): Structure {
    if (this.#structure === undefined) {
      const n = this.#facts.length;
      this.#structure = matchStructure(this.#facts, n - 1, this.#doc.lineText(n - 1).length);
    }
    return this.#structure;
  }

  /**
   * Folding ranges: environments, sections and blocks of comment lines.
   *
   * @returns The ranges, by start line.
   */
  foldingRanges(): Fold[] {
    return this.#structureNow().folds;
  }

  /**
   * The outline: sections nested by level, environments, labels.
   *
   * @returns The top-level symbols.
   */
  documentSymbols(): OutlineSymbol[] {
    return this.#structureNow().symbols;
  }
}

/** The index of the first element of a sorted array that is not below `x`. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (sorted[m]! < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

function hasProblem(f: LineFacts): boolean {
  return f.problems.length > 0 || f.events.some((e) => e.unmatched);
}

/** Whether two runs of lines give the same folds and symbols in the same places. */
function sameOutline(a: readonly LineFacts[], b: readonly LineFacts[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.comment !== y.comment || x.events.length !== y.events.length) return false;
    for (let k = 0; k < x.events.length; k++) {
      const e = x.events[k]!;
      const f = y.events[k]!;
      if (
        e.kind !== f.kind || e.name !== f.name || e.level !== f.level || e.column !== f.column ||
        e.end !== f.end
      ) return false;
    }
  }
  return true;
}

function environmentEvents(facts: readonly LineFacts[]): LineEvent[] {
  const out: LineEvent[] = [];
  for (const f of facts) {
    for (const e of f.events) {
      if (e.kind === EventKind.Begin || e.kind === EventKind.End) out.push(e);
    }
  }
  return out;
}

/** `array.splice(at, remove, ...items)` without spreading a large array onto the stack. */
function spliceLarge<T>(array: T[], at: number, remove: number, items: T[]): void {
  if (items.length < 10000) {
    array.splice(at, remove, ...items);
    return;
  }
  const tail = array.slice(at + remove);
  array.length = at;
  for (const x of items) array.push(x);
  for (const x of tail) array.push(x);
}
