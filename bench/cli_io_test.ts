import { assertEquals, assertThrows } from "@std/assert";
import { intOption, numberOption, requirePermission, UsageError } from "./cli_io.ts";

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
