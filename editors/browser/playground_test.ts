/// <reference lib="dom" />
import { assert, assertEquals, assertGreater } from "@std/assert";
import { browserMissing, openPlayground, type PlaygroundSession } from "./browser.ts";
import { firstDifference, renderedLines } from "./_dom_check.ts";
import { distinctHues } from "./_colours.ts";

/** The port the browser tests serve the playground on (the test task's --allow-net names it). */
const PORT = 8788;
const missing = browserMissing(PORT);
if (missing !== undefined) console.warn(`Skipping the browser tests: ${missing}`);

// deno-lint-ignore no-explicit-any
type Any = any;

async function withPlayground(fn: (s: PlaygroundSession) => Promise<void>): Promise<void> {
  const s = await openPlayground({ port: PORT });
  try {
    await s.page.evaluate(() => (globalThis as Any).playground.ready);
    await fn(s);
  } finally {
    await s.close();
  }
}

/** Waits until the editor has measured `count` keystrokes (each measured after its paint). */
async function keystrokesMeasured(s: PlaygroundSession, count: number): Promise<void> {
  await s.page.waitForFunction(
    (n) => (globalThis as Any).playground.summary().ours.count >= n,
    count,
  );
}

async function checkDom(s: PlaygroundSession, classOf: Record<string, string>): Promise<string> {
  const text: string = await s.page.evaluate(() =>
    (globalThis as Any).playground.views.ours.state.doc.toString()
  );
  const lines = await renderedLines(s.page, "ours");
  assertGreater(lines.length, 10);
  assertEquals(firstDifference(lines, text, classOf), undefined);
  return text;
}

/** Puts the cursor of our editor at a position and focuses it. */
async function cursorAt(s: PlaygroundSession, pos: number): Promise<void> {
  await s.page.evaluate((pos) => {
    const view = (globalThis as Any).playground.views.ours;
    view.dispatch({ selection: { anchor: pos } });
    view.focus();
  }, pos);
}

const docOf = (s: PlaygroundSession): Promise<string> =>
  s.page.evaluate(() => (globalThis as Any).playground.views.ours.state.doc.toString());

Deno.test({
  name: "playground: loads without console errors, highlights with the lexer's kinds, and " +
    "keeps them after typing $, \\begin{verbatim}, % and an undo",
  ignore: missing !== undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withPlayground(async (s) => {
      assertEquals(s.errors, []);
      const classOf: Record<string, string> = await s.page.evaluate(() =>
        (globalThis as Any).playground.highlightClasses()
      );
      assert(new Set(Object.values(classOf).filter((c) => c !== "")).size >= 8);
      const before = await checkDom(s, classOf);
      const classesOfLine = async (n: number) =>
        (await renderedLines(s.page, "ours")).find((l) => l.line === n)!.classes.join("|");

      // `$` opens math: the rest of the line changes class.
      const line = before.split("\n").findIndex((l) => l.startsWith("\\section{Intro")) + 1;
      const lineEnd = before.split("\n").slice(0, line).join("\n").length;
      const old = await classesOfLine(line);
      await cursorAt(s, lineEnd);
      await s.page.keyboard.type(" $a^2");
      await keystrokesMeasured(s, 5);
      assert((await classesOfLine(line)) !== old, "typing $ changed no class");
      await checkDom(s, classOf);

      // An unclosed verbatim environment turns the following lines into verbatim.
      const text1 = await docOf(s);
      const at = text1.indexOf("Let $x^2");
      await cursorAt(s, at);
      await s.page.keyboard.type("\\begin{verbatim}");
      await s.page.keyboard.press("Enter");
      await keystrokesMeasured(s, 5 + 17);
      const text2 = await checkDom(s, classOf);
      assert(text2.includes("\\begin{verbatim}\nLet $x^2"), JSON.stringify(text2.slice(0, 300)));

      // A comment sign comments out the rest of a line.
      await s.page.keyboard.press("ArrowUp");
      await s.page.keyboard.press("Home");
      await s.page.keyboard.type("%");
      await keystrokesMeasured(s, 5 + 17 + 1);
      const text3 = await checkDom(s, classOf);
      assert(text3.includes("%\\begin{verbatim}"));

      // Undo takes the `%` back (one history event), and the highlighting with it.
      await s.page.keyboard.press("Control+z");
      await keystrokesMeasured(s, 5 + 17 + 2);
      const text4 = await checkDom(s, classOf);
      assertEquals(text4, text2);
      const summary = await s.page.evaluate(() => (globalThis as Any).playground.summary());
      assert(summary.ours.p50 > 0 && summary.ours.p99 >= summary.ours.p50);
      assertEquals(s.errors, []);
    }),
});

