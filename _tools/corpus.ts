/**
 * The corpus of real LaTeX documents (`../shared/corpus`, or any folder given with `--corpus`),
 * with one rule for which files belong to it: {@linkcode CORPUS_EXTENSIONS}, directly in the
 * folder, listed by name.
 *
 * @module
 */

import { join } from "@std/path";
import { sharedPath } from "./shared_dir.ts";

/** The file extensions of LaTeX sources; other files in a corpus folder (notes, tables) are not read. */
export const CORPUS_EXTENSIONS: readonly string[] = [".tex", ".sty", ".cls", ".dtx", ".ltx"];

/** One file of a corpus. */
export interface CorpusFile {
  /** The file name inside the folder. */
  readonly name: string;
  /** The path (the folder joined with the name). */
  readonly path: string;
  /** Its size in bytes. */
  readonly bytes: number;
}

/**
 * Whether a file name is a LaTeX source by {@linkcode CORPUS_EXTENSIONS}.
 *
 * @param name The file name.
 * @returns Whether a corpus holds it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isCorpusFile } from "./corpus.ts";
 * assertEquals(["a.tex", "b.dtx", "README.md", "c.bib"].map(isCorpusFile), [true, true, false, false]);
 * ```
 */
export function isCorpusFile(name: string): boolean {
  return CORPUS_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/**
 * Lists the LaTeX files directly inside a folder, sorted by name.
 *
 * @param dir The folder.
 * @returns The files; an empty list when the folder holds none.
 * @throws {Deno.errors.NotFound} When the folder does not exist (other file errors propagate).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { listCorpus } from "./corpus.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/b.tex`, "B");
 * Deno.writeTextFileSync(`${dir}/notes.md`, "");
 * assertEquals(listCorpus(dir).map((f) => [f.name, f.bytes]), [["b.tex", 1]]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function listCorpus(dir: string): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    if (!entry.isFile || !isCorpusFile(entry.name)) continue;
    const path = join(dir, entry.name);
    files.push({ name: entry.name, path, bytes: Deno.statSync(path).size });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Lists `../shared/corpus`.
 *
 * @returns Its LaTeX files by name, or an empty list when `../shared` is absent.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { sharedCorpus } from "./corpus.ts";
 * assert(sharedCorpus().every((f) => f.bytes >= 0));
 * ```
 */
export function sharedCorpus(): CorpusFile[] {
  const dir = sharedPath("corpus");
  return dir === undefined ? [] : listCorpus(dir);
}

/**
 * The largest files of `../shared/corpus`, largest first (ties by name).
 *
 * @param count How many files at most.
 * @returns The files, or an empty list when the corpus is absent.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { largestCorpusFiles } from "./corpus.ts";
 * const files = largestCorpusFiles(2);
 * assert(files.length <= 2);
 * if (files.length === 2) assert(files[0]!.bytes >= files[1]!.bytes);
 * ```
 */
export function largestCorpusFiles(count: number): CorpusFile[] {
  return [...sharedCorpus()].sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1))
    .slice(0, count);
}
