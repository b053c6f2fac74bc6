/**
 * The random edit stream: inserts, deletes and replacements, inside a line and across lines,
 * with LaTeX-aware content, at positions biased toward the places that break lexers (line ends,
 * inside control words, between `\r` and `\n`, inside surrogate pairs, next to `$`, `{`, `%`).
 *
 * @module
 */

import { adversarialFragment } from "./adversarial_shapes.ts";
import { generateBlock } from "./document_generator.ts";
import type { Sfc32 } from "../_tools/sfc32.ts";
import type { Edit } from "./subject.ts";

/** Single characters that change how the rest of a line or document lexes. */
const SINGLE = [
  "$",
  "{",
  "}",
  "%",
  "\\",
  "\n",
  "\r\n",
  "\r",
  " ",
  "&",
  "#",
  "^",
  "_",
  "~",
  "[",
  "]",
  "a",
  "@",
  "é",
  "😀",
  "\t",
  "|",
  "`",
  "\ud835",
  "\udc00",
];
/** Multi-character LaTeX fragments. */
const FRAGMENTS = [
  "$$",
  "\\begin{verbatim}",
  "\\end{verbatim}",
  "\\begin{verbatim}\n",
  "\n\\end{verbatim}\n",
  "\\\\",
  "\\makeatletter",
  "\\makeatother",
  "\\makeatletter\n",
  "\\ExplSyntaxOn",
  "\\ExplSyntaxOff",
  "\\ExplSyntaxOn\n",
  "\\verb|",
  "\\verb|x$|",
  "\\verb+",
  "\\verb*|",
  "\\begin{lstlisting}\n",
  "\\end{lstlisting}",
  "\\begin{align}",
  "\\end{align}",
  "\\begin{align*}\n",
  "\\[",
  "\\]",
  "\\(",
  "\\)",
  "\\catcode`\\@=11 ",
  "\\catcode`\\@=12\n",
  "\\catcode`\\$=12 ",
  "\\catcode`\\%=12 ",
  "\\catcode`\\{=1 ",
  "\\text{",
  "\\mbox{",
  "\\section{",
  "\\item ",
  "\\newenvironment{fz}{",
  "\\begin{comment}",
  "\\end{comment}",
  "\\begin{equation}",
  "\\end{equation}",
  "\\@ifnextchar",
  "\\cs_new:Npn",
  "\\l_tmpa_tl",
  "%\n",
  "% comment $\n",
  "\\\\\n",
  "\\ ",
  "\\%",
  "\\$",
  "\\{",
  "\\}",
  "\\begin{",
  "\\end{",
  "verbatim}",
  "}{",
  "$x$",
  "\\\r\n",
  "\r\n\r\n",
  "\n\n",
  "^^M",
  "^^5c",
  "\\par",
  "\\def\\x#1{",
  "##1",
  "\\begin{document}",
  "\\end{document}",
  "𝔸𝔹",
];
/**
 * Rare inputs that push the lexer state to its limits: group depth past 255, more than 8 nested
 * `\text{` frames in math, argument groups past 30 levels, more than 64 defined verbatim
 * environments, many catcode changes, a very long line.
 */
const STRESS = [
  "{".repeat(260),
  "}".repeat(260),
  "$" + "\\text{$x$ ".repeat(10) + "}".repeat(10) + "$",
  "\\mbox{".repeat(12),
  "\\a{".repeat(35) + "\n" + "}".repeat(35),
  Array.from({ length: 70 }, (_, i) => `\\newenvironment{v${i}}{\\verbatim}{\\endverbatim}\n`).join(
    "",
  ),
  "\\begin{v69}\n$ { %\n\\end{v69}\n",
  Array.from(
    { length: 40 },
    (_, i) => `\\catcode\`\\${String.fromCharCode(33 + (i % 90))}=${i % 16} `,
  ).join(""),
  "word ".repeat(1200),
  "\\verb|" + "x".repeat(3000),
];
const WORD_PARTS = ["word", " ", "x", "café", "日本", "lexer", "\\alpha", "1", "-", ".", ","];

/** Options of {@linkcode EditGenerator}. */
export interface EditGeneratorOptions {
  /**
   * The document length the stream steers toward: above twice this, deletes grow more likely
   * and larger; below it, pasted blocks grow more likely.
   */
  targetLength: number;
}

const PASTE_POOL_SIZE = 24;
/**
 * How far forward position searches look: bounds an edit's cost on long documents (a search
 * that finds nothing falls back to the random position itself).
 */
const SCAN_WINDOW = 4096;

/** What the generator reads of the text: a string, or the campaign's `TextBuffer`. */
export interface TextView {
  /** The length in UTF-16 code units. */
  readonly length: number;
  /**
   * A slice, clamped to the text.
   *
   * @param from Start offset.
   * @param to End offset.
   * @returns The slice.
   */
  slice(from: number, to: number): string;
}
const HIGH_SURROGATE = /[\ud800-\udbff]/g;

/**
 * Draws random edits against a changing text. It keeps the last edit's position, so runs of
 * nearby edits (typing) happen as well as jumps.
 *
 * @example Edits are always in range
 * ```ts
 * import { assert } from "@std/assert";
 * import { EditGenerator } from "./edit_generator.ts";
 * import { Sfc32 } from "../_tools/sfc32.ts";
 * const gen = new EditGenerator(new Sfc32(1), { targetLength: 100 });
 * const [from, to] = gen.next("hello\nworld");
 * assert(0 <= from && from <= to && to <= 11);
 * ```
 */
