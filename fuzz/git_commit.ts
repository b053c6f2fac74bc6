/**
 * Reading the checkout's git commit from `.git/` files directly (no `git` subprocess, so the
 * fuzz task needs no run permission).
 *
 * @module
 */

import { join } from "@std/path";

async function readText(path: string): Promise<string | null> {
  try {
    return (await Deno.readTextFile(path)).trim();
  } catch {
    return null;
  }
}

const HASH = /^[0-9a-f]{40}$/;

/**
 * The commit `HEAD` points to, following a symbolic ref to a loose or packed ref, and a `.git`
 * file of a worktree. Returns `null` when there is no repository, no commit yet, or a file
 * cannot be read.
 *
 * @param root The directory that holds `.git`.
 * @returns The 40-digit commit hash, or `null`.
 * @example No repository
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { gitCommit } from "./git_commit.ts";
 * assertEquals(await gitCommit("/nonexistent"), null);
 * ```
 */
export async function gitCommit(root: string): Promise<string | null> {
  let gitDir = join(root, ".git");
  const pointer = await readText(gitDir);
  if (pointer !== null && pointer.startsWith("gitdir:")) {
    const target = pointer.slice("gitdir:".length).trim();
    gitDir = target.startsWith("/") ? target : join(root, target);
  }
  const head = await readText(join(gitDir, "HEAD"));
  if (head === null) return null;
  if (HASH.test(head)) return head;
  if (!head.startsWith("ref:")) return null;
  const ref = head.slice("ref:".length).trim();
  const common = await readText(join(gitDir, "commondir"));
  const dirs = [gitDir];
  if (common !== null) dirs.push(common.startsWith("/") ? common : join(gitDir, common));
  for (const dir of dirs) {
    const loose = await readText(join(dir, ref));
    if (loose !== null && HASH.test(loose)) return loose;
    const packed = await readText(join(dir, "packed-refs"));
    for (const line of packed?.split("\n") ?? []) {
      const [hash, name] = line.trim().split(" ");
      if (name === ref && hash !== undefined && HASH.test(hash)) return hash;
    }
  }
  return null;
}
