/**
 * The commit the working tree is on, read from `.git` files: no `git` process, so a task needs
 * only read permission on the project folder.
 *
 * @module
 */

import { isAbsolute, join } from "@std/path";

const HASH = /^[0-9a-f]{40}$/;

function read(path: string): string | null {
  try {
    return Deno.readTextFileSync(path).trim();
  } catch {
    return null;
  }
}

/**
 * Reads the current commit of a git checkout. Follows `HEAD` to a branch in `refs/` or
 * `packed-refs`, and a `.git` file that points to the real git folder (worktrees, submodules).
 *
 * @param root The checkout's top folder (the one holding `.git`).
 * @returns The 40-hex-digit hash, or `null` when there is no readable `.git` or no commit yet.
 *
 * @example Outside a checkout
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { gitCommit } from "./git_commit.ts";
 * assertEquals(gitCommit("/nonexistent-folder"), null);
 * ```
 */
export function gitCommit(root: string): string | null {
  let gitDir = join(root, ".git");
  const pointer = read(gitDir);
  if (pointer !== null) {
    const target = /^gitdir:\s*(.+)$/m.exec(pointer)?.[1]?.trim();
    if (target === undefined) return null;
    gitDir = isAbsolute(target) ? target : join(root, target);
  }
  const head = read(join(gitDir, "HEAD"));
  if (head === null) return null;
  if (HASH.test(head)) return head;
  const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
  if (ref === undefined) return null;
  const common = read(join(gitDir, "commondir"));
  const dirs = [gitDir];
  if (common !== null) dirs.push(isAbsolute(common) ? common : join(gitDir, common));
  for (const dir of dirs) {
    const loose = read(join(dir, ref));
    if (loose !== null && HASH.test(loose)) return loose;
  }
  for (const dir of dirs) {
    for (const line of read(join(dir, "packed-refs"))?.split("\n") ?? []) {
      const [hash, name] = line.trim().split(" ");
      if (name === ref && hash !== undefined && HASH.test(hash)) return hash;
    }
  }
  return null;
}