Deno.test({
  name: "playground: an environment folds from its \\begin line and its \\begin/\\end match",
  ignore: missing !== undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withPlayground(async (s) => {
      const text = await docOf(s);
      const begin = text.indexOf("\\begin{itemize}");
      const end = text.indexOf("\\end{itemize}");
      // Bracket matching: the cursor on \begin marks it and its \end.
      await cursorAt(s, text.indexOf("\\begin{align}"));
      await s.page.waitForSelector(".cm-matchingBracket");
      const marked = await s.page.$$eval(
        "#editor-ours .cm-matchingBracket",
        (els) => els.map((e) => e.textContent),
      );
      assertEquals(marked, ["\\begin{align}", "\\end{align}"]);

      // Folding with the keyboard (Ctrl-Shift-[) on the \begin line.
      await cursorAt(s, begin + 3);
      await s.page.keyboard.press("Control+Shift+BracketLeft");
      await s.page.waitForSelector("#editor-ours .cm-foldPlaceholder");
      const folded = await s.page.evaluate(() => {
        const view = (globalThis as Any).playground.views.ours;
        const lines = [...view.contentDOM.querySelectorAll(".cm-line")].map((e: Any) =>
          e.textContent
        );
        return lines;
      });
      // The fold runs from the end of the \begin line to the start of the \end line, so both
      // show on one line around the placeholder, and the items are hidden.
      const beginLine = folded.findIndex((l: string) => l.startsWith("\\begin{itemize}"));
      assert(beginLine >= 0);
      assertEquals(folded[beginLine], "\\begin{itemize}…\\end{itemize}");
      assert(!folded.some((l: string) => l.includes("\\item First")));
      const ranges = await s.page.evaluate(() => {
        const view = (globalThis as Any).playground.views.ours;
        const out: number[][] = [];
        view.state.field((globalThis as Any).playground.foldState, false)?.between(
          0,
          view.state.doc.length,
          (from: number, to: number) => void out.push([from, to]),
        );
        return out;
      });
      assertEquals(ranges, [[begin + "\\begin{itemize}".length, end]]);
      assertEquals(s.errors, []);
    }),
});

Deno.test({
  name: "playground: \\begin and \\end 150 lines apart (in different tree blocks) match",
  ignore: missing !== undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withPlayground(async (s) => {
      const body = Array.from({ length: 150 }, (_, i) => `Paragraph ${i} with $x_${i}$.`);
      const text = ["\\begin{document}", ...body, "\\end{document}", ""].join("\n");
      await s.page.evaluate((t) => (globalThis as Any).playground.loadOne("ours", t), text);
      await cursorAt(s, 1);
      await s.page.waitForSelector("#editor-ours .cm-matchingBracket");
      const marks = (cls: string) =>
        s.page.$$eval(`#editor-ours .${cls}`, (els) => els.map((e) => e.textContent));
      assertEquals(await marks("cm-matchingBracket"), ["\\begin{document}"]);
      assertEquals(await marks("cm-nonmatchingBracket"), []);
      // The other end, scrolled into view (the cursor stays on \begin).
      await s.page.evaluate(() => {
        const view = (globalThis as Any).playground.views.ours;
        view.scrollDOM.scrollTop = view.scrollDOM.scrollHeight;
      });
      await s.page.waitForFunction(() =>
        [...document.querySelectorAll("#editor-ours .cm-matchingBracket")].some((e) =>
          e.textContent === "\\end{document}"
        )
      );
      assertEquals(await marks("cm-nonmatchingBracket"), []);
      assertEquals(s.errors, []);
    }),
});

Deno.test({
  name: "playground: a screenshot shows several distinct colours in our editor",
  ignore: missing !== undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withPlayground(async (s) => {
      const box = (await s.page.locator("#editor-ours").boundingBox())!;
      const png = await s.page.screenshot({ clip: box });
      const hues = await distinctHues(s.page, png);
      assert(hues.length >= 5, `only ${hues.length} distinct hues: ${hues}`);
    }),
});
