/**
 * Two reference lexers that set the scale of batch throughput on this machine, in the same run:
 * a crude global regular expression (counting matches) and a bare `charCodeAt` loop with a
 * 128-entry class table writing run starts into a `Uint32Array`. Neither lexes LaTeX properly;
 * they are what "fast" means for a scan of the same text here.
 *
 * @module
 */

/** The crude LaTeX tokenizer of issue 9: control words and symbols, comments, math shifts, specials, runs. */
export const REFERENCE_REGEX: RegExp =
  /\\[a-zA-Z@]+|\\.|%[^\n]*|\$\$?|[{}[\]&^_#~]|[^\\%${}[\]&^_#~\n]+|\n/g;

/**
 * Counts the matches of {@linkcode REFERENCE_REGEX} in a text.
 *
 * @param text The text.
 * @returns The number of matches.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { regexReference } from "./references.ts";
 * assertEquals(regexReference("\\emph{x} $y$\n"), 9);
 * ```
 */
export function regexReference(text: string): number {
  const re = new RegExp(REFERENCE_REGEX.source, "g");
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/** Character classes of the bare loop: 0 run, 1 backslash, 2 special, 3 line end. */
const CLASS = (() => {
  const t = new Uint8Array(128);
  for (const c of "{}[]&^_#~$%") t[c.charCodeAt(0)] = 2;
  t[0x5c] = 1; // \
  t[0x0a] = 3; // \n
  return t;
})();

/**
 * A bare loop over `charCodeAt` that writes the start of every run of one character class
 * into a `Uint32Array`.
 *
 * @param text The text.
 * @param out Where run starts go; grown when full.
 * @returns The number of runs and the (possibly new) buffer.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loopReference } from "./references.ts";
 * assertEquals(loopReference("ab{c}\n", new Uint32Array(1)).runs, 5);
 * ```
 */
export function loopReference(text: string, out: Uint32Array): { runs: number; out: Uint32Array } {
  let runs = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? CLASS[c]! : 0;
    if (k !== prev || k === 2) {
      if (runs === out.length) {
        const bigger = new Uint32Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      out[runs++] = i;
      prev = k;
    }
  }
  return { runs, out };
}
