/**
 * The shared corpus and traces for the library's tests, through the tasks' one locator, corpus
 * rule and trace reader (`_tools/`). Tests that need them skip with a message when `../shared`
 * is absent (a user who clones the project alone).
 *
 * @module
 */

import { sharedCorpus } from "../../_tools/corpus.ts";
import { SHARED_HINT, sharedPath } from "../../_tools/shared_dir.ts";
import { type EditingTrace, readTrace } from "../../_tools/trace.ts";

/** Whether `../shared` is there. */
export const HAVE_SHARED: boolean = sharedPath("corpus") !== undefined;

if (!HAVE_SHARED) console.warn(`skipping corpus and trace tests: ${SHARED_HINT}`);

/** One file of the corpus. */
export interface CorpusFile {
  /** The file name. */
  name: string;
  /** Its bytes. */
  bytes: Uint8Array;
}

/**
 * Reads every file of the corpus (the tasks' one rule for which files belong to it).
 *
 * @returns The files, in the order of the corpus listing.
 */
export function readCorpus(): Promise<CorpusFile[]> {
  return Promise.all(
    sharedCorpus().map(async (f) => ({ name: f.name, bytes: await Deno.readFile(f.path) })),
  );
}

/**
 * Reads a gzip-compressed trace from `../shared/traces`.
 *
 * @param name The file name, e.g. `automerge-paper.json.gz`.
 * @returns The trace.
 */
export function readSharedTrace(name: string): Promise<EditingTrace> {
  const path = sharedPath(`traces/${name}`);
  if (path === undefined) throw new Error(`no trace ${name}: ${SHARED_HINT}`);
  return readTrace(path);
}
