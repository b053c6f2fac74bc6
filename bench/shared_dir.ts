/**
 * Where the read-only `../shared` folder (corpus and editing traces) lives, and whether it is there.
 *
 * Benchmarks use it when present and skip with a message when it is absent, so the project still
 * builds and tests in a checkout without it.
 *
 * @module
 */

import { fromFileUrl } from "@std/path";

/** The project root (the folder holding deno.json and .git), as a path. */
export const PROJECT_ROOT: string = fromFileUrl(new URL("../", import.meta.url));

/** The `shared/` folder beside the project checkout (`<project>/../shared/`), as a file URL. */
export const SHARED_URL: URL = new URL("../../shared/", import.meta.url);

/**
 * Resolves a path inside `../shared` and reports whether it exists.
 *
 * @param relative A path inside the shared folder, such as `"traces/automerge-paper.json.gz"`.
 * @returns The absolute file path, or `undefined` when the file or folder does not exist (or
 *   cannot be read with the permissions given).
 *
 * @example Look up a file that does not exist
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(sharedPath("no/such/file.tex"), undefined);
 * ```
 */
export function sharedPath(relative: string): string | undefined {
  const path = fromFileUrl(new URL(relative, SHARED_URL));
  try {
    Deno.statSync(path);
    return path;
  } catch {
    return undefined;
  }
}

/** One file of the corpus, as listed by {@linkcode largestCorpusFiles}. */
export interface CorpusFile {
  /** The file name inside `corpus/`. */
  readonly name: string;
  /** The absolute path. */
  readonly path: string;
  /** Its size in bytes. */
  readonly bytes: number;
}

/**
 * Lists the largest LaTeX files of `../shared/corpus`, largest first.
 *
 * @param count How many files to return at most.
 * @returns The files, or an empty array when the corpus is absent.
 *
 * @example At most `count` files, largest first
 * ```ts
 * import { assert } from "@std/assert";
 * const files = largestCorpusFiles(2);
 * assert(files.length <= 2);
 * if (files.length === 2) assert(files[0]!.bytes >= files[1]!.bytes);
 * ```
 */
export function largestCorpusFiles(count: number): CorpusFile[] {
  const dir = sharedPath("corpus");
  if (dir === undefined) return [];
  const files: CorpusFile[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    if (!entry.isFile || !/\.(tex|sty|cls|dtx|ltx)$/.test(entry.name)) continue;
    const path = `${dir}/${entry.name}`;
    files.push({ name: entry.name, path, bytes: Deno.statSync(path).size });
  }
  files.sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1));
  return files.slice(0, count);
}
