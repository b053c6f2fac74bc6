/**
 * What `deno task ci` finds on the machine before it plans: the tasks in `deno.json`, whether
 * the shared corpus and traces (`../shared`) are there, and which sample documents to lex.
 *
 * @module
 */

import { join } from "@std/path";
import { isCorpusFile, listCorpus } from "../_tools/corpus.ts";
import { taskCommand } from "./least_privilege.ts";

/**
 * Reads the `tasks` object of a `deno.json`.
 *
 * @param denoJsonText The file's text.
 * @returns The tasks, each name mapped to its command line (entries without one are left out).
 * @throws {SyntaxError} When the text is not JSON or has no object at its top.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseTasks } from "./survey.ts";
 *
 * const tasks = parseTasks('{"tasks": {"lex": "deno run --allow-read cli/mod.ts"}}');
 * assertEquals([...tasks.keys()], ["lex"]);
 * ```
 */
export function parseTasks(denoJsonText: string): Map<string, string> {
  const config: unknown = JSON.parse(denoJsonText);
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new SyntaxError("Cannot read deno.json: the top level is not an object");
  }
  const tasks = (config as { tasks?: unknown }).tasks ?? {};
  const result = new Map<string, string>();
  if (typeof tasks !== "object" || tasks === null) return result;
  for (const [name, value] of Object.entries(tasks)) {
    const command = taskCommand(value);
    if (command !== undefined) result.set(name, command);
  }
  return result;
}

/**
 * Picks sample documents for the integration phase from a listing of the corpus: in quick mode
 * the smallest file of each extension (so `.sty`, `.cls`, `.dtx` and `.ltx` files exercise the
 * `@`-letter inference too), in full mode every LaTeX file. Sorted by name, so runs repeat.
 *
 * @param files The corpus's files with their sizes in bytes.
 * @param mode `quick` or `full`.
 * @returns The chosen file names.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pickSampleDocuments } from "./survey.ts";
 *
 * const files = [
 *   { name: "a.tex", size: 900 }, { name: "b.tex", size: 100 },
 *   { name: "c.sty", size: 500 }, { name: "README.md", size: 10 },
 * ];
 * assertEquals(pickSampleDocuments(files, "quick"), ["b.tex", "c.sty"]);
 * assertEquals(pickSampleDocuments(files, "full"), ["a.tex", "b.tex", "c.sty"]);
 * ```
 */
export function pickSampleDocuments(
  files: readonly { name: string; size: number }[],
  mode: "quick" | "full",
): string[] {
  const latex = files.filter((f) => isCorpusFile(f.name));
  if (mode === "full") return latex.map((f) => f.name).sort();
  const smallest = new Map<string, { name: string; size: number }>();
  for (const f of latex) {
    const ext = f.name.slice(f.name.lastIndexOf("."));
    const best = smallest.get(ext);
    if (best === undefined || f.size < best.size || (f.size === best.size && f.name < best.name)) {
      smallest.set(ext, f);
    }
  }
  return [...smallest.values()].map((f) => f.name).sort();
}

/** What the survey found. */
export interface Survey {
  /** The tasks of `deno.json`. */
  tasks: Map<string, string>;
  /** `../shared` as a path relative to the project root, or undefined when it is absent. */
  sharedDir: string | undefined;
  /** The corpus's files with their sizes, empty when `../shared` is absent. */
  corpus: { name: string; size: number }[];
}

/**
 * Surveys the project at `root`: reads `deno.json` and lists `../shared/corpus` by the corpus rule
 * of `_tools/corpus.ts`.
 *
 * @param root The project root, an absolute path.
 * @returns What was found.
 *
 * @example
 * ```ts ignore
 * const survey = await surveyProject("/work/main");
 * console.log(survey.sharedDir ?? "no ../shared");
 * ```
 */
export async function surveyProject(root: string): Promise<Survey> {
  const tasks = parseTasks(await Deno.readTextFile(join(root, "deno.json")));
  let corpus: { name: string; size: number }[];
  try {
    corpus = listCorpus(join(root, "..", "shared", "corpus")).map((f) => ({
      name: f.name,
      size: f.bytes,
    }));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    return { tasks, sharedDir: undefined, corpus: [] };
  }
  return { tasks, sharedDir: "../shared", corpus };
}
