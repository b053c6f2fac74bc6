/**
 * A `CliIo` for tests: keeps what a program prints, stdout and stderr apart.
 *
 * @module
 */

import type { CliIo } from "./cli_io.ts";

/**
 * Makes a sink that records lines.
 *
 * @returns The recorded lines and the sink.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { capture } from "./_capture_io.ts";
 * const c = capture();
 * c.io.err("progress");
 * assertEquals([c.out, c.err], [[], ["progress"]]);
 * ```
 */
export function capture(): { out: string[]; err: string[]; io: CliIo } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}
