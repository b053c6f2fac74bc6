import { assertEquals } from "@std/assert";
import { join } from "@std/path";
import { readGitCommit } from "./git_commit.ts";

const A = "a".repeat(40);
const B = "b".repeat(40);

function fakeRepo(files: Record<string, string>): string {
  const root = Deno.makeTempDirSync();
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    Deno.mkdirSync(join(full, ".."), { recursive: true });
    Deno.writeTextFileSync(full, text);
  }
  return root;
}

Deno.test("readGitCommit() follows HEAD to a loose ref, packed refs, or a detached hash", () => {
  const loose = fakeRepo({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/refs/heads/main": A + "\n",
  });
  assertEquals(readGitCommit(loose), A);
  const packed = fakeRepo({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/packed-refs": `# pack-refs with: peeled\n${B} refs/heads/main\n`,
  });
  assertEquals(readGitCommit(packed), B);
  const detached = fakeRepo({ ".git/HEAD": A + "\n" });
  assertEquals(readGitCommit(detached), A);
  const unborn = fakeRepo({ ".git/HEAD": "ref: refs/heads/main\n" });
  assertEquals(readGitCommit(unborn), "unknown");
  for (const dir of [loose, packed, detached, unborn]) Deno.removeSync(dir, { recursive: true });
});

Deno.test("readGitCommit() follows a .git file to a worktree's git folder", () => {
  const root = fakeRepo({
    "main/.git/worktrees/w/HEAD": "ref: refs/heads/topic\n",
    "main/.git/worktrees/w/commondir": "../..\n",
    "main/.git/refs/heads/topic": B + "\n",
  });
  Deno.mkdirSync(join(root, "w"));
  Deno.writeTextFileSync(join(root, "w/.git"), `gitdir: ${join(root, "main/.git/worktrees/w")}\n`);
  assertEquals(readGitCommit(join(root, "w")), B);
  Deno.removeSync(root, { recursive: true });
});
