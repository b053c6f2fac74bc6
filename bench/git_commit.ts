/**
 * The commit the working tree is on, read from `.git` files (no `git` process needed, only read
 * permission on the project folder).
 *
 * @module
 */

import { join } from "@std/path";

/**
 * Reads the current commit hash of a git checkout.
 *
 * Follows `HEAD` to a branch ref in `refs/` or `packed-refs`, and a `.git` file that points to
 * the real git folder (worktrees, submodules).
 *
 * @param root The checkout's top folder (the one holding `.git`).
 * @returns The 40-hex-digit hash, or `"unknown"` when there is no readable `.git` or no commit yet.
 *
 * @example Outside a checkout
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(readGitCommit("/nonexistent-folder"), "unknown");
 * ```
 */
export function readGitCommit(root: string): string {
  try {
    let gitDir = join(root, ".git");
    if (Deno.statSync(gitDir).isFile) {
      const pointer = /^gitdir:\s*(.+)$/m.exec(Deno.readTextFileSync(gitDir))?.[1]?.trim();
      if (pointer === undefined) return "unknown";
      gitDir = pointer.startsWith("/") ? pointer : join(root, pointer);
    }
    const head = Deno.readTextFileSync(join(gitDir, "HEAD")).trim();
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    if (ref === undefined) return /^[0-9a-f]{40}$/.test(head) ? head : "unknown";
    const commonDir = commonGitDir(gitDir);
    for (const dir of [gitDir, commonDir]) {
      try {
        const hash = Deno.readTextFileSync(join(dir, ref)).trim();
        if (/^[0-9a-f]{40}$/.test(hash)) return hash;
      } catch {
        // Not a loose ref here: try the next place.
      }
    }
    for (const dir of [gitDir, commonDir]) {
      try {
        for (const line of Deno.readTextFileSync(join(dir, "packed-refs")).split("\n")) {
          const [hash, name] = line.split(" ");
          if (name === ref && hash !== undefined && /^[0-9a-f]{40}$/.test(hash)) return hash;
        }
      } catch {
        // No packed refs here.
      }
    }
  } catch {
    // No readable .git: fall through.
  }
  return "unknown";
}

function commonGitDir(gitDir: string): string {
  try {
    const common = Deno.readTextFileSync(join(gitDir, "commondir")).trim();
    return common.startsWith("/") ? common : join(gitDir, common);
  } catch {
    return gitDir;
  }
}
