/**
 * Editing traces in the format of `../shared/traces` (gzip JSON
 * `{startContent, endContent, txns: [{patches: [[pos, delCount, insText], ...]}]}`).
 *
 * @module
 */

/** One patch: delete `delCount` UTF-16 units at `pos`, then insert `insText` there. */
export type Patch = readonly [pos: number, delCount: number, insText: string];

/** A loaded editing trace. */
export interface EditingTrace {
  /** The text before the first transaction. */
  readonly startContent: string;
  /** The text after the last one, when the file gives it. */
  readonly endContent: string | undefined;
  /** The transactions in order; a transaction's patches apply one after another. */
  readonly txns: readonly { readonly patches: readonly Patch[] }[];
}

/**
 * Checks and converts parsed JSON into a trace.
 *
 * @param data The parsed JSON.
 * @returns The trace.
 * @throws {TypeError} When the shape is not that of a trace.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * const trace = parseTrace({ startContent: "", endContent: "ab", txns: [{ patches: [[0, 0, "ab"]] }] });
 * assertEquals(trace.txns.length, 1);
 * assertThrows(() => parseTrace({ txns: [{ patches: [[0, "x", ""]] }] }), TypeError);
 * ```
 */
export function parseTrace(data: unknown): EditingTrace {
  if (typeof data !== "object" || data === null) {
    throw new TypeError("Cannot read trace: expected a JSON object");
  }
  const { startContent = "", endContent, txns } = data as Record<string, unknown>;
  if (typeof startContent !== "string") {
    throw new TypeError("Cannot read trace: startContent must be a string");
  }
  if (endContent !== undefined && typeof endContent !== "string") {
    throw new TypeError("Cannot read trace: endContent must be a string");
  }
  if (!Array.isArray(txns)) throw new TypeError("Cannot read trace: txns must be an array");
  txns.forEach((txn, i) => {
    const patches = (txn as { patches?: unknown })?.patches;
    if (!Array.isArray(patches)) {
      throw new TypeError(`Cannot read trace: txns[${i}].patches must be an array`);
    }
    for (const p of patches) {
      if (
        !Array.isArray(p) || p.length !== 3 || !Number.isInteger(p[0]) || !Number.isInteger(p[1]) ||
        typeof p[2] !== "string"
      ) {
        throw new TypeError(
          `Cannot read trace: txns[${i}] has a patch that is not [pos, delCount, insText]`,
        );
      }
    }
  });
  return { startContent, endContent, txns: txns as EditingTrace["txns"] };
}

/**
 * Reads a trace file: gzip JSON when the name ends in `.gz`, else plain JSON.
 *
 * @param path The file.
 * @returns The trace.
 * @throws {TypeError} When the content is not a trace; file errors propagate.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const path = Deno.makeTempFileSync({ suffix: ".json" });
 * Deno.writeTextFileSync(path, JSON.stringify({ startContent: "", txns: [] }));
 * assertEquals((await readTrace(path)).txns, []);
 * Deno.removeSync(path);
 * ```
 */
export async function readTrace(path: string): Promise<EditingTrace> {
  return parseTrace(JSON.parse(await readTraceText(path)));
}

/**
 * Reads a trace file's JSON text; `.gz` files are gunzipped with `DecompressionStream`.
 *
 * @param path The file.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const path = Deno.makeTempFileSync({ suffix: ".json" });
 * Deno.writeTextFileSync(path, "{}");
 * assertEquals(await readTraceText(path), "{}");
 * Deno.removeSync(path);
 * ```
 */
export async function readTraceText(path: string): Promise<string> {
  const bytes = await Deno.readFile(path);
  if (!path.endsWith(".gz")) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).text();
}
