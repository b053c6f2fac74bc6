import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  checkOutputDir,
  checkOutputPath,
  checkReadPermission,
  ensureParent,
} from "./output_path.ts";
import { UsageError } from "./usage_error.ts";

Deno.test("checkOutputPath() accepts a new file, leaves no file behind and keeps an existing one", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lp-out-" });
  try {
    checkOutputPath(`${dir}/new/r.json`, "--report");
    assertThrows(() => Deno.statSync(`${dir}/new/r.json`), Deno.errors.NotFound);
    Deno.writeTextFileSync(`${dir}/old.json`, "kept");
    checkOutputPath(`${dir}/old.json`, "--report");
    assertEquals(Deno.readTextFileSync(`${dir}/old.json`), "kept");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("checkOutputPath() refuses a folder and a path under a file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lp-out-" });
  try {
    assertThrows(
      () => checkOutputPath(dir, "--report"),
      UsageError,
      `--report ${dir}: is a folder`,
    );
    Deno.writeTextFileSync(`${dir}/file`, "");
    assertThrows(
      () => checkOutputPath(`${dir}/file/r.json`, "--out"),
      UsageError,
      "cannot be written",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("checkOutputPath() and checkReadPermission() name the option when a permission is missing", async () => {
  const outside = "/definitely/outside/the/grant.json";
  const { state } = await Deno.permissions.query({ name: "write", path: outside });
  if (state === "granted") {
    console.log("skipped: the test runs with write permission everywhere");
    return;
  }
  assertThrows(
    () => checkOutputPath(outside, "--report"),
    UsageError,
    "the task may not write there",
  );
  const read = await Deno.permissions.query({ name: "read", path: outside });
  if (read.state !== "granted") {
    assertThrows(() => checkReadPermission(outside, "--db"), UsageError, "--db");
  }
});

Deno.test("ensureParent() creates a missing folder", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lp-out-" });
  await ensureParent(`${dir}/a/b/c.json`);
  assert(Deno.statSync(`${dir}/a/b`).isDirectory);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("checkOutputDir() creates a missing folder and refuses a file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lp-out-" });
  checkOutputDir(`${dir}/charts/a`, "--out");
  assert(Deno.statSync(`${dir}/charts/a`).isDirectory);
  Deno.writeTextFileSync(`${dir}/file`, "");
  assertThrows(
    () => checkOutputDir(`${dir}/file`, "--out"),
    UsageError,
    "cannot be used as a folder",
  );
  await Deno.remove(dir, { recursive: true });
});
