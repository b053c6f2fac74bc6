import { assertEquals } from "@std/assert";
import { runDeno, wantsHelp } from "./deno_wrapper.ts";

Deno.test("wantsHelp() sees --help and -h only before --", () => {
  assertEquals(wantsHelp(["--filter", "x", "--help"]), true);
  assertEquals(wantsHelp(["-h"]), true);
  assertEquals(wantsHelp([]), false);
  assertEquals(wantsHelp(["--", "-h"]), false);
});

Deno.test("runDeno() runs deno with the fixed arguments, then the caller's, and returns its exit code", async () => {
  const ok = await runDeno({ help: "", args: ["eval"] }, [
    "Deno.exit(Deno.env.get('LP_X') === '1' ? 0 : 5)",
  ]);
  assertEquals(ok, 5, "LP_X is unset unless the command sets it");
  const withEnv = await runDeno(
    { help: "", args: ["eval", "--allow-env=LP_X"], env: { LP_X: "1" } },
    ["Deno.exit(Deno.env.get('LP_X') === '1' ? 0 : 5)"],
  );
  assertEquals(withEnv, 0);
  assertEquals(await runDeno({ help: "", args: ["eval"] }, ["Deno.exit(3)"]), 3);
});
