/**
 * Where the shared corpus and traces are: `../shared` beside the checkout. Tests that need them
 * skip with a message when the folder is absent (a user who clones the project alone).
 *
 * @module
 */

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

/** A recorded editing session, as in `../shared/traces/README.md`. */
export interface Trace {
  /** The text before the first transaction. */
  startContent: string;
  /** The text after the last. */
  endContent: string;
  /** Transactions; their patches `[pos, deleted, inserted]` apply in order. */
  txns: { patches: [number, number, string][] }[];
}

/**
 * Reads a gzip-compressed trace from `../shared/traces`.
 *
 * @param name The file name, e.g. `automerge-paper.json.gz`.
 * @returns The trace.
 */
export async function readTrace(name: string): Promise<Trace> {
  const file = await Deno.open(new URL(`traces/${name}`, SHARED_DIR));
  const text = await new Response(file.readable.pipeThrough(new DecompressionStream("gzip")))
    .text();
  return JSON.parse(text) as Trace;
}
