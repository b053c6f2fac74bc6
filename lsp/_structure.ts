/**
 * The document's structure from its lines' events: environments matched by a stack, the
 * sectioning outline, labels, and the folding ranges they give. One pass over the lines that have
 * events; it also marks each `\end{x}` whose `\begin{x}` is missing.
 *
 * @module
 */

import { EventKind, type LineEvent, type LineFacts } from "./_line_facts.ts";

/** A symbol kind of LSP (`SymbolKind`), as the numbers the protocol sends. */
export const SymbolKind = { Module: 2, Namespace: 3, Struct: 23, Key: 20 } as const;

/** A document symbol in UTF-16 positions (LSP's `DocumentSymbol`). */
export interface OutlineSymbol {
  /** The title, environment name or label key. */
  name: string;
  /** What it is: `section`, `environment`, `label`, ... */
  detail: string;
  /** The LSP symbol kind. */
  kind: typeof SymbolKind[keyof typeof SymbolKind];
  /** Lines and columns it covers. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The command itself. */
  selectionRange: {
    start: { line: number; character: number };
    end: { line: number; character: number };
  };
  /** Nested symbols. */
  children: OutlineSymbol[];
}

/** A folding range (LSP's `FoldingRange`). */
export interface Fold {
  /** The first line. */
  startLine: number;
  /** The last line folded. */
  endLine: number;
  /** `comment` for comment blocks, else absent. */
  kind?: "comment";
}

/** The result of {@linkcode matchStructure}. */
export interface Structure {
  /** The outline: sections, environments and labels, nested. */
  symbols: OutlineSymbol[];
  /** Environments, sections and comment blocks. */
  folds: Fold[];
  /** Whether any `\end` changed from matched to unmatched or back. */
  flagsChanged: boolean;
}

const SECTION_NAMES = [
  "part",
  "chapter",
  "section",
  "subsection",
  "subsubsection",
  "paragraph",
  "subparagraph",
];

interface Open {
  symbol: OutlineSymbol;
  /** Section level, or -1 for an environment. */
  level: number;
  name: string;
  line: number;
}

function pos(line: number, character: number) {
  return { line, character };
}

/**
 * Matches environments and builds the outline and the folding ranges.
 *
 * @param facts The facts of every line, in order.
 * @param lastLine The last line's number.
 * @param lastColumn The last line's length.
 * @returns The structure.
 */
export function matchStructure(
  facts: readonly LineFacts[],
  lastLine: number,
  lastColumn: number,
): Structure {
  const root: OutlineSymbol[] = [];
  const folds: Fold[] = [];
  const stack: Open[] = [];
  let flagsChanged = false;
  let commentStart = -1;
  const closeAt = (o: Open, line: number, character: number, foldTo: number) => {
    o.symbol.range.end = pos(line, character);
    if (foldTo > o.line) folds.push({ startLine: o.line, endLine: foldTo });
  };
  const add = (symbol: OutlineSymbol) => {
    (stack.length > 0 ? stack[stack.length - 1]!.symbol.children : root).push(symbol);
  };
  const endComments = (line: number) => {
    if (commentStart >= 0 && line - 1 > commentStart) {
      folds.push({ startLine: commentStart, endLine: line - 1, kind: "comment" });
    }
    commentStart = -1;
  };
  for (let line = 0; line < facts.length; line++) {
    const f = facts[line]!;
    if (f.comment) {
      if (commentStart < 0) commentStart = line;
    } else if (commentStart >= 0) endComments(line);
    const events = f.events;
    for (let i = 0; i < events.length; i++) {
      const e: LineEvent = events[i]!;
      const sel = { start: pos(line, e.column), end: pos(line, e.end) };
      switch (e.kind) {
        case EventKind.Section: {
          while (stack.length > 0) {
            const top = stack[stack.length - 1]!;
            if (top.level < 0 || top.level < e.level) break;
            stack.pop();
            closeAt(top, line, e.column, line - 1);
          }
          const symbol: OutlineSymbol = {
            name: e.name === "" ? `\\${SECTION_NAMES[e.level]}` : e.name,
            detail: SECTION_NAMES[e.level]!,
            kind: SymbolKind.Module,
            range: { start: sel.start, end: sel.end },
            selectionRange: sel,
            children: [],
          };
          add(symbol);
          stack.push({ symbol, level: e.level, name: "", line });
          break;
        }
        case EventKind.Begin: {
          const symbol: OutlineSymbol = {
            name: e.name,
            detail: "environment",
            kind: SymbolKind.Struct,
            range: { start: sel.start, end: sel.end },
            selectionRange: sel,
            children: [],
          };
          add(symbol);
          stack.push({ symbol, level: -1, name: e.name, line });
          break;
        }
        case EventKind.End: {
          let k = stack.length - 1;
          while (k >= 0 && !(stack[k]!.level < 0 && stack[k]!.name === e.name)) k--;
          const unmatched = k < 0;
          if (e.unmatched !== unmatched) {
            e.unmatched = unmatched;
            flagsChanged = true;
          }
          if (unmatched) break;
          while (stack.length > k + 1) closeAt(stack.pop()!, line, e.column, line - 1);
          closeAt(stack.pop()!, line, e.end, line - 1);
          break;
        }
        case EventKind.Label:
          add({
            name: e.name,
            detail: "label",
            kind: SymbolKind.Key,
            range: sel,
            selectionRange: sel,
            children: [],
          });
          break;
      }
    }
  }
  endComments(facts.length);
  while (stack.length > 0) closeAt(stack.pop()!, lastLine, lastColumn, lastLine);
  folds.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return { symbols: root, folds, flagsChanged };
}
