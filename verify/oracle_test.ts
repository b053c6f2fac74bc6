// The command line of deno task oracle: help and usage errors, which never start the driver.
import { assertEquals, assertStringIncludes } from "@std/assert";
import { main } from "./oracle.ts";

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const log = console.log, error = console.error;
  console.log = (m: unknown) => out.push(String(m));
  console.error = (m: unknown) => err.push(String(m));
  try {
    return { code: await main(args), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

Deno.test("oracle --help describes the options and exits 0", async () => {
  const r = await run(["--help"]);
  assertEquals(r.code, 0);
  for (const option of ["--files", "--documents", "--seed", "--report", "--replay", "--config"]) {
    assertStringIncludes(r.out.join("\n"), option);
  }
});

Deno.test("oracle usage errors exit 2 with one line", async (t) => {
  const cases: [string[], string][] = [
    [["--bogus"], "unknown option --bogus"],
    [["--files", "/etc/hosts"], "--files /etc/hosts: not inside the checkout"],
    [["--config", "nope"], "--config nope: not a configuration"],
    [["--documents", "-1"], "--documents"],
    [["stray"], "unexpected argument stray (files go after --files)"],
    [["--files", "verify", "--documents", "3"], "--documents does not go with --files"],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      const r = await run(args);
      assertEquals(r.code, 2);
      assertEquals(r.err.length, 1, r.err.join("\n"));
      assertStringIncludes(r.err[0]!, `oracle: error: ${message}`);
    });
  }
});
