/**
 * Loading start documents from a directory of real LaTeX files (`--corpus DIR`).
 *
 * @module
 */

import { join } from "@std/path";
import type { FuzzLexerOptions } from "./subject.ts";

/** A corpus document. */
export interface CorpusDocument {
  /** The file name inside the directory. */
  name: string;
  /** Its text. */
  text: string;
  /** The lexer options for its file type. */
  options: FuzzLexerOptions;
}

/** The file extensions read from a corpus directory. */
export const CORPUS_EXTENSIONS: readonly string[] = [
  ".tex",
  ".sty",
  ".cls",
  ".dtx",
  ".ltx",
  ".bib",
];

/**
 * Reads the LaTeX files directly inside `dir`, sorted by name (so episode choices are
 * deterministic).
 *
 * @param dir The directory.
 * @param optionsForPath The lexer options for a file name (the module's `lexerOptionsForPath`).
 * @returns The documents.
 * @throws {Error} When the directory holds no LaTeX file.
 */
export async function loadCorpus(
  dir: string,
  optionsForPath: (path: string) => FuzzLexerOptions,
): Promise<CorpusDocument[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && CORPUS_EXTENSIONS.some((x) => e.name.endsWith(x))) names.push(e.name);
  }
  names.sort();
  if (names.length === 0) {
    throw new Error(`Cannot use corpus ${dir}: it has no ${CORPUS_EXTENSIONS.join(", ")} files`);
  }
  const docs: CorpusDocument[] = [];
  for (const name of names) {
    docs.push({
      name,
      text: await Deno.readTextFile(join(dir, name)),
      options: optionsForPath(name),
    });
  }
  return docs;
}
