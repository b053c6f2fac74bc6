/**
 * Where the shared corpus and traces are: `../shared` beside the checkout. Tests that need them
 * skip with a message when the folder is absent (a user who clones the project alone).
 *
 * @module
 */

import { type EditingTrace, readTrace } from "./trace_file.ts";

/** The shared folder's URL. */
export const SHARED_DIR: URL = new URL("../../../shared/", import.meta.url);

function exists(url: URL): boolean {
  try {
    Deno.statSync(url);
    return true;
  } catch {
    return false;
  }
}

/** Whether `../shared` is there. */
export const HAVE_SHARED: boolean = exists(SHARED_DIR);

if (!HAVE_SHARED) {
  console.warn(`skipping corpus and trace tests: ${SHARED_DIR.pathname} not found`);
}

/** One file of the corpus, as listed in its MANIFEST.tsv. */
export interface CorpusFile {
  /** The file name. */
  name: string;
  /** Its bytes. */
  bytes: Uint8Array;
}

/**
 * Reads every file listed in the corpus manifest.
 *
 * @returns The files, in manifest order.
 */
export async function readCorpus(): Promise<CorpusFile[]> {
  const dir = new URL("corpus/", SHARED_DIR);
  const manifest = await Deno.readTextFile(new URL("MANIFEST.tsv", dir));
  const names = manifest.split("\n").slice(1).map((l) => l.split("\t")[0]!).filter((n) => n);
  return Promise.all(
    names.map(async (name) => ({ name, bytes: await Deno.readFile(new URL(name, dir)) })),
  );
}

/**
 * Reads a gzip-compressed trace from `../shared/traces`, with the benchmarks' reader.
 *
 * @param name The file name, e.g. `automerge-paper.json.gz`.
 * @returns The trace.
 */
export function readSharedTrace(name: string): Promise<EditingTrace> {
  return readTrace(new URL(`traces/${name}`, SHARED_DIR).pathname);
}
