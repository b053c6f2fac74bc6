/// <reference lib="dom" />
import { assert, assertEquals } from "@std/assert";
import { tokenize } from "../../mod.ts";
import { scopeColour } from "../monaco/mod.ts";
import { browserMissing, openPlayground, type PlaygroundSession } from "./browser.ts";

const PORT = 8788;

/** Monaco's browser build (min/vs) in Deno's npm cache, beside the package's ESM entry. */
const MONACO_VS = new URL("../../min/vs", import.meta.resolve("monaco-editor")).pathname;

function monacoMissing(): string | undefined {
  const browser = browserMissing(PORT);
  if (browser !== undefined) return browser;
  try {
    Deno.statSync(`${MONACO_VS}/loader.js`);
    return undefined;
  } catch (e) {
    return `cannot read Monaco's files at ${MONACO_VS} (${(e as Error).message}); ` +
      "deno task test:browser grants $HOME/.cache/deno/npm/registry.npmjs.org/monaco-editor";
  }
}

const missing = monacoMissing();
if (missing !== undefined) console.warn(`Skipping the Monaco browser test: ${missing}`);

// deno-lint-ignore no-explicit-any
type Any = any;

const SAMPLE = String.raw`\documentclass{article}
% A comment with $ that is no math
\begin{document}
\section{Intro} Let $x^2 + y_i = \frac{a}{b}$ and \emph{it} \& more~text.
\begin{align}
  f(x) &= \left( \sum_{k=0}^{n} k \right) \\
  g(x) &= \text{if } x > 0 #1
\end{align}
\begin{verbatim}
$ not math % not a comment
\end{verbatim}
\[ a^{b_c} \] and \(d\) done.
\end{document}`;

/** Each rendered character's colour (`rrggbb`), by line from 0, read from Monaco's DOM. */
function renderedColours(s: PlaygroundSession): Promise<{ text: string; colours: string[] }[]> {
  return s.page.evaluate(() => {
    const editor = (globalThis as Any).editor;
    const monaco = (globalThis as Any).monaco;
    const lineHeight = editor.getOption(monaco.editor.EditorOption.lineHeight);
    const hex = (rgb: string) =>
      rgb.match(/\d+/g)!.slice(0, 3).map((n) => Number(n).toString(16).padStart(2, "0")).join("");
    const lines: { top: number; text: string; colours: string[] }[] = [];
    for (const el of document.querySelectorAll(".view-lines .view-line")) {
      const top = parseFloat((el as HTMLElement).style.top);
      let text = "";
      const colours: string[] = [];
      for (const span of el.querySelectorAll("span > span")) {
        const t = (span.textContent ?? "").replace(/\u00a0/g, " ");
        const c = hex(getComputedStyle(span).color);
        text += t;
        for (let i = 0; i < t.length; i++) colours.push(c);
      }
      lines.push({ top: Math.round(top / lineHeight), text, colours });
    }
    lines.sort((a, b) => a.top - b.top);
    return lines.map(({ text, colours }) => ({ text, colours }));
  });
}

/**
 * The first difference once Monaco's tokenization has caught up: Monaco paints lines before its
 * background tokenizer colours them, so the check is repeated for up to five seconds and the
 * last difference (none, when the colours settle on the lexer's) is returned.
 */
async function settledDifference(s: PlaygroundSession, text: string): Promise<string | undefined> {
  let diff = firstDifference(await renderedColours(s), text);
  for (let i = 0; i < 100 && diff !== undefined; i++) {
    await new Promise((r) => setTimeout(r, 50));
    diff = firstDifference(await renderedColours(s), text);
  }
  return diff;
}

function firstDifference(
  rendered: { text: string; colours: string[] }[],
  text: string,
): string | undefined {
  const lines = text.split("\n");
  if (rendered.length !== lines.length) return `${rendered.length} lines rendered, ${lines.length}`;
  const want = lines.map((l) => new Array<string>(l.length).fill(""));
  for (const t of tokenize(text)) {
    want[t.line]!.fill(scopeColour(t.kind, t.math), t.column, t.column + t.length);
  }
  for (let n = 0; n < lines.length; n++) {
    const r = rendered[n]!;
    if (r.text !== lines[n]) return `line ${n} renders ${JSON.stringify(r.text)}`;
    for (let i = 0; i < lines[n]!.length; i++) {
      if (r.colours[i] !== want[n]![i]) {
        return `line ${n} column ${i} (${JSON.stringify(lines[n]!.slice(i, i + 8))}): ` +
          `colour ${r.colours[i]}, the token's kind calls for ${want[n]![i]}`;
      }
    }
  }
  return undefined;
}

Deno.test({
  name: "monaco: with the tokens provider and theme, every rendered character has the colour " +
    "of its lexer token's kind, before and after an edit",
  ignore: missing !== undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const s = await openPlayground({
      port: PORT,
      path: "/monaco.html",
      files: { "/monaco.html": new URL("monaco.html", import.meta.url).pathname },
      folders: { "/monaco/vs/": MONACO_VS },
    });
    try {
      await s.page.waitForFunction(() => (globalThis as Any).monacoReady === true);
      const show = async (text: string) => {
        await s.page.evaluate((text) => (globalThis as Any).editor.setValue(text), text);
        await s.page.waitForFunction(
          (n) => document.querySelectorAll(".view-lines .view-line").length === n,
          text.split("\n").length,
        );
        await s.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      };
      await show(SAMPLE);
      assertEquals(await settledDifference(s, SAMPLE), undefined);
      // A `$` at the start of line 3 turns the rest of its paragraph into math: Monaco
      // re-tokenizes the following lines until the provider's end state equals the old one.
      await s.page.evaluate(() => {
        const editor = (globalThis as Any).editor;
        editor.setPosition({ lineNumber: 3, column: 1 });
        editor.focus();
      });
      await s.page.keyboard.type("$");
      await s.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      const edited: string = await s.page.evaluate(() => (globalThis as Any).editor.getValue());
      assert(edited.includes("\n$\\begin{document}"));
      assertEquals(await settledDifference(s, edited), undefined);
      const errors = s.errors.filter((e) => !/web worker|Could not create web worker/i.test(e));
      assertEquals(errors, []);
    } finally {
      await s.close();
    }
  },
});
