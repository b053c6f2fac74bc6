/**
 * A tiny stand-in lexer for the fuzzer's own tests: correct by construction (every edit re-lexes
 * the whole text), with switches that break it on purpose so the tests can check that the fuzzer
 * catches, shrinks and replays the bug.
 *
 * @module
 */

import type {
  FuzzLexerOptions,
  FuzzToken,
  IncrementalSubject,
  LexedLines,
  LexerUnderTest,
} from "./subject.ts";

/** Lines of `text` and their start offsets, split on `\n`, `\r\n` and lone `\r`. */
function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Lexes one line: control sequences, `$` (toggles math), `%` comments, spaces, other runs. */
function lexLine(
  text: string,
  line: number,
  math: boolean,
): { tokens: FuzzToken[]; math: boolean } {
  const tokens: FuzzToken[] = [];
  let i = 0;
  const push = (kind: string, start: number, end: number) =>
    tokens.push({
      kind,
      line,
      column: start,
      length: end - start,
      text: text.slice(start, end),
      math,
    });
  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (c === "%") {
      push("comment", i, text.length);
      break;
    } else if (c === "\\") {
      i++;
      if (/[a-zA-Z]/.test(text[i] ?? "")) { while (/[a-zA-Z]/.test(text[i] ?? "")) i++; }
      else if (i < text.length) i++;
      push(i - start > 1 ? "control_word" : "invalid", start, i);
    } else if (c === "$") {
      i++;
      push("math_shift", start, i);
      math = !math;
    } else if (c === " ") {
      while (text[i] === " ") i++;
      push("space", start, i);
    } else {
      while (i < text.length && !"%\\$ ".includes(text[i]!)) i++;
      push("text", start, i);
    }
  }
  return { tokens, math };
}

class FakeDocument implements LexedLines {
  readonly lines: FuzzToken[][] = [];
  readonly states: boolean[] = [];
  finalState: boolean = false;
  constructor(text: string) {
    let math = false;
    splitLines(text).forEach((lineText, line) => {
      this.states.push(math);
      const r = lexLine(lineText, line, math);
      this.lines.push(r.tokens);
      math = r.math;
    });
    this.finalState = math;
  }
  get lineCount(): number {
    return this.lines.length;
  }
  lineTokens(line: number): FuzzToken[] {
    return this.lines[line] ?? [];
  }
  lineState(line: number): boolean {
    return this.states[line] ?? false;
  }
}

/** Ways to break the fake lexer. */
export interface FakeFlaws {
  /**
   * After an edit whose inserted text contains this string, the first token of the line where
   * the edit starts goes missing for good (a stale cache entry).
   */
  dropTokenAfterInsertOf?: string;
  /** Edits whose inserted text contains this string make `edit` throw. */
  throwOnInsertOf?: string;
  /** Edits whose inserted text contains this string make `length` off by one for good. */
  miscountLengthAfterInsertOf?: string;
}

class FakeIncremental implements IncrementalSubject {
  #text: string;
  #doc: FakeDocument;
  #dropLine = -1;
  #lengthError = 0;
  readonly #flaws: FakeFlaws;
  constructor(text: string, flaws: FakeFlaws) {
    this.#text = text;
    this.#doc = new FakeDocument(text);
    this.#flaws = flaws;
  }
  edit(from: number, to: number, insert: string): void {
    if (!(0 <= from && from <= to && to <= this.#text.length)) {
      throw new RangeError(
        `Cannot apply edit: ${from}-${to} is out of range 0-${this.#text.length}`,
      );
    }
    const f = this.#flaws;
    if (f.throwOnInsertOf !== undefined && insert.includes(f.throwOnInsertOf)) {
      throw new Error("fake lexer: deliberate failure");
    }
    this.#text = this.#text.slice(0, from) + insert + this.#text.slice(to);
    this.#doc = new FakeDocument(this.#text);
    if (f.dropTokenAfterInsertOf !== undefined && insert.includes(f.dropTokenAfterInsertOf)) {
      this.#dropLine = splitLines(this.#text.slice(0, from)).length - 1;
    }
    if (
      f.miscountLengthAfterInsertOf !== undefined && insert.includes(f.miscountLengthAfterInsertOf)
    ) this.#lengthError = 1;
  }
  get length(): number {
    return this.#text.length + this.#lengthError;
  }
  get lineCount(): number {
    return this.#doc.lineCount;
  }
  lineTokens(line: number): FuzzToken[] {
    const tokens = this.#doc.lineTokens(line);
    return line === this.#dropLine ? tokens.slice(1) : tokens;
  }
  lineState(line: number): boolean {
    return this.#doc.lineState(line);
  }
  get finalState(): boolean {
    return this.#doc.finalState;
  }
}

/**
 * A fake lexer for tests.
 *
 * @param flaws Deliberate bugs; none by default.
 * @returns A {@linkcode LexerUnderTest}.
 */
export function fakeLexer(flaws: FakeFlaws = {}): LexerUnderTest {
  return {
    name: "fake",
    open: (text: string, _options: FuzzLexerOptions) => new FakeIncremental(text, flaws),
    batch: (text: string, _options: FuzzLexerOptions) => new FakeDocument(text),
    stateKey: (state: unknown) => (state ? "math" : "text"),
  };
}
