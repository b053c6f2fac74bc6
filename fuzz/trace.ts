/**
 * Loading recorded editing traces (`../shared/traces/*.json.gz`, or plain `.json`) as an edit
 * stream: `{startContent, endContent, txns: [{patches: [[pos, delCount, insText], ...]}]}`,
 * patches applied in order, each against the result of the one before.
 *
 * @module
 */

import { readTraceText } from "../bench/trace.ts";
import type { Edit } from "./subject.ts";

/** A trace as the fuzzer uses it. */
export interface Trace {
  /** The document before the first edit. */
  startContent: string;
  /** The document after the last edit, when the trace records it. */
  endContent: string | null;
  /** Every patch of every transaction, in order, as `[from, to, insert]`. */
  edits: Edit[];
}

function fail(file: string, what: string): never {
  throw new SyntaxError(`Cannot read trace ${file}: ${what}`);
}

/**
 * Parses a trace's JSON text. Positions count code points in the format; they are used as
 * UTF-16 offsets, so traces with characters above U+FFFF are rejected rather than misread.
 *
 * @param json The JSON text.
 * @param file The file name, for error messages.
 * @returns The trace.
 * @throws {SyntaxError} When the text is not a valid trace.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseTrace } from "./trace.ts";
 * const t = parseTrace('{"startContent":"","endContent":"ab","txns":[{"patches":[[0,0,"ab"]]}]}', "t");
 * assertEquals(t.edits, [[0, 0, "ab"]]);
 * ```
 */
export function parseTrace(json: string, file: string): Trace {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    fail(file, `not JSON (${e instanceof Error ? e.message : e})`);
  }
  const d = data as Record<string, unknown> | null;
  if (typeof d !== "object" || d === null) fail(file, "not a JSON object");
  const start = d.startContent ?? "";
  if (typeof start !== "string") fail(file, `"startContent" must be a string`);
  const end = d.endContent ?? null;
  if (end !== null && typeof end !== "string") fail(file, `"endContent" must be a string`);
  if (!Array.isArray(d.txns)) fail(file, `"txns" must be an array`);
  const surrogate = /[\ud800-\udfff]/;
  if (surrogate.test(start)) fail(file, "characters above U+FFFF are not supported");
  const edits: Edit[] = [];
  let len = start.length;
  for (const [t, txn] of d.txns.entries()) {
    const patches = (txn as { patches?: unknown })?.patches;
    if (!Array.isArray(patches)) fail(file, `txns[${t}].patches must be an array`);
    for (const p of patches) {
      if (
        !Array.isArray(p) || !Number.isInteger(p[0]) || !Number.isInteger(p[1]) ||
        typeof p[2] !== "string"
      ) fail(file, `txns[${t}] has a patch that is not [pos, delCount, insText]`);
      const [pos, del, ins] = p as [number, number, string];
      if (pos < 0 || del < 0 || pos + del > len) {
        fail(file, `txns[${t}] has a patch out of range: [${pos}, ${del}] in a text of ${len}`);
      }
      if (surrogate.test(ins)) fail(file, "characters above U+FFFF are not supported");
      edits.push([pos, pos + del, ins]);
      len += ins.length - del;
    }
  }
  return { startContent: start, endContent: end, edits };
}

/**
 * Reads a trace file; `.gz` files are gunzipped with `DecompressionStream`.
 *
 * @param path The file.
 * @returns The trace.
 * @throws {SyntaxError} When the file is not a valid trace.
 */
export async function loadTrace(path: string): Promise<Trace> {
  return parseTrace(await readTraceText(path), path);
}
