import { assertEquals, assertThrows } from "@std/assert";
import { ensureParent, intOption, numberOption, UsageError } from "./cli_io.ts";

Deno.test("intOption() and numberOption() accept valid values and reject the rest", () => {
  assertEquals(intOption("n", "0", 0), 0);
  assertThrows(() => intOption("n", "0", 1), UsageError, "--n must be an integer of at least 1");
  assertThrows(() => intOption("n", "1.5", 0), UsageError);
  assertEquals(numberOption("r", "1.25"), 1.25);
  assertThrows(() => numberOption("r", "0"), UsageError);
  assertThrows(() => numberOption("r", "abc"), UsageError);
});

Deno.test("ensureParent() creates missing folders and leaves existing ones", async () => {
  const dir = Deno.makeTempDirSync();
  await ensureParent(`${dir}/a/b/c.json`);
  assertEquals(Deno.statSync(`${dir}/a/b`).isDirectory, true);
  await ensureParent(`${dir}/a/b/c.json`);
  Deno.removeSync(dir, { recursive: true });
});
