import { assert, assertEquals, assertThrows } from "@std/assert";
import fc from "fast-check";
import { tokenize } from "./document_lexer.ts";
import { resolveOptions } from "./options.ts";
import { MAX_OPTION_NAMES } from "./_validate.ts";
import { fcParams } from "./testdata/fc_params.ts";

/** An array seen through a proxy that counts how many of its elements a check looked at. */
function counted(array: unknown[]): { proxy: unknown[]; reads: () => number } {
  let reads = 0;
  const isIndex = (key: PropertyKey) => typeof key === "string" && /^(0|[1-9]\d*)$/.test(key);
  const proxy = new Proxy(array, {
    get(target, key, receiver) {
      if (isIndex(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
    getOwnPropertyDescriptor(target, key) {
      if (isIndex(key)) reads++;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    has(target, key) {
      if (isIndex(key)) reads++;
      return Reflect.has(target, key);
    },
  });
  return { proxy, reads: () => reads };
}

/** Whether an error is the API's own: a TypeError or RangeError worded "Invalid option…". */
function isApiError(error: unknown): boolean {
  return (error instanceof TypeError || error instanceof RangeError) &&
    error.message.startsWith("Invalid option");
}

Deno.test("resolveOptions() refuses new Array(2 ** 32 - 1) by its length, reading no element", () => {
  const { proxy, reads } = counted(new Array(2 ** 32 - 1));
  assertThrows(
    () => resolveOptions({ verbatimEnvironments: proxy as string[] }),
    RangeError,
    "Invalid option verbatimEnvironments: expected at most 10000 names, got an array of length 4294967295",
  );
  assertEquals(reads(), 0);
  assertThrows(
    () => tokenize("x", { mathEnvironments: new Array(MAX_OPTION_NAMES + 1).fill("a") }),
    RangeError,
    "at most 10000 names",
  );
});

Deno.test("resolveOptions() refuses holes, empty names and non-strings at their index", () => {
  // deno-lint-ignore no-sparse-arrays
  assertThrows(
    () => tokenize("x", { verbatimEnvironments: [, "x"] as string[] }),
    TypeError,
    "hole at index 0",
  );
  assertThrows(
    () => tokenize("x", { verbatimEnvironments: ["a", ""] }),
    TypeError,
    'expected an array of non-empty strings, got the string "" at index 1',
  );
  assertThrows(
    () => tokenize("x", { mathEnvironments: ["a", Symbol("b") as never] }),
    TypeError,
    "got a symbol at index 1",
  );
  assertThrows(
    () => tokenize("x", { mathEnvironments: new Set(["a"]) as never }),
    TypeError,
    "Invalid option mathEnvironments: expected an array of non-empty strings, got an object",
  );
});

Deno.test("resolveOptions() refuses any array with a hole, reading no element past the first hole", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 2 ** 32 - 1 }),
      fc.uniqueArray(fc.nat({ max: 40 }), { maxLength: 20 }),
      (length, filled) => {
        const array: unknown[] = new Array(length);
        for (const i of filled) if (i < length) array[i] = `e${i}`;
        // Counted from the indices set, never by walking the array (which may be 4 GiB long).
        const own = filled.filter((i) => i < length).length;
        fc.pre(own < length);
        const { proxy, reads } = counted(array);
        let error: unknown;
        try {
          resolveOptions({ verbatimEnvironments: proxy as string[] });
        } catch (e) {
          error = e;
        }
        assert(isApiError(error), `expected the API's error, got ${error}`);
        assert(reads() <= own + 1, `read ${reads()} elements of an array with ${own}`);
      },
    ),
    fcParams(300),
  );
});

Deno.test("resolveOptions() on any value either resolves or throws the API's TypeError or RangeError", () => {
  const hostileName = fc.oneof(
    fc.string(),
    fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"),
    fc.anything(),
    fc.constant(Symbol("s")),
  );
  const hostileList = fc.oneof(
    fc.array(hostileName, { maxLength: 5 }),
    fc.sparseArray(fc.string({ minLength: 1 }), { maxLength: 50 }),
    fc.anything(),
    fc.constant(Symbol("s")),
  );
  const hostileOptions = fc.oneof(
    fc.anything(),
    fc.constant(Symbol("options")),
    fc.constant(() => {}),
    fc.constant(Object.create(null)),
    fc.record(
      {
        atLetter: fc.oneof(fc.boolean(), fc.anything()),
        explSyntax: fc.oneof(fc.boolean(), fc.anything()),
        verbatimEnvironments: hostileList,
        mathEnvironments: hostileList,
      },
      { requiredKeys: [] },
    ),
  );
  fc.assert(
    fc.property(hostileOptions, (options) => {
      try {
        resolveOptions(options as never);
      } catch (error) {
        assert(isApiError(error), `expected the API's error, got ${error}`);
        return;
      }
      // Accepted: then lexing with it works too.
      tokenize("\\begin{constructor}$x$\\end{constructor}", options as never);
    }),
    fcParams(500),
  );
});

Deno.test("resolveOptions() words a symbol, a function or an array as options", () => {
  assertThrows(
    () => tokenize("x", Symbol("o") as never),
    TypeError,
    "Invalid options: expected an options object, got a symbol",
  );
  assertThrows(() => tokenize("x", (() => {}) as never), TypeError, "got a function");
  assertThrows(() => tokenize("x", [] as never), TypeError, "got an array");
  assertThrows(() => tokenize("x", null as never), TypeError, "got null");
  assertThrows(
    () => tokenize("x", { atLetter: Symbol("b") as never }),
    TypeError,
    "Invalid option atLetter: expected a boolean, got a symbol",
  );
});

Deno.test("resolveOptions() reads own data properties only: no getter runs, the prototype is ignored", () => {
  const withGetter = {};
  Object.defineProperty(withGetter, "atLetter", {
    get: () => {
      throw new Error("the getter ran");
    },
  });
  assertThrows(
    () => resolveOptions(withGetter),
    TypeError,
    "Invalid option atLetter: expected a value",
  );
  const names: string[] = [];
  Object.defineProperty(names, 0, { get: () => "x", enumerable: true });
  assertThrows(
    () => resolveOptions({ verbatimEnvironments: names }),
    TypeError,
    "got an accessor at index 0",
  );
  const inherited = Object.create({ atLetter: true, verbatimEnvironments: ["code"] });
  assertEquals(resolveOptions(inherited), resolveOptions({}));
  const proto = Object.prototype as Record<string, unknown>;
  proto.explSyntax = "polluted";
  try {
    assertEquals(resolveOptions({}), resolveOptions(undefined));
  } finally {
    delete proto.explSyntax;
  }
});

Deno.test("resolveOptions() takes prototype-like names as environment names", () => {
  const options = { verbatimEnvironments: ["constructor", "__proto__", "toString"] };
  for (const name of options.verbatimEnvironments) {
    const kinds = tokenize(`\\begin{${name}}$x\\end{${name}}`, options).map((t) => t.kind);
    assert(kinds.includes("verbatim"), `${name}: ${kinds}`);
  }
  const config = resolveOptions({ mathEnvironments: ["hasOwnProperty"] });
  assert(config.mathEnvs.has("hasOwnProperty"));
  assert(!config.mathEnvs.has("constructor"));
});

Deno.test("resolveOptions() copies the names: changing the caller's array later changes nothing", () => {
  const names = ["code"];
  const config = resolveOptions({ verbatimEnvironments: names });
  names[0] = "other";
  assert(config.verbatimEnvs.has("code"));
  assert(!config.verbatimEnvs.has("other"));
});
