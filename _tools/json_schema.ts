/**
 * A validator for the subset of JSON Schema (2020-12) the repository's report schemas use:
 * `type` (one or a list), `properties`, `required`, `additionalProperties` (`false` or a schema),
 * `items`, `enum`, `const`, `minimum`, `maximum`, `minLength`, `pattern`, `minItems`, `oneOf`,
 * `$ref` to `#/$defs/NAME` or to another schema by its `$id` (`ID` or `ID#/$defs/NAME`), and `$schema`/`$id`/`title`/`description` as annotations. A schema
 * keyword outside the subset is an error, so a schema cannot silently check less than it says.
 *
 * @module
 */

/** A JSON Schema, as parsed JSON. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** Options of {@linkcode validateJson}. */
export interface ValidateOptions {
  /** Other schemas a `$ref` may name by their `$id`. @default [] */
  readonly refs?: readonly JsonSchema[];
}

const KNOWN = new Set([
  "$schema",
  "$id",
  "$defs",
  "$ref",
  "title",
  "description",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "minimum",
  "maximum",
  "minLength",
  "pattern",
  "minItems",
  "oneOf",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function fitsType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates a value against a schema.
 *
 * @param schema The schema (its `$defs` resolve `$ref`s).
 * @param value The value, as parsed JSON.
 * @param options Other schemas it refers to.
 * @returns One message per problem, each starting with the JSON path (`$.summary.failures`);
 *   empty when the value is valid.
 * @throws {TypeError} When the schema uses a keyword outside the supported subset or a `$ref`
 *   that does not resolve.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { validateJson } from "./json_schema.ts";
 * const schema = {
 *   type: "object",
 *   required: ["count"],
 *   additionalProperties: false,
 *   properties: { count: { type: "integer", minimum: 0 } },
 * };
 * assertEquals(validateJson(schema, { count: 3 }), []);
 * assertEquals(validateJson(schema, { count: -1, extra: true }), [
 *   "$.count: -1 is below the minimum 0",
 *   "$.extra: not allowed (additionalProperties is false)",
 * ]);
 * ```
 */
export function validateJson(
  schema: JsonSchema,
  value: unknown,
  options: ValidateOptions = {},
): string[] {
  const byId = new Map<string, JsonSchema>();
  for (const s of [schema, ...(options.refs ?? [])]) {
    if (typeof s === "object" && typeof s.$id === "string") byId.set(s.$id, s);
  }
  const problems: string[] = [];
  // A "#..." reference resolves in the document it appears in (`base`), not in the root.
  const resolve = (ref: string, base: JsonSchema): { target: JsonSchema; base: JsonSchema } => {
    const hash = ref.indexOf("#");
    const id = hash < 0 ? ref : ref.slice(0, hash);
    const doc = id === "" ? base : byId.get(id);
    const fragment = hash < 0 ? "" : ref.slice(hash);
    let target: JsonSchema | undefined = doc;
    if (fragment !== "" && fragment !== "#") {
      const m = /^#\/\$defs\/([^/]+)$/.exec(fragment);
      const defs = typeof doc === "object" ? doc.$defs as Record<string, JsonSchema> : undefined;
      target = m === null ? undefined : defs?.[m[1]!];
    }
    if (target === undefined || doc === undefined) {
      throw new TypeError(`Cannot resolve $ref ${ref}`);
    }
    return { target, base: doc };
  };
  const check = (
    s: JsonSchema,
    v: unknown,
    path: string,
    out: string[],
    base: JsonSchema,
  ): void => {
    if (s === true) return;
    if (s === false) {
      out.push(`${path}: not allowed`);
      return;
    }
    for (const keyword of Object.keys(s)) {
      if (!KNOWN.has(keyword)) {
        throw new TypeError(`Unsupported schema keyword ${keyword} at ${path}`);
      }
    }
    if (typeof s.$ref === "string") {
      const r = resolve(s.$ref, base);
      check(r.target, v, path, out, r.base);
    }
    if (s.type !== undefined) {
      const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
      if (!types.some((t) => fitsType(v, t))) {
        out.push(`${path}: expected ${types.join(" or ")}, got ${typeOf(v)}`);
        return;
      }
    }
    if (s.const !== undefined && !sameJson(v, s.const)) {
      out.push(`${path}: expected ${JSON.stringify(s.const)}, got ${JSON.stringify(v)}`);
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => sameJson(e, v))) {
      out.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`);
    }
    if (typeof v === "number") {
      if (typeof s.minimum === "number" && v < s.minimum) {
        out.push(`${path}: ${v} is below the minimum ${s.minimum}`);
      }
      if (typeof s.maximum === "number" && v > s.maximum) {
        out.push(`${path}: ${v} is above the maximum ${s.maximum}`);
      }
    }
    if (typeof v === "string") {
      if (typeof s.minLength === "number" && v.length < s.minLength) {
        out.push(`${path}: shorter than ${s.minLength} characters`);
      }
      if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(v)) {
        out.push(`${path}: ${JSON.stringify(v)} does not match ${s.pattern}`);
      }
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === "number" && v.length < s.minItems) {
        out.push(`${path}: fewer than ${s.minItems} items`);
      }
      if (s.items !== undefined) {
        v.forEach((item, i) => check(s.items as JsonSchema, item, `${path}[${i}]`, out, base));
      }
    }
    if (typeOf(v) === "object") {
      const o = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      for (const name of (s.required ?? []) as string[]) {
        if (!(name in o)) out.push(`${path}.${name}: missing (required)`);
      }
      for (const [name, item] of Object.entries(o)) {
        if (name in props) check(props[name]!, item, `${path}.${name}`, out, base);
        else if (s.additionalProperties === false) {
          out.push(`${path}.${name}: not allowed (additionalProperties is false)`);
        } else if (typeof s.additionalProperties === "object") {
          check(s.additionalProperties as JsonSchema, item, `${path}.${name}`, out, base);
        }
      }
    }
    if (Array.isArray(s.oneOf)) {
      const passing = s.oneOf.filter((branch) => {
        const sub: string[] = [];
        check(branch as JsonSchema, v, path, sub, base);
        return sub.length === 0;
      }).length;
      if (passing !== 1) {
        out.push(
          `${path}: matches ${passing} of the ${s.oneOf.length} oneOf schemas, not exactly 1`,
        );
      }
    }
  };
  check(schema, value, "$", problems, schema);
  return problems;
}

/**
 * Reads a schema file of the repository, e.g. `fuzz/fuzz_report.schema.json`.
 *
 * @param url The file's URL (`new URL("./x.schema.json", import.meta.url)`).
 * @returns The schema.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { readSchema } from "./json_schema.ts";
 * const schema = readSchema(new URL("../fuzz/fuzz_report.schema.json", import.meta.url));
 * assertEquals(typeof schema, "object");
 * ```
 */
export function readSchema(url: URL): JsonSchema {
  return JSON.parse(Deno.readTextFileSync(url)) as JsonSchema;
}
