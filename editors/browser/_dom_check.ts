/**
 * What the browser tests compare: the classes of the characters the editor rendered inside its
 * `.cm-line` elements, against the classes the lexer's tokens call for.
 *
 * @module
 */

/// <reference lib="dom" />

import type { Page } from "playwright-core";
import { classifiedTokens } from "../testdata/tree_leaves.ts";

/** One rendered line: its number, its text in the document, and each character's classes. */
export interface RenderedLine {
  /** The line number, from 1. */
  line: number;
  /** The line's text in the editor's document. */
  text: string;
  /** The rendered characters. */
  rendered: string;
  /** The generated (`ͼ...`) classes around each rendered character, space-separated. */
  classes: string[];
}

/**
 * Reads the rendered lines of one of the playground's editors.
 *
 * @param page The page.
 * @param key Which editor.
 * @returns The lines in the DOM (the viewport), in order.
 */
export function renderedLines(page: Page, key: string): Promise<RenderedLine[]> {
  return page.evaluate((key) => {
    // deno-lint-ignore no-explicit-any
    const view = (globalThis as any).playground.views[key];
    const out: RenderedLine[] = [];
    for (const el of view.contentDOM.querySelectorAll(".cm-line")) {
      const line = view.state.doc.lineAt(view.posAtDOM(el, 0));
      const classes: string[] = [];
      let rendered = "";
      const walk = (node: Node, cls: string) => {
        if (node.nodeType === 3) {
          const data = (node as Text).data;
          rendered += data;
          for (let i = 0; i < data.length; i++) classes.push(cls);
        } else if (node.nodeType === 1) {
          const own = [...(node as Element).classList].filter((c) => c.startsWith("ͼ"));
          const c = [cls, ...own].filter((x) => x !== "").join(" ");
          node.childNodes.forEach((child) => walk(child, c));
        }
      };
      el.childNodes.forEach((child: Node) => walk(child, ""));
      out.push({ line: line.number, text: line.text, rendered, classes });
    }
    return out;
  }, key);
}

/**
 * The classes each character of each line should have: the batch lexer's tokens of the
 * editor's text, classified by `classifyLine`, and the highlight style's class for each.
 *
 * @param text The editor's document.
 * @param classOf The page's `highlightClasses()`: leaf type name -> class.
 * @returns Per line (from 0), a class per character.
 */
export function expectedClasses(text: string, classOf: Record<string, string>): string[][] {
  const lines = text.split("\n").map((l) => new Array<string>(l.length).fill(""));
  for (const { token, name } of classifiedTokens(text)) {
    lines[token.line]!.fill(classOf[name]!, token.column, token.column + token.length);
  }
  return lines;
}

/**
 * Compares the rendered lines with the lexer's tokens; returns the first difference, or
 * `undefined` when every rendered character has the class its token calls for.
 *
 * @param rendered The rendered lines.
 * @param text The editor's document.
 * @param classOf The page's class map.
 * @returns A description of the first difference.
 */
export function firstDifference(
  rendered: RenderedLine[],
  text: string,
  classOf: Record<string, string>,
): string | undefined {
  const expected = expectedClasses(text, classOf);
  for (const r of rendered) {
    if (r.rendered !== r.text) return `line ${r.line} renders ${JSON.stringify(r.rendered)}`;
    const want = expected[r.line - 1]!;
    for (let i = 0; i < want.length; i++) {
      if (r.classes[i] !== want[i]) {
        return `line ${r.line} column ${i} (${JSON.stringify(r.text.slice(i, i + 8))}): ` +
          `rendered class "${r.classes[i]}", the lexer's token calls for "${want[i]}"`;
      }
    }
  }
  return undefined;
}
