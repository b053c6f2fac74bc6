import { assertEquals, assertStringIncludes } from "@std/assert";
import { fromFileUrl } from "@std/path";
import { TEST_ARGS, TEST_HELP, TEST_TMP_DIR } from "./test_task.ts";

const root = fromFileUrl(new URL("../", import.meta.url));

Deno.test("deno task test --help answers with the task's own help, naming the deno test it runs", async () => {
  const denoJson = JSON.parse(await Deno.readTextFile(`${root}deno.json`));
  const task = String(denoJson.tasks.test).split(" ");
  const out = await new Deno.Command("deno", {
    args: [...task.slice(1), "--help"],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  const text = new TextDecoder().decode(out.stdout);
  assertEquals(text.trim(), TEST_HELP.trim());
  assertStringIncludes(text, `deno ${TEST_ARGS.join(" ")}`);
});

Deno.test("the test task may write only its folder inside the checkout", () => {
  assertEquals(TEST_ARGS.filter((a) => a.startsWith("--allow-write")), [
    `--allow-write=${TEST_TMP_DIR}`,
  ]);
  assertEquals(TEST_TMP_DIR.startsWith(root), true);
});
