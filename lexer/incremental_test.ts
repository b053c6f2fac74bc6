import { assert, assertEquals, assertThrows } from "@std/assert";
import fc from "fast-check";
import { compareLexed } from "./testdata/compare_lexed.ts";
import { lexDocument, tokenize } from "./document_lexer.ts";
import { IncrementalLexer } from "./incremental.ts";
import { stateKey } from "./state_codec.ts";
import { fcParams } from "./testdata/fc_params.ts";
import { editRangeOf, editSpec, latexDocument } from "./testdata/latex_arbitrary.ts";

function assertMatchesBatch(lexer: IncrementalLexer, text: string): void {
  assertEquals(lexer.text, text);
  assertEquals(lexer.length, text.length);
  const diff = compareLexed(lexer, lexDocument(text));
  assertEquals(diff, null, `incremental differs from batch on ${JSON.stringify(text)}`);
}

Deno.test("IncrementalLexer.edit() equals a batch lex after any sequence of edits", () => {
  fc.assert(
    fc.property(latexDocument, fc.array(editSpec, { maxLength: 12 }), (doc, edits) => {
      const lexer = new IncrementalLexer(doc);
      let text = doc;
      for (const e of edits) {
        const [from, to] = editRangeOf(e, text.length);
        lexer.edit(from, to, e.insert);
        text = text.slice(0, from) + e.insert + text.slice(to);
        assertMatchesBatch(lexer, text);
      }
    }),
    fcParams(300),
  );
});

Deno.test("IncrementalLexer.edit() undone in reverse order restores the original tokens", () => {
  fc.assert(
    fc.property(latexDocument, fc.array(editSpec, { maxLength: 10 }), (doc, edits) => {
      const lexer = new IncrementalLexer(doc);
      const original = lexDocument(doc);
      const undo: [number, number, string][] = [];
      for (const e of edits) {
        const [from, to] = editRangeOf(e, lexer.length);
        const removed = lexer.text.slice(from, to);
        lexer.edit(from, to, e.insert);
        undo.push([from, from + e.insert.length, removed]);
      }
      for (const [from, to, text] of undo.reverse()) lexer.edit(from, to, text);
      assertEquals(lexer.text, doc);
      assertEquals(compareLexed(lexer, original), null);
    }),
    fcParams(200),
  );
});

Deno.test("tokenize() is lossless for any string: a line's token texts give the line back", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: "binary" }), latexDocument), (text) => {
      const doc = lexDocument(text);
      const lines = text.split(/\r\n|\r|\n/);
      assertEquals(doc.lineCount, lines.length);
      for (let i = 0; i < lines.length; i++) {
        const tokens = doc.lineTokens(i);
        assertEquals(tokens.map((t) => t.text).join(""), lines[i]);
        let column = 0;
        for (const t of tokens) {
          assert(t.length > 0, "no empty tokens");
          assertEquals([t.line, t.column, t.length], [i, column, t.text.length]);
          column += t.length;
        }
      }
    }),
    fcParams(500),
  );
});

const ordinaryLine = fc.array(
  fc.constantFrom("word", "text", "$x$", "$a^2$", "\\emph{it}", "\\cite{k}", "~", ",", "."),
  { minLength: 1, maxLength: 8 },
).map((p) => p.join(" "));

Deno.test("IncrementalLexer.edit() re-lexes at most two lines for a one-character edit in a paragraph", () => {
  fc.assert(
    fc.property(
      fc.array(ordinaryLine, { minLength: 3, maxLength: 30 }),
      fc.nat(),
      fc.nat(),
      fc.constantFrom("a", "Z", "1", ",", "\n", "", " "),
      (lines, lineSeed, colSeed, ch) => {
        const text = "\\section{Intro}\n" + lines.join("\n") + "\n\n\\section{Next}\nMore.\n";
        const lexer = new IncrementalLexer(text);
        const line = 1 + (lineSeed % lines.length);
        const lineText = lexer.lineText(line);
        // A position between two letters of a word, so the edit stays ordinary text.
        const spots: number[] = [];
        for (let c = 1; c < lineText.length; c++) {
          if (/[a-z]/.test(lineText[c - 1]!) && /[a-z]/.test(lineText[c]!)) spots.push(c);
        }
        if (spots.length === 0) return;
        const column = spots[colSeed % spots.length]!;
        const at = { line, character: column };
        const end = ch === "" ? { line, character: column + 1 } : at;
        const result = lexer.editRange({ start: at, end }, ch);
        assert(result.relexedLines <= 2, `re-lexed ${result.relexedLines} lines`);
        assertMatchesBatch(lexer, lexer.text);
      },
    ),
    fcParams(300),
  );
});

