import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { compareLexed } from "./testdata/compare_lexed.ts";
import { lexDocument } from "./document_lexer.ts";
import { IncrementalLexer } from "./incremental.ts";
import { type LexerOptions, withLongLines } from "./options.ts";
import { fcParams } from "./testdata/fc_params.ts";
import { editRangeOf, editSpec, FRAGMENTS } from "./testdata/latex_arbitrary.ts";
import { resolveOptions } from "./options.ts";
import { StateTable } from "./_state_table.ts";
import { LineScanner } from "./_line_scanner.ts";
import { LongLineLexer } from "./_long_line.ts";
import { LineText } from "./_line_text.ts";
import { TokenBuffer } from "./_token_buffer.ts";

/** Options giving intra-line checkpoints on lines of `min`+ code units every `spacing`. */
function longLines(min: number, spacing: number): LexerOptions {
  return withLongLines({}, { min, spacing });
}

/** Fragments without line endings: long lines stay long. */
const inline = fc.constantFrom(...FRAGMENTS.filter((f) => !/[\r\n]/.test(f)));
const longLine = fc.array(inline, { minLength: 10, maxLength: 80 }).map((p) => p.join(""));

Deno.test("IncrementalLexer with intra-line checkpoints every few characters equals batch", () => {
  const options = longLines(8, 3);
  fc.assert(
    fc.property(
      fc.array(longLine, { minLength: 1, maxLength: 4 }),
      fc.array(editSpec, { maxLength: 15 }),
      (lines, edits) => {
        let text = lines.join("\n");
        const lexer = new IncrementalLexer(text, options);
        for (const e of edits) {
          const [from, to] = editRangeOf(e, text.length);
          // Mostly edits inside a line, which take the checkpoint path.
          const insert = e.insert.replace(/[\r\n]/g, e.remove % 5 === 0 ? "\n" : "");
          lexer.edit(from, to, insert);
          text = text.slice(0, from) + insert + text.slice(to);
          assertEquals(lexer.text, text);
          assertEquals(compareLexed(lexer, lexDocument(text)), null);
        }
      },
    ),
    fcParams(1500),
  );
});

Deno.test("IncrementalLexer resumes a long line only from checkpoints whose look-ahead the edit missed", () => {
  const options = longLines(8, 2);
  // `\begin{verbatim` looks ahead for its `}` to the end of the line; typing the `}` makes the
  // rest of the line verbatim, which a resume from after `\begin` would miss.
  let text = "x".repeat(20) + "\\begin{verbatim" + " y $".repeat(20);
  const lexer = new IncrementalLexer(text, options);
  const at = text.indexOf("verbatim") + "verbatim".length;
  lexer.edit(at, at, "}");
  text = text.slice(0, at) + "}" + text.slice(at);
  assertEquals(compareLexed(lexer, lexDocument(text)), null);
  assertEquals(lexer.lineTokens(0).at(-1)!.kind, "verbatim");
});

Deno.test("IncrementalLexer converges inside a long line only where the whole lexer state agrees", () => {
  const options = longLines(8, 1);
  // After `\\text` in math a `{` opens a text argument; after `\\tex` it does not. The states
  // before the `{` differ only in that pending switch.
  let text = "$a \\text   {x y z} b c d e f$ and more words after it";
  const lexer = new IncrementalLexer(text, options);
  const at = text.indexOf("text") + 3;
  lexer.edit(at, at + 1, "");
  text = text.slice(0, at) + text.slice(at + 1);
  assertEquals(compareLexed(lexer, lexDocument(text)), null);
  assertEquals(lexer.lineTokens(0).find((t) => t.text === "x")!.math, true);
});

Deno.test("IncrementalLexer keeps checkpoint snapshots of the catcode table unchanged (regression)", () => {
  // Found by the property above (seed 789884461): a snapshot shared the catcode table that a
  // later \\ExplSyntaxOn in the same line changed in place.
  const options = longLines(8, 3);
  let text = "\\makeatletter\\catcode`\\|=13 \\$$$$$$$$\\ExplSyntaxOn$$\nx";
  const lexer = new IncrementalLexer(text, options);
  lexer.edit(17, 18, "");
  text = text.slice(0, 17) + text.slice(18);
  assertEquals(compareLexed(lexer, lexDocument(text)), null);
});

Deno.test("IncrementalLexer keeps a long line's token segments aligned with its checkpoints (regression)", () => {
  // Found by the property above (seed 85373372): after a resumed re-lex the segments were cut at
  // too few checkpoints, and the next edit of the line lost tokens.
  const options = longLines(8, 3);
  let text = "$\\enxd{align}$$$$$$$$";
  const lexer = new IncrementalLexer(text, options);
  for (const insert of ["$", ""]) {
    lexer.edit(10, 10, insert);
    text = text.slice(0, 10) + insert + text.slice(10);
    assertEquals(compareLexed(lexer, lexDocument(text)), null);
  }
});

