/**
 * Editing traces in the format of `../shared/traces` (gzip JSON
 * `{startContent, endContent, txns: [{patches: [[pos, delCount, insText], ...]}]}`), read
 * strictly: every patch must lie inside the text it applies to, and characters above U+FFFF
 * are refused (the format counts code points, the lexer UTF-16 units, so such a trace would be
 * misread rather than replayed).
 *
 * @module
 */

/** One patch: delete `delCount` UTF-16 units at `pos`, then insert `insText` there. */
export type Patch = readonly [pos: number, delCount: number, insText: string];

/** One edit: replace `[from, to)` with `insert`. */
export type TraceEdit = readonly [from: number, to: number, insert: string];

/** A checked editing trace. */
export interface EditingTrace {
  /** The text before the first transaction. */
  readonly startContent: string;
  /** The text after the last one, or `null` when the file does not give it. */
  readonly endContent: string | null;
  /** The transactions in order; a transaction's patches apply one after another. */
  readonly txns: readonly { readonly patches: readonly Patch[] }[];
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Checks parsed JSON and returns it as a trace.
 *
 * @param data The parsed JSON.
 * @param file The file name, for messages.
 * @returns The trace.
 * @throws {SyntaxError} `Cannot read trace FILE: ...` when the shape is wrong, a patch is out of
 *   range, or a character is above U+FFFF.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { checkTrace } from "./trace.ts";
 * const trace = checkTrace({ startContent: "", endContent: "ab", txns: [{ patches: [[0, 0, "ab"]] }] }, "t");
 * assertEquals(trace.txns.length, 1);
 * assertThrows(() => checkTrace({ txns: [{ patches: [[1, 0, ""]] }] }, "t"), SyntaxError, "out of range");
 * ```
 */
export function checkTrace(data: unknown, file: string): EditingTrace {
  const fail = (what: string): never => {
    throw new SyntaxError(`Cannot read trace ${file}: ${what}`);
  };
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return fail("not a JSON object");
  }
  const d = data as Record<string, unknown>;
  const start = d.startContent ?? "";
  if (typeof start !== "string") return fail(`"startContent" must be a string`);
  const end = d.endContent ?? null;
  if (end !== null && typeof end !== "string") return fail(`"endContent" must be a string`);
  if (!Array.isArray(d.txns)) return fail(`"txns" must be an array`);
  if (SURROGATE.test(start)) fail("characters above U+FFFF are not supported");
  let length = start.length;
  for (const [t, txn] of d.txns.entries()) {
    const patches = (txn as { patches?: unknown } | null)?.patches;
    if (!Array.isArray(patches)) return fail(`txns[${t}].patches must be an array`);
    for (const p of patches) {
      if (
        !Array.isArray(p) || p.length !== 3 || !Number.isInteger(p[0]) ||
        !Number.isInteger(p[1]) || typeof p[2] !== "string"
      ) fail(`txns[${t}] has a patch that is not [pos, delCount, insText]`);
      const [pos, del, ins] = p as [number, number, string];
      if (pos < 0 || del < 0 || pos + del > length) {
        fail(`txns[${t}] has a patch out of range: [${pos}, ${del}] in a text of ${length}`);
      }
      if (SURROGATE.test(ins)) fail("characters above U+FFFF are not supported");
      length += ins.length - del;
    }
  }
  return { startContent: start, endContent: end, txns: d.txns as EditingTrace["txns"] };
}

/**
 * Parses a trace's JSON text.
 *
 * @param json The text.
 * @param file The file name, for messages.
 * @returns The trace.
 * @throws {SyntaxError} When the text is not JSON or not a valid trace.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseTrace } from "./trace.ts";
 * assertEquals(parseTrace('{"txns":[]}', "t"), { startContent: "", endContent: null, txns: [] });
 * ```
 */
export function parseTrace(json: string, file: string): EditingTrace {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new SyntaxError(
      `Cannot read trace ${file}: not JSON (${e instanceof Error ? e.message : e})`,
    );
  }
  return checkTrace(data, file);
}

/**
 * Reads a trace file: gzip JSON when the name ends in `.gz`, else plain JSON.
 *
 * @param path The file.
 * @returns The trace.
 * @throws {SyntaxError} When the content is not a valid trace (or not gzip); file errors
 *   (`NotFound`, `IsADirectory`, ...) propagate.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { readTrace } from "./trace.ts";
 * const path = Deno.makeTempFileSync({ suffix: ".json" });
 * Deno.writeTextFileSync(path, JSON.stringify({ startContent: "a", txns: [] }));
 * assertEquals((await readTrace(path)).startContent, "a");
 * Deno.removeSync(path);
 * ```
 */
export async function readTrace(path: string): Promise<EditingTrace> {
  const bytes = await Deno.readFile(path);
  let text: string;
  if (path.endsWith(".gz")) {
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      text = await new Response(stream).text();
    } catch (e) {
      throw new SyntaxError(
        `Cannot read trace ${path}: not gzip data (${e instanceof Error ? e.message : e})`,
      );
    }
  } else text = new TextDecoder().decode(bytes);
  return parseTrace(text, path);
}

/**
 * Every patch of every transaction, in order, as `[from, to, insert]` edits.
 *
 * @param trace The trace.
 * @returns The edits.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseTrace, traceEdits } from "./trace.ts";
 * const t = parseTrace('{"startContent":"ab","txns":[{"patches":[[2,0,"c"],[0,1,""]]}]}', "t");
 * assertEquals(traceEdits(t), [[2, 2, "c"], [0, 1, ""]]);
 * ```
 */
export function traceEdits(trace: EditingTrace): TraceEdit[] {
  const edits: TraceEdit[] = [];
  for (const txn of trace.txns) {
    for (const [pos, del, ins] of txn.patches) edits.push([pos, pos + del, ins]);
  }
  return edits;
}
