import { assertEquals } from "@std/assert";
import { join } from "@std/path";
import { gitCommit } from "./git_commit.ts";

const A = "a".repeat(40);
const B = "b".repeat(40);

function fakeRepo(files: Record<string, string>): string {
  const root = Deno.makeTempDirSync({ prefix: "lp-git-" });
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    Deno.mkdirSync(join(full, ".."), { recursive: true });
    Deno.writeTextFileSync(full, text);
  }
  return root;
}

Deno.test("gitCommit() follows HEAD to a loose ref, packed refs, or a detached hash", () => {
  const loose = fakeRepo({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/refs/heads/main": A + "\n",
  });
  const packed = fakeRepo({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/packed-refs": `# pack-refs with: peeled\n${B} refs/heads/main\n`,
  });
  const detached = fakeRepo({ ".git/HEAD": A + "\n" });
  const unborn = fakeRepo({ ".git/HEAD": "ref: refs/heads/main\n" });
  const none = fakeRepo({});
  assertEquals([loose, packed, detached, unborn, none].map(gitCommit), [A, B, A, null, null]);
  for (const dir of [loose, packed, detached, unborn, none]) {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("gitCommit() prefers a loose ref over a stale packed one", () => {
  const root = fakeRepo({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/packed-refs": `${B} refs/heads/main\n`,
    ".git/refs/heads/main": A + "\n",
  });
  assertEquals(gitCommit(root), A);
  Deno.removeSync(root, { recursive: true });
});

Deno.test("gitCommit() follows a .git file to a worktree's git folder and its common folder", () => {
  const root = fakeRepo({
    "main/.git/worktrees/w/HEAD": "ref: refs/heads/topic\n",
    "main/.git/worktrees/w/commondir": "../..\n",
    "main/.git/packed-refs": `${B} refs/heads/topic\n`,
    "w/.git": "gitdir: ../main/.git/worktrees/w\n",
  });
  assertEquals(gitCommit(join(root, "w")), B);
  Deno.removeSync(root, { recursive: true });
});
