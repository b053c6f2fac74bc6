/**
 * Gives playwright-core a `process.env` of a few named variables, so the browser tests run with
 * `--allow-env` listing exactly those (Deno refuses the enumeration of the whole environment
 * that the `debug` package bundled in playwright-core does at load time without a bare
 * `--allow-env`). Import it before playwright-core.
 *
 * `__IS_WSL_TEST__` makes playwright-core's bundled `is-wsl` defer its check of
 * `/proc/sys/fs/binfmt_misc/WSLInterop`, a path Deno lets no one read without `--allow-all`;
 * the check only matters for opening URLs in a Windows browser, which the tests never do.
 *
 * @module
 */

import process from "node:process";

/** The variables the browser tests pass on (to playwright-core and Chromium). */
export const BROWSER_ENV: readonly string[] = ["HOME", "PATH", "TMPDIR", "TMP", "TEMP"];

const env: Record<string, string> = { __IS_WSL_TEST__: "1" };
for (const name of BROWSER_ENV) {
  try {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  } catch {
    // Not granted: left out.
  }
}
Object.defineProperty(process, "env", { value: env, configurable: true, writable: true });
