import { assertEquals } from "@std/assert";
import { gitCommit } from "./git_commit.ts";

const A = "0123456789abcdef0123456789abcdef01234567";
const B = "89abcdef0123456789abcdef0123456789abcdef";

Deno.test("gitCommit() follows HEAD to loose and packed refs, and detached heads", async () => {
  const root = await Deno.makeTempDir({ prefix: "fuzz_git_test_" });
  try {
    assertEquals(await gitCommit(root), null);
    await Deno.mkdir(`${root}/.git/refs/heads`, { recursive: true });
    await Deno.writeTextFile(`${root}/.git/HEAD`, "ref: refs/heads/main\n");
    assertEquals(await gitCommit(root), null); // No commit yet.
    await Deno.writeTextFile(`${root}/.git/packed-refs`, `# pack-refs\n${B} refs/heads/main\n`);
    assertEquals(await gitCommit(root), B);
    await Deno.writeTextFile(`${root}/.git/refs/heads/main`, `${A}\n`);
    assertEquals(await gitCommit(root), A);
    await Deno.writeTextFile(`${root}/.git/HEAD`, `${B}\n`);
    assertEquals(await gitCommit(root), B);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