Deno.test("IncrementalLexer.edit() inside a 1 MB line re-lexes a few checkpoints, not the line", () => {
  const unit = "word $x^2$ \\emph{y} more text, ";
  const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
  let text = `\\section{A}\n${line}\nend\n`;
  const lexer = new IncrementalLexer(text);
  const at = 12 + (line.length >> 1);
  // The checkpoint path is taken when the line keeps its checkpoints and tokens stay equal.
  for (const insert of ["x", " ", "$", "\\verb|", "%"]) {
    lexer.edit(at, at, insert);
    text = text.slice(0, at) + insert + text.slice(at);
    assertEquals(compareLexed(lexer, lexDocument(text)), null, `after inserting ${insert}`);
  }
  assert(lexer.memoryUsage().checkpoints > 0);
});

/**
 * Inline pieces whose look-aheads reach far: options and arguments closed much later or never,
 * verbatim openers, comments, catcode changes, `^^`, and plain runs of several lengths that
 * carry them past checkpoints and window ends.
 */
const farReaching = fc.constantFrom(
  "\\lstinline[",
  "\\lstinline[a]|x|",
  "]",
  "\\Verb[",
  "\\verb|",
  "|",
  "\\begin{verbatim",
  "\\begin{verbatim}",
  "}",
  "{",
  "\\end{verbatim}",
  "\\url{",
  "%",
  "\\catcode`\\|=13 ",
  "\\catcode 64=11",
  "^^",
  "^^5e",
  "$",
  "\\DefineVerbatimEnvironment{V}{Verbatim}{}",
  "\\begin{V}",
  "\\newminted[",
  "\\ExplSyntaxOn",
  "\\makeatletter",
  " ",
  "word ",
  "a".repeat(17),
  "b ".repeat(40),
);
const farLine = fc.array(farReaching, { minLength: 5, maxLength: 60 }).map((p) => p.join(""));

Deno.test("IncrementalLexer edits in chunked long lines equal batch, whatever the look-aheads need", () => {
  fc.assert(
    fc.property(
      fc.array(farLine, { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: 6 }),
      fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          remove: fc.nat({ max: 12 }),
          insert: fc.array(farReaching, { maxLength: 2 }).map((p) => p.join("")),
        }),
        { maxLength: 12 },
      ),
      (lines, spacing, edits) => {
        const options = longLines(16, spacing);
        let text = lines.join("\n");
        const lexer = new IncrementalLexer(text, options);
        for (const e of edits) {
          const from = Math.floor(e.at * text.length);
          const to = Math.min(text.length, from + e.remove);
          lexer.edit(from, to, e.insert);
          text = text.slice(0, from) + e.insert + text.slice(to);
          assertEquals(compareLexed(lexer, lexDocument(text)), null);
          const split = text.split("\n");
          for (let i = 0; i < split.length; i++) assertEquals(lexer.lineText(i), split[i]);
        }
        assertEquals(lexer.text, text);
      },
    ),
    fcParams(600),
  );
});

Deno.test("LongLineLexer.relex() reads a window of a long line, not the line, and lexes as lex() does", () => {
  const config = resolveOptions(longLines(1024, 256));
  const table = new StateTable();
  const scanner = new LineScanner(config, table);
  const long = new LongLineLexer(scanner, config.longLine);
  const start = table.intern(config.initial);
  const unit = "word $x^2$ \\emph{y} [o] more text, ";
  const line = unit.repeat(Math.ceil(200_000 / unit.length));
  const out = new TokenBuffer();
  const before = long.lex(line, start, out);
  // Before a word: `\\lstinline[` there takes `[... [o]` as options and ` more ` as verbatim.
  const at = line.indexOf("more", line.length >> 1);
  for (const insert of ["x", "$", "\\lstinline[", "{"]) {
    const text = LineText.from(line, 512).edited(at, at, insert);
    let read = 0;
    const slice = text.slice.bind(text);
    text.slice = (from: number, to: number) => {
      read += to - from;
      return slice(from, to);
    };
    const edit = { from: at, to: at, delta: insert.length };
    const r = long.relex(text, start, { ...before.long, endId: before.endId }, { edit, out });
    const fresh = long.lex(text.toString(), start, new TokenBuffer());
    assertEquals(r.endId, fresh.endId, insert);
    assertEquals(joinAll(r.long!.segments), joinAll(fresh.long.segments), insert);
    // `$` and `{` change the state to the end of the line: those re-lex the rest of it.
    if (insert === "x" || insert === "\\lstinline[") {
      assert(read < 10_000, `${insert}: read ${read}`);
    }
  }
});

function joinAll(segments: readonly Uint32Array[]): number[] {
  return segments.flatMap((s) => [...s]);
}
