import { assertEquals, assertThrows } from "@std/assert";
import { parseInteger, parseOptions, parsePositiveNumber } from "./options.ts";
import { UsageError } from "./usage_error.ts";

const SPEC = {
  string: ["seed", "report"],
  collect: ["trace"],
  boolean: ["quiet", "color", "help"],
  negatable: ["color"],
  alias: { h: "help" },
  maxPositional: 1,
};

Deno.test("parseOptions() reads --opt value and --opt=value alike, repeats of collected options in order", () => {
  const a = parseOptions(["--seed", "7", "--trace=a", "--trace", "b", "file.tex"], SPEC);
  const b = parseOptions(["--seed=7", "--trace", "a", "--trace=b", "file.tex"], SPEC);
  assertEquals(a, b);
  assertEquals([a.strings.seed, a.lists.trace, a.positional], ["7", ["a", "b"], ["file.tex"]]);
  assertEquals(a.strings.report, undefined);
});

Deno.test("parseOptions() passes values that start with a dash to the option's own check", () => {
  assertEquals(parseOptions(["--seed", "-5"], SPEC).strings.seed, "-5");
  assertEquals(parseOptions(["--report", "-"], SPEC).strings.report, "-");
  assertThrows(
    () => parseInteger("seed", "-5", { min: 0 }),
    UsageError,
    '--seed: "-5" is not an integer of at least 0',
  );
});

Deno.test("parseOptions() tells given, negated and absent flags apart", () => {
  assertEquals(parseOptions(["--no-color"], SPEC).flags.color, false);
  assertEquals(parseOptions(["--color"], SPEC).flags.color, true);
  assertEquals(parseOptions([], SPEC).flags.color, undefined);
  assertEquals(parseOptions(["-h"], SPEC).flags.help, true);
});

Deno.test("parseOptions() refuses unknown options, missing or repeated values, extra arguments", () => {
  assertThrows(() => parseOptions(["--nope=3"], SPEC), UsageError, "unknown option --nope");
  assertThrows(() => parseOptions(["-x"], SPEC), UsageError, "unknown option -x");
  assertThrows(() => parseOptions(["--seed"], SPEC), UsageError, "--seed needs a value");
  assertThrows(() => parseOptions(["--seed", "--quiet"], SPEC), UsageError, "--seed needs a value");
  assertThrows(
    () => parseOptions(["--seed=1", "--seed", "2"], SPEC),
    UsageError,
    "given more than once",
  );
  assertThrows(() => parseOptions(["a", "b"], SPEC), UsageError, "at most 1 argument");
  assertThrows(() => parseOptions(["a"], { string: ["x"] }), UsageError, "unexpected argument a");
});

Deno.test("parseOptions() keeps what follows -- as positional arguments", () => {
  assertEquals(parseOptions(["--", "--seed"], SPEC).positional, ["--seed"]);
});

Deno.test("parseInteger() and parsePositiveNumber() accept only numbers in range", () => {
  assertEquals(parseInteger("n", "1_000_000", { min: 1 }), 1_000_000);
  assertEquals(parseInteger("n", "0"), 0);
  assertThrows(() => parseInteger("n", "1.5"), UsageError, "not an integer");
  assertThrows(
    () => parseInteger("n", "9", { min: 0, max: 8 }),
    UsageError,
    '"9" is not an integer in 0-8',
  );
  assertThrows(() => parseInteger("n", ""), UsageError);
  assertEquals(parsePositiveNumber("r", "0.5"), 0.5);
  for (const bad of ["0", "-1", "x", "Infinity", ""]) {
    assertThrows(() => parsePositiveNumber("r", bad), UsageError, "is not a positive number");
  }
});