Deno.test("IncrementalLexer.editRange() equals edit() at the same offsets", () => {
  const text = "ab\r\ncd\n$e\rf";
  const a = new IncrementalLexer(text);
  const b = new IncrementalLexer(text);
  a.editRange({ start: { line: 1, character: 1 }, end: { line: 3, character: 0 } }, "X\n");
  b.edit(5, 10, "X\n");
  assertEquals(a.text, b.text);
  assertEquals(a.tokens(), b.tokens());
  assertMatchesBatch(a, "ab\r\ncX\nf");
});

Deno.test("IncrementalLexer.edit() joins a \\r and a following \\n into one line ending", () => {
  const lexer = new IncrementalLexer("a\rb");
  assertEquals(lexer.lineCount, 2);
  lexer.edit(2, 2, "\n");
  assertEquals(lexer.lineCount, 2);
  assertMatchesBatch(lexer, "a\r\nb");
  lexer.edit(2, 3, ""); // remove the \n again
  assertMatchesBatch(lexer, "a\rb");
  lexer.edit(1, 2, ""); // and split a \r\n from the other side
  assertMatchesBatch(lexer, "ab");
  // Emptying the line between a \r and a \n joins them (found by the fuzzer, seed 1).
  const emptied = new IncrementalLexer("\ra\n");
  emptied.edit(1, 2, "");
  assertMatchesBatch(emptied, "\r\n");
});

function benchmarkDocument(blocks: number): string {
  const parts = ["\\documentclass{article}\n\\begin{document}\n"];
  for (let i = 0; i < blocks; i++) {
    parts.push(
      `\\section{Section ${i}}\n`,
      `This is paragraph ${i} with some text content.\n`,
      `Math equation: $x_${i} + y_${i} = z_${i}^2$ % Comment ${i}\n`,
      "\\begin{align}\n",
      `a_${i} &= b_${i} + c_${i} \\\\\n`,
      `d_${i} &= e_${i}\n`,
      "\\end{align}\n",
    );
  }
  parts.push("\\end{document}\n");
  return parts.join("");
}

Deno.test("IncrementalLexer.edit() turning \\end{align} into \\enxd{align} re-lexes only to the next recovery point", () => {
  const text = benchmarkDocument(2000);
  const lexer = new IncrementalLexer(text);
  const at = text.indexOf("\\end{align}", text.length >> 1);
  const result = lexer.edit(at + 3, at + 3, "x");
  assertEquals(result.relexedLines, 2);
  const next = result.fromLine + 1;
  assertEquals(lexer.lineState(next).env, "align", "the damage is real: align is still open");
  assert(lexer.lineText(next).startsWith("\\section{"), lexer.lineText(next));
  assertEquals(lexer.lineTokens(next)[0]!.math, false, "and \\section ends it");
  assertMatchesBatch(lexer, text.slice(0, at + 3) + "x" + text.slice(at + 3));
});

Deno.test("IncrementalLexer.edit() reuses the lines after the state converges", () => {
  const text = benchmarkDocument(300);
  const lexer = new IncrementalLexer(text);
  const at = text.indexOf("paragraph 150");
  const before = lexer.lineCount;
  const r = lexer.edit(at, at, "new ");
  assertEquals(r, {
    fromLine: r.fromLine,
    oldToLine: r.fromLine + 1,
    newToLine: r.fromLine + 1,
    changedToLine: r.fromLine + 1,
    relexedLines: 1,
  });
  const p = lexer.edit(at, at, "Pasted.\n\n$open math\nmore\n");
  assertEquals(lexer.lineCount, before + 4);
  assert(p.relexedLines <= 8, `re-lexed ${p.relexedLines}`);
});

