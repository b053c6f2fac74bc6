import { assertEquals, assertThrows } from "@std/assert";
import {
  intOption,
  numberOption,
  parseProgram,
  type ProgramFlags,
  requirePermission,
  UsageError,
} from "./cli_io.ts";

Deno.test("intOption() and numberOption() accept valid values and reject the rest", () => {
  assertEquals(intOption("n", "0", 0), 0);
  assertThrows(
    () => intOption("n", "0", 1),
    UsageError,
    '--n: "0" is not an integer of at least 1',
  );
  assertThrows(() => intOption("n", "1.5", 0), UsageError);
  assertEquals(numberOption("r", "1.25"), 1.25);
  assertThrows(() => numberOption("r", "0"), UsageError);
  assertThrows(() => numberOption("r", "abc"), UsageError);
});

Deno.test("requirePermission() refuses a folder as an output file", () => {
  const dir = Deno.makeTempDirSync({ prefix: "lp-cli-io-" });
  assertThrows(() => requirePermission("write", dir, "--report"), UsageError, "is a folder");
  requirePermission("read", dir, "--db");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("parseProgram() prints --help, reports unknown options and bad values, and passes other errors on", () => {
  const out: string[] = [], err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  const spec = { task: "t", help: "HELP", boolean: ["help", "quick"], string: ["runs"] };
  const settings = (f: ProgramFlags) => ({
    quick: f.quick,
    runs: f.runs === undefined ? 1 : intOption("runs", f.runs, 1),
  });
  assertEquals(parseProgram(["--help"], io, spec, settings), { status: 0 });
  assertEquals(out, ["HELP"]);
  assertEquals(parseProgram([], io, spec, settings), { settings: { quick: false, runs: 1 } });
  assertEquals(parseProgram(["--quick", "--runs", "3"], io, spec, settings), {
    settings: { quick: true, runs: 3 },
  });
  assertEquals(parseProgram(["--nope"], io, spec, settings), { status: 2 });
  assertEquals(err.pop(), "t: unknown option --nope\nRun with --help for the options.");
  const own = {
    ...spec,
    unknown: (arg: string) => `Unknown argument: ${arg}`,
    usageLines: (e: UsageError) => `t: error: ${e.message}`,
  };
  assertEquals(parseProgram(["--nope"], io, own, settings), { status: 2 });
  assertEquals(err.pop(), "t: error: Unknown argument: --nope");
  assertThrows(() =>
    parseProgram([], io, spec, () => {
      throw new RangeError("a bug, not a usage error");
    }), RangeError);
});
