import { assertEquals, assertThrows } from "@std/assert";
import { validateJson } from "./json_schema.ts";

const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["schema", "items", "mode"],
  additionalProperties: false,
  properties: {
    schema: { const: "x@1" },
    mode: { enum: ["quick", "full"] },
    note: { type: ["string", "null"], minLength: 1 },
    ratio: { type: "number", minimum: 0, maximum: 1 },
    hash: { type: "string", pattern: "^[0-9a-f]{4}$" },
    items: { type: "array", minItems: 1, items: { $ref: "#/$defs/item" } },
    either: { oneOf: [{ type: "integer" }, { type: "string" }] },
  },
  $defs: {
    item: {
      type: "object",
      required: ["n"],
      additionalProperties: false,
      properties: { n: { type: "integer" } },
    },
  },
};

Deno.test("validateJson() accepts a value that follows every rule", () => {
  const good = {
    schema: "x@1",
    mode: "quick",
    note: null,
    ratio: 0.5,
    hash: "beef",
    items: [{ n: 1 }],
    either: 3,
  };
  assertEquals(validateJson(SCHEMA, good), []);
  assertEquals(validateJson(true, 1), []);
});

Deno.test("validateJson() names each broken rule with its JSON path", () => {
  const bad = {
    schema: "x@2",
    mode: "slow",
    note: "",
    ratio: 1.5,
    hash: "BEEF",
    items: [{ n: 1.5 }, { m: 1 }],
    either: true,
    extra: 1,
  };
  assertEquals(validateJson(SCHEMA, bad), [
    '$.schema: expected "x@1", got "x@2"',
    '$.mode: "slow" is not one of ["quick","full"]',
    "$.note: shorter than 1 characters",
    "$.ratio: 1.5 is above the maximum 1",
    '$.hash: "BEEF" does not match ^[0-9a-f]{4}$',
    "$.items[0].n: expected integer, got number",
    "$.items[1].n: missing (required)",
    "$.items[1].m: not allowed (additionalProperties is false)",
    "$.either: matches 0 of the 2 oneOf schemas, not exactly 1",
    "$.extra: not allowed (additionalProperties is false)",
  ]);
  assertEquals(validateJson(SCHEMA, { items: [] }), [
    "$.schema: missing (required)",
    "$.mode: missing (required)",
    "$.items: fewer than 1 items",
  ]);
  assertEquals(validateJson(SCHEMA, []), ["$: expected object, got array"]);
  assertEquals(validateJson(false, 1), ["$: not allowed"]);
});

Deno.test("validateJson() refuses schemas outside its subset instead of checking less", () => {
  assertThrows(
    () => validateJson({ patternProperties: {} }, {}),
    TypeError,
    "Unsupported schema keyword",
  );
  assertThrows(() => validateJson({ $ref: "#/$defs/none" }, {}), TypeError, "Cannot resolve");
});

Deno.test("validateJson() follows a $ref to another schema by its $id", () => {
  const machine = {
    $id: "m@1",
    type: "object",
    required: ["os"],
    additionalProperties: false,
    properties: { os: { $ref: "#/$defs/name" } },
    $defs: { name: { type: "string", minLength: 1 } },
  };
  const report = { type: "object", properties: { machine: { $ref: "m@1" } } };
  assertEquals(validateJson(report, { machine: { os: "linux" } }, { refs: [machine] }), []);
  assertEquals(validateJson(report, { machine: {} }, { refs: [machine] }), [
    "$.machine.os: missing (required)",
  ]);
  assertEquals(validateJson(report, { machine: { os: "" } }, { refs: [machine] }), [
    "$.machine.os: shorter than 1 characters",
  ], "a #-reference inside the other schema resolves there");
  assertThrows(() => validateJson(report, { machine: {} }), TypeError, "Cannot resolve $ref m@1");
});