export class EditGenerator {
  readonly #rng: Sfc32;
  readonly #target: number;
  readonly #pastes: string[] = [];
  #last = 0;

  /**
   * Creates a generator.
   *
   * @param rng The random stream; the generator advances it.
   * @param options Size steering.
   */
  constructor(rng: Sfc32, options: EditGeneratorOptions) {
    this.#rng = rng;
    this.#target = Math.max(options.targetLength, 64);
    for (let i = 0; i < PASTE_POOL_SIZE; i++) this.#pastes.push(generateBlock(rng));
  }

  /**
   * The next edit against `text`.
   *
   * @param text The current text (a string, or anything with `length` and `slice`).
   * @returns An edit `[from, to, insert]` with `0 <= from <= to <= text.length`.
   */
  next(text: TextView): Edit {
    const rng = this.#rng;
    const len = text.length;
    const pos = this.#position(text);
    const big = len > 2 * this.#target;
    const small = len < this.#target;
    const r = rng.int(100);
    const from = pos;
    let to = pos, insert = "";
    if (r < (big ? 25 : 45)) {
      insert = this.#content(small);
    } else if (r < (big ? 75 : 70)) {
      to = this.#deleteEnd(text, pos, big);
    } else {
      to = this.#deleteEnd(text, pos, big);
      insert = this.#content(small);
    }
    if (to < from) to = from;
    if (to > len) to = len;
    this.#last = from + insert.length;
    return [from, to, insert];
  }

  #position(text: TextView): number {
    const rng = this.#rng;
    const len = text.length;
    const p = rng.int(len + 1);
    const r = rng.int(100);
    if (r < 30) return p;
    if (r < 50) return clamp(this.#last + rng.range(-8, 8), len);
    if (r < 90 && r >= 87) return rng.chance(0.5) ? 0 : len;
    // The other positions are found by searching forward from p, within a window.
    const w = text.slice(p, p + SCAN_WINDOW);
    if (r < 65) {
      // A line end: before the break, between \r and \n, or just after it.
      let j = w.indexOf("\n");
      if (j < 0) j = w.indexOf("\r");
      return j < 0 ? p : clamp(p + j + rng.range(-1, 1), len);
    }
    if (r < 78) {
      const j = w.indexOf("\\");
      return j < 0 ? p : clamp(p + j + rng.range(0, 5), len);
    }
    if (r < 84) {
      const j = w.indexOf("\r\n");
      return j < 0 ? p : p + j + 1;
    }
    if (r < 87) {
      HIGH_SURROGATE.lastIndex = 0;
      const m = HIGH_SURROGATE.exec(w);
      return m === null ? p : clamp(p + m.index + 1, len);
    }
    const j = w.indexOf(rng.pick(["$", "{", "}", "%", "\\begin", "\\end", "&"]));
    return j < 0 ? p : clamp(p + j + rng.range(0, 1), len);
  }

  #deleteEnd(text: TextView, pos: number, big: boolean): number {
    const rng = this.#rng;
    const r = rng.int(100);
    if (big && r < 30) return pos + rng.range(200, 4000);
    if (r < 40) return pos + 1;
    if (r < 65) return pos + rng.range(2, 6);
    if (r < 95) {
      // To the line end (r < 80), or across one to three line breaks.
      const w = text.slice(pos, pos + SCAN_WINDOW);
      let j = -1;
      for (let n = r < 80 ? 1 : rng.range(1, 3); n > 0; n--) {
        const k = w.indexOf("\n", j + 1);
        if (k < 0) break;
        j = k;
      }
      if (j < 0) return pos + rng.range(1, 80);
      return pos + j + (r < 80 ? rng.range(0, 1) : rng.range(-2, 2));
    }
    return pos + rng.range(20, 300);
  }

  #content(small: boolean): string {
    const rng = this.#rng;
    const r = rng.int(100);
    if (small && r < 12) return rng.pick(this.#pastes);
    if (r < 2) return rng.chance(0.5) ? rng.pick(STRESS) : adversarialFragment(rng);
    if (r < 35) return rng.pick(SINGLE);
    if (r < 65) return rng.pick(FRAGMENTS);
    if (r < 77) {
      let s = "";
      for (let n = rng.range(1, 6); n > 0; n--) s += rng.pick(WORD_PARTS);
      return s;
    }
    if (r < 87) {
      let s = "";
      for (let n = rng.range(2, 4); n > 0; n--) {
        s += rng.chance(0.5) ? rng.pick(SINGLE) : rng.pick(FRAGMENTS);
      }
      return s;
    }
    if (r < 95) return rng.pick(this.#pastes);
    // Half a pasted block: paste cut mid-construct.
    const b = rng.pick(this.#pastes);
    return b.slice(0, rng.int(b.length + 1));
  }
}

function clamp(p: number, len: number): number {
  return p < 0 ? 0 : p > len ? len : p;
}

/**
 * Applies an edit to a string.
 *
 * @param text The text.
 * @param edit The edit.
 * @returns The edited text.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { applyEdit } from "./edit_generator.ts";
 * assertEquals(applyEdit("hello", [1, 4, "EL"]), "hELo");
 * ```
 */
export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit[0]) + edit[2] + text.slice(edit[1]);
}
