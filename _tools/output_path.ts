/**
 * Checks, before any work starts, that a task may write the files it was asked to write: the
 * permission is granted, the path is not a folder, and the file can be opened for writing.
 * A campaign of minutes should not fail at its last step.
 *
 * @module
 */

import { dirname } from "@std/path";
import { describeError } from "./run_main.ts";
import { UsageError } from "./usage_error.ts";

function requireGranted(kind: "read" | "write", path: string, option: string): void {
  if (Deno.permissions.querySync({ name: kind, path }).state !== "granted") {
    throw new UsageError(
      `${option} ${path}: the task may not ${kind} there; use a path the task allows ` +
        `(see --help) or run the program with deno run and --allow-${kind}=${path}`,
    );
  }
}

/**
 * Makes sure `path` can be written: creates its folder when missing, and opens the file for
 * writing without truncating it (a file it had to create is removed again).
 *
 * @param path The file the task will write.
 * @param option The option that named it, for the message (e.g. `"--report"`).
 * @throws {UsageError} When the permission is missing, the path is a folder, or the file
 *   cannot be opened for writing.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkOutputPath } from "./output_path.ts";
 * import { UsageError } from "./usage_error.ts";
 * const dir = Deno.makeTempDirSync();
 * checkOutputPath(`${dir}/sub/report.json`, "--report");
 * assertThrows(() => checkOutputPath(dir, "--report"), UsageError, "is a folder");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function checkOutputPath(path: string, option: string): void {
  requireGranted("write", path, option);
  // Opening, not stat: the task may hold write permission on the file and no read permission.
  const createNew = () => Deno.openSync(path, { write: true, createNew: true }).close();
  try {
    try {
      createNew();
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      // Only a missing folder is created: write permission on the file alone must suffice.
      Deno.mkdirSync(dirname(path), { recursive: true });
      createNew();
    }
    Deno.removeSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.AlreadyExists)) {
      throw new UsageError(`${option} ${path}: cannot be written: ${describeError(e)}`);
    }
    try {
      Deno.openSync(path, { write: true }).close();
    } catch (e) {
      if (e instanceof Deno.errors.IsADirectory || /directory/i.test(String(e))) {
        throw new UsageError(`${option} ${path}: is a folder; give a file name`);
      }
      throw new UsageError(`${option} ${path}: cannot be written: ${describeError(e)}`);
    }
  }
}

/**
 * Makes sure `path` can be used as an output folder: the permission is granted and it is not a
 * file. It is created when missing.
 *
 * @param path The folder the task will write into.
 * @param option The option that named it, for the message (e.g. `"--out"`).
 * @throws {UsageError} When the permission is missing, the path is a file, or the folder
 *   cannot be created.
 *
 * @example
 * ```ts
 * import { checkOutputDir } from "./output_path.ts";
 * checkOutputDir(Deno.makeTempDirSync() + "/charts", "--out");
 * ```
 */
export function checkOutputDir(path: string, option: string): void {
  requireGranted("write", path, option);
  try {
    Deno.mkdirSync(path, { recursive: true });
  } catch (e) {
    throw new UsageError(`${option} ${path}: cannot be used as a folder: ${describeError(e)}`);
  }
}

/**
 * Creates a file's folder when it is missing; an existing folder is left alone, so write
 * permission on the file alone suffices.
 *
 * @param path The file about to be written.
 * @returns When the folder exists.
 *
 * @example
 * ```ts
 * import { ensureParent } from "./output_path.ts";
 * await ensureParent(Deno.makeTempDirSync() + "/a/b.json");
 * ```
 */
export async function ensureParent(path: string): Promise<void> {
  const dir = dirname(path);
  try {
    await Deno.stat(dir);
  } catch {
    await Deno.mkdir(dir, { recursive: true });
  }
}

/**
 * Fails early when the task may not read a path it was given (the tasks grant narrow
 * permissions).
 *
 * @param path The path.
 * @param option The option that named it, for the message.
 * @throws {UsageError} When read permission is not granted.
 *
 * @example
 * ```ts
 * import { checkReadPermission } from "./output_path.ts";
 * checkReadPermission(".", "--trace");
 * ```
 */
export function checkReadPermission(path: string, option: string): void {
  requireGranted("read", path, option);
}
