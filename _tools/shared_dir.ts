/**
 * The read-only `../shared` folder beside the checkout: `corpus/` (real LaTeX files) and
 * `traces/` (recorded editing sessions). It is not part of the repository; tasks and tests that
 * use it skip with a message when it is absent.
 *
 * @module
 */

import { fromFileUrl } from "@std/path";

/** The project root (the folder holding deno.json), as a path ending in a separator. */
export const PROJECT_ROOT: string = fromFileUrl(new URL("../", import.meta.url));

/** The `shared/` folder beside the project checkout (`<project>/../shared/`), as a file URL. */
export const SHARED_URL: URL = new URL("../../shared/", import.meta.url);

/** What tasks print when `../shared` is missing: what it is and where it comes from. */
export const SHARED_HINT =
  '../shared (the corpus and traces, kept beside the checkout, not in it) is absent; see README.md, section "The shared data"';

/**
 * Resolves a path inside `../shared` and reports whether it exists.
 *
 * @param relative A path inside the shared folder, such as `"traces/automerge-paper.json.gz"`.
 * @returns The absolute path, or `undefined` when it does not exist (or cannot be read with the
 *   permissions given).
 *
 * @example Look up a file that does not exist
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { sharedPath } from "./shared_dir.ts";
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
