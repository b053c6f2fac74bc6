/**
 * `coqchk` in parallel: every library the modules load is checked exactly once, in one of
 * several processes.
 *
 * One `coqchk -o` over the modules re-checks them and, recursively, every library they load
 * (`List`, `PeanoNat`, and through `Lia` the `micromega` and `ZArith` libraries): about 40-55 s on
 * one core here. Instead `coqc` prints the loaded libraries (`Print Libraries` after requiring
 * every module, {@linkcode librariesScript}); they are dealt out to {@linkcode CHECKER_PROCESSES}
 * processes, each checking its share with `-norec` (check this library, load its dependencies
 * without checking them). Every library is checked by exactly one process, so the union of the
 * checks is the recursive check.
 *
 * An unchecked dependency's assumed parts show in a process's context summary as axioms (for
 * example the parameters of `Coq.ssr.ssrunder.Under_rel`, which a full check does not list), so
 * a process's axioms are kept only for the libraries it checked ({@linkcode checkedAxioms}); the
 * process that checks that library reports its real axioms. An axiom whose library cannot be
 * told is kept.
 *
 * @module
 */

/** How many `coqchk` processes run at once (the machines have two cores). */
export const CHECKER_PROCESSES = 2;

/** The module name of the script that lists the loaded libraries, in the build directory. */
export const LIBRARIES_MODULE = "Libraries";

/**
 * The Coq script that loads every module and prints the libraries loaded.
 *
 * @param modules Qualified module names (`LaTeXPerfectionist.Codec`, ...).
 * @returns The text of a `.v` file.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { librariesScript } from "./checker.ts";
 * assertEquals(librariesScript(["LP.A", "LP.B"]), "Require LP.A LP.B.\nPrint Libraries.\n");
 * ```
 */
export function librariesScript(modules: readonly string[]): string {
  if (modules.length === 0) return "Print Libraries.\n";
  return `Require ${modules.join(" ")}.\nPrint Libraries.\n`;
}

/**
 * Reads the library names `Print Libraries` printed (Coq 8.16: `Loaded library files:` then one
 * indented name a line).
 *
 * @param output What coqc printed.
 * @returns The names, in load order; empty when the heading is missing.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseLoadedLibraries } from "./checker.ts";
 * const out = "Loaded library files: \n  Coq.Init.Logic\n  LP.A\n";
 * assertEquals(parseLoadedLibraries(out), ["Coq.Init.Logic", "LP.A"]);
 * ```
 */
export function parseLoadedLibraries(output: string): string[] {
  const lines = output.split(/\r?\n/);
  const start = lines.findIndex((l) => /^Loaded library files:/.test(l.trim()));
  if (start < 0) return [];
  const names: string[] = [];
  for (const raw of lines.slice(start + 1)) {
    const name = raw.trim();
    if (name === "") continue;
    if (!/^[A-Za-z_][\w']*(\.[A-Za-z_][\w']*)*$/.test(name)) break;
    names.push(name);
  }
  return names;
}

/**
 * Deals the libraries out to `count` groups, one at a time in load order, so that each group
 * gets libraries from every part of the dependency order.
 *
 * @param libraries The names to check.
 * @param count How many groups (at least 1).
 * @returns The non-empty groups; every name is in exactly one.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { dealLibraries } from "./checker.ts";
 * assertEquals(dealLibraries(["a", "b", "c"], 2), [["a", "c"], ["b"]]);
 * ```
 */
export function dealLibraries(libraries: readonly string[], count: number): string[][] {
  const n = Math.max(1, Math.floor(count));
  const groups: string[][] = Array.from({ length: n }, () => []);
  libraries.forEach((name, i) => groups[i % n]!.push(name));
  return groups.filter((g) => g.length > 0);
}

/**
 * The library an axiom's qualified name belongs to: the longest loaded library name that is a
 * prefix of it followed by a dot.
 *
 * @param name An axiom's qualified name.
 * @param libraries The loaded libraries.
 * @returns The library, or `undefined` when none is a prefix.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { libraryOf } from "./checker.ts";
 * assertEquals(libraryOf("Coq.ssr.ssrunder.Under_rel.over_rel", ["Coq.ssr", "Coq.ssr.ssrunder"]),
 *   "Coq.ssr.ssrunder");
 * ```
 */
export function libraryOf(name: string, libraries: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const lib of libraries) {
    if (name.startsWith(`${lib}.`) && (best === undefined || lib.length > best.length)) best = lib;
  }
  return best;
}

/**
 * The axioms a process's summary lists that belong to the libraries it checked (or to no known
 * library): those of its unchecked dependencies are another process's to report.
 *
 * @param axioms The axioms of one process's context summary.
 * @param checked The libraries that process checked.
 * @param libraries Every loaded library.
 * @returns The axioms to report.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { checkedAxioms } from "./checker.ts";
 * const all = ["Coq.ssr.ssrunder", "LP.A"];
 * assertEquals(checkedAxioms(["Coq.ssr.ssrunder.U.x", "LP.A.ax", "Other.y"], ["LP.A"], all),
 *   ["LP.A.ax", "Other.y"]);
 * ```
 */
export function checkedAxioms(
  axioms: readonly string[],
  checked: readonly string[],
  libraries: readonly string[],
): string[] {
  const own = new Set(checked);
  return axioms.filter((a) => {
    const lib = libraryOf(a, libraries);
    return lib === undefined || own.has(lib);
  });
}

/**
 * The `coqchk` arguments that check one group, each library with `-norec`.
 *
 * @param flags The project's `-Q`/`-R` flags.
 * @param group The libraries to check.
 * @returns The argument list.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { checkerArgs } from "./checker.ts";
 * assertEquals(checkerArgs(["-Q", ".", "LP"], ["LP.A", "Coq.Init.Logic"]),
 *   ["-silent", "-o", "-Q", ".", "LP", "-norec", "LP.A", "-norec", "Coq.Init.Logic"]);
 * ```
 */
export function checkerArgs(flags: readonly string[], group: readonly string[]): string[] {
  return ["-silent", "-o", ...flags, ...group.flatMap((lib) => ["-norec", lib])];
}