Deno.test("IncrementalLexer keeps states interned per lexer, compared by key across lexers", () => {
  const a = new IncrementalLexer("$x\ny$");
  const b = lexDocument("$x\ny$");
  assertEquals(stateKey(a.lineState(1)), stateKey(b.lineState(1)));
  assertEquals(a.lineState(1).mode, 1);
  assertEquals(stateKey(a.finalState), stateKey(b.finalState));
});

Deno.test("IncrementalLexer handles an empty document and edits that remove every line", () => {
  const lexer = new IncrementalLexer();
  assertEquals([lexer.lineCount, lexer.length, lexer.tokens()], [1, 0, []]);
  lexer.edit(0, 0, "a\nb\n");
  assertMatchesBatch(lexer, "a\nb\n");
  lexer.edit(0, 4, "");
  assertMatchesBatch(lexer, "");
  lexer.edit(0, 0, "$");
  assertMatchesBatch(lexer, "$");
  assertEquals(tokenize("$")[0]!.math, true);
});

Deno.test("IncrementalLexer throws on misuse and is unchanged afterwards", async (t) => {
  const text = "one\ntwo $x$\r\nthree";
  const lexer = new IncrementalLexer(text);
  const snapshot = () => JSON.stringify([lexer.text, lexer.tokens(), lexer.lineCount]);
  const before = snapshot();
  const cases: [string, () => unknown, ErrorConstructor, string][] = [
    ["negative start", () => lexer.edit(-1, 0, ""), RangeError, "out of range 0-18"],
    ["end past the text", () => lexer.edit(0, 19, ""), RangeError, "19 is out of range"],
    ["end before start", () => lexer.edit(5, 3, ""), RangeError, "end 3 is before start 5"],
    ["fractional offset", () => lexer.edit(1.5, 2, ""), TypeError, "expected an integer"],
    ["string offset", () => lexer.edit("1" as never, 2, ""), TypeError, "expected an integer"],
    ["NaN offset", () => lexer.edit(0, NaN, ""), TypeError, "expected an integer"],
    ["non-string insert", () => lexer.edit(0, 0, 5 as never), TypeError, "expected a string"],
    [
      "line out of range",
      () =>
        lexer.editRange({ start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, ""),
      RangeError,
      "start line: 3 is out of range 0-2",
    ],
    [
      "character past the line",
      () =>
        lexer.editRange({ start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, ""),
      RangeError,
      "start character: 4 is out of range 0-3",
    ],
    [
      "range end before start",
      () =>
        lexer.editRange({ start: { line: 1, character: 0 }, end: { line: 0, character: 2 } }, ""),
      RangeError,
      "end 0:2 is before start 1:0",
    ],
    [
      "malformed range",
      () => lexer.editRange(null as never, ""),
      TypeError,
      "expected {start, end}",
    ],
    [
      "malformed position",
      () => lexer.editRange({ start: {} as never, end: { line: 0, character: 0 } }, ""),
      TypeError,
      "start line: expected an integer",
    ],
    ["lineTokens out of range", () => lexer.lineTokens(3), RangeError, "3 is out of range 0-2"],
    ["lineState not an integer", () => lexer.lineState(0.5), TypeError, "expected an integer"],
    ["lineText negative", () => lexer.lineText(-1), RangeError, "out of range"],
  ];
  for (const [name, fn, type, message] of cases) {
    await t.step(name, () => {
      assertThrows(fn, type, message);
      assertEquals(snapshot(), before);
    });
  }
  await t.step("constructor and options", () => {
    assertThrows(() => new IncrementalLexer(12 as never), TypeError, "expected a string");
    assertThrows(
      () => new IncrementalLexer("", { atLetter: "yes" as never }),
      TypeError,
      "atLetter: expected a boolean",
    );
    assertThrows(
      () => tokenize("", { verbatimEnvironments: [""] }),
      TypeError,
      "array of non-empty strings",
    );
    assertThrows(() => tokenize(null as never), TypeError, "expected a string, got null");
  });
  await t.step("still usable after errors", () => {
    lexer.edit(0, 3, "1");
    assertMatchesBatch(lexer, "1\ntwo $x$\r\nthree");
  });
});
