/**
 * Folding ranges, document symbols and diagnostics of one document, kept up to date line by line:
 * after an edit only the lines the lexer re-lexed are analysed again, and the paragraphs they are
 * in; the environment matching runs again only when an edit added or removed a `\begin`/`\end`.
 *
 * @module
 */

import type { LexState, Token } from "../mod.ts";
import { Mode } from "../mod.ts";
import { EventKind, type LineEvent, type LineFacts, lineFacts, mathOpen } from "./_line_facts.ts";
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
 * assertEquals(analysis.foldingRanges(), []);
 * ```
 */
export class DocumentAnalysis {
  readonly #doc: LexedLines;
  #facts: LineFacts[] = [];
  #para: (readonly ParagraphProblem[])[] = [];
  #eof: readonly ParagraphProblem[] = NONE;
  #verbatimLine = -1;
  #structure: Structure | undefined;
  #changed = true;
  /** Lines analysed by the last update, for reports and tests. */
  lastAnalysedLines = 0;

  /**
   * Analyses a whole document.
   *
   * @param doc The lexed document (an {@linkcode IncrementalLexer} or an editor session's lexer).
   */
  constructor(doc: LexedLines) {
    this.#doc = doc;
    this.#rebuild();
  }

  #factsOf(line: number): LineFacts {
    const doc = this.#doc;
    const end = line + 1 < doc.lineCount ? doc.lineState(line + 1) : doc.finalState;
    return lineFacts(doc.lineTokens(line), doc.lineState(line), end);
  }

  #rebuild(): void {
    const n = this.#doc.lineCount;
    this.#facts = new Array(n);
    for (let i = 0; i < n; i++) this.#facts[i] = this.#factsOf(i);
    this.#para = new Array(n).fill(NONE);
    for (let i = 0; i < n; i++) if (this.#facts[i]!.blank) this.#para[i] = this.#paragraphEnd(i);
    this.#eof = this.#paragraphEnd(n);
    this.#verbatimLine = this.#doc.finalState.mode === Mode.Verbatim
      ? this.#findVerbatimOpener()
      : -1;
    this.#structure = matchStructure(this.#facts, n - 1, this.#doc.lineText(n - 1).length);
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
    let changed = old.some(hasProblem) || fresh.some(hasProblem);
    for (let i = fromLine; i < fromLine + removed && !changed; i++) {
      if (this.#para[i]!.length > 0) changed = true;
    }
    spliceLarge(this.#facts, fromLine, removed, fresh);
    spliceLarge(this.#para, fromLine, removed, new Array(added).fill(NONE));
    // Paragraph ends whose paragraph holds a changed line: those in the range and the next one.
    const facts = this.#facts;
    let line = fromLine;
    for (; line < facts.length; line++) {
      if (!facts[line]!.blank) continue;
      const before = this.#para[line]!;
      const after = this.#paragraphEnd(line);
      if (before.length > 0 || after.length > 0) changed = true;
      this.#para[line] = after;
      if (line >= changedToLine) break;
    }
    this.lastAnalysedLines = added + Math.max(0, line - changedToLine);
    if (line >= facts.length) {
      const after = this.#paragraphEnd(facts.length);
      if (after.length > 0 || this.#eof.length > 0) changed = true;
      this.#eof = after;
    }
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
      if (this.#structure.flagsChanged) changed = true;
    } else this.#structure = undefined;
    // Lines moved: diagnostics after the edit now have other line numbers.
    if (removed !== added && !changed) changed = this.#anyProblemAfter(fromLine + added);
    this.#changed ||= changed;
  }

  #anyProblemAfter(line: number): boolean {
    if (this.#eof.length > 0 || this.#verbatimLine >= line) return true;
    const facts = this.#facts;
    for (let i = line; i < facts.length; i++) {
      if (hasProblem(facts[i]!) || this.#para[i]!.length > 0) return true;
    }
    return false;
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
    const out: ParagraphProblem[] = [];
    const facts = this.#facts;
    if (mathOpen(s)) {
      for (let j = b - 1; j >= 0 && !facts[j]!.blank; j--) {
        const f = facts[j]!;
        if (f.mathOpen >= 0) {
          out.push({
            back: b - j,
            column: f.mathOpen,
            end: f.mathOpen + f.mathOpenLength,
            severity: 1,
            message: "Math opened here is still open at the end of the paragraph",
          });
          break;
        }
      }
    }
    if (s.depth > 0) {
      for (let j = b - 1; j >= 0 && !facts[j]!.blank; j--) {
        const f = facts[j]!;
        if (f.groupOpen >= 0) {
          out.push({
            back: b - j,
            column: f.groupOpen,
            end: f.groupOpen + 1,
            severity: 2,
            message: "Unbalanced braces: this `{` is still open at the end of the paragraph",
          });
          break;
        }
        if (doc.lineState(j).depth === 0) break;
      }
    }
    return out.length === 0 ? NONE : out;
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
    for (let line = 0; line < facts.length; line++) {
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

function hasProblem(f: LineFacts): boolean {
  return f.problems.length > 0 || f.events.some((e) => e.unmatched);
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
