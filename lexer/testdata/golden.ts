/**
 * Golden fixtures: readable JSON files, one per construct, each with a text, lexer options and
 * the expected tokens of every line as `[kind, text]` or `[kind, text, "math"]`.
 *
 * @module
 */

import { lexDocument } from "../document_lexer.ts";
import type { LexerOptions } from "../options.ts";

/** One expected token: its kind, its text, and "math" when it is in math. */
export type GoldenToken = [string, string] | [string, string, "math"];

/** A golden fixture file. */
export interface GoldenFixture {
  /** What the fixture shows. */
  desc: string;
  /** The input text. */
  text: string;
  /** Lexer options. */
  options: LexerOptions;
  /** The expected tokens, line by line. */
  lines: GoldenToken[][];
}

/** The folder of the fixtures. */
export const GOLDEN_DIR: URL = new URL("./golden/", import.meta.url);

/**
 * Lexes a text into the fixture form.
 *
 * @param text The text.
 * @param options Lexer options.
 * @returns The tokens of every line.
 */
export function goldenLines(text: string, options: LexerOptions): GoldenToken[][] {
  const doc = lexDocument(text, options);
  const lines: GoldenToken[][] = [];
  for (let i = 0; i < doc.lineCount; i++) {
    lines.push(
      doc.lineTokens(i).map((t): GoldenToken =>
        t.math ? [t.kind, t.text, "math"] : [t.kind, t.text]
      ),
    );
  }
  return lines;
}

/**
 * Reads every fixture.
 *
 * @returns The fixtures with their paths, sorted by name.
 */
export async function readFixtures(): Promise<{ path: URL; fixture: GoldenFixture }[]> {
  const out: { path: URL; fixture: GoldenFixture }[] = [];
  for await (const e of Deno.readDir(GOLDEN_DIR)) {
    if (!e.isFile || !e.name.endsWith(".json")) continue;
    const path = new URL(e.name, GOLDEN_DIR);
    out.push({ path, fixture: JSON.parse(await Deno.readTextFile(path)) as GoldenFixture });
  }
  return out.sort((a, b) => a.path.href.localeCompare(b.path.href));
}
