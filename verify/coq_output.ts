/**
 * Reading what Coq prints: the `Print Assumptions` blocks of `proofs/Assumptions.v` and the
 * context summary of `coqchk -o`.
 *
 * @module
 */

/** What `Print Assumptions` said about one theorem. */
export interface TheoremAssumptions {
  /** The theorem's qualified name, as announced by its marker line. */
  name: string;
  /** Whether Coq printed `Closed under the global context` and nothing else. */
  closed: boolean;
  /** The lines printed instead (headings such as `Axioms:` and the assumptions), trimmed. */
  assumptions: string[];
}

/** The text Coq prints for a theorem that depends on nothing. */
export const CLOSED = "Closed under the global context";

/**
 * Marks the start of a theorem's block in the output; `Assumptions.v` prints it with
 * `idtac` before each `Print Assumptions`.
 */
export const MARKER = "@@theorem ";

/**
 * Splits the output of `coqc Assumptions.v` into one block per marked theorem.
 *
 * @param output What coqc printed on stdout.
 * @returns The theorems in output order.
 * @example One closed theorem, one with an axiom
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseAssumptions } from "./coq_output.ts";
 * const out = "@@theorem A.t\nClosed under the global context\n@@theorem A.u\nAxioms:\nx : False\n";
 * assertEquals(parseAssumptions(out), [
 *   { name: "A.t", closed: true, assumptions: [] },
 *   { name: "A.u", closed: false, assumptions: ["Axioms:", "x : False"] },
 * ]);
 * ```
 */
export function parseAssumptions(output: string): TheoremAssumptions[] {
  const result: TheoremAssumptions[] = [];
  let current: { name: string; lines: string[] } | undefined;
  const flush = () => {
    if (current === undefined) return;
    const closed = current.lines.length === 1 && current.lines[0] === CLOSED;
    result.push({ name: current.name, closed, assumptions: closed ? [] : current.lines });
  };
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith(MARKER)) {
      flush();
      current = { name: line.slice(MARKER.length).trim(), lines: [] };
    } else if (line !== "" && current !== undefined) {
      current.lines.push(line);
    }
  }
  flush();
  return result;
}

/** The parts of `coqchk -o`'s context summary that matter here. */
export interface CheckerContext {
  /** Whether the summary was found at all. */
  found: boolean;
  /** Entries under `* Axioms:` (admitted lemmas are listed there too). */
  axioms: string[];
  /** Entries under the other headings (type-in-type, unsafe fixpoints, assumed positivity). */
  unsafe: string[];
}

/**
 * Reads the `CONTEXT SUMMARY` that `coqchk -o` prints.
 *
 * @param output What coqchk printed (8.16 prints the summary on stderr).
 * @returns The axioms and unsafe constructs the checked modules rely on.
 * @example A clean summary
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCheckerContext } from "./coq_output.ts";
 * const out = "CONTEXT SUMMARY\n===============\n\n* Theory: Set is predicative\n\n" +
 *   "* Axioms: <none>\n\n* Inductives whose positivity is assumed: <none>\n";
 * assertEquals(parseCheckerContext(out), { found: true, axioms: [], unsafe: [] });
 * ```
 */
export function parseCheckerContext(output: string): CheckerContext {
  const lines = output.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === "CONTEXT SUMMARY");
  const context: CheckerContext = { found: start >= 0, axioms: [], unsafe: [] };
  if (start < 0) return context;
  let heading = "";
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trim();
    const h = /^\* ([^:]+):\s*(.*)$/.exec(line);
    if (h) {
      heading = h[1]!;
      const rest = h[2]!.trim();
      if (rest !== "" && rest !== "<none>") add(heading, rest);
    } else if (line !== "" && !/^=+$/.test(line)) {
      add(heading, line);
    }
  }
  return context;

  function add(heading: string, entry: string): void {
    // The theory line names the logic; only the default one is expected.
    if (heading === "Theory") {
      if (entry !== "Set is predicative") context.unsafe.push(`Theory: ${entry}`);
    } else if (heading === "Axioms") context.axioms.push(entry);
    else context.unsafe.push(`${heading}: ${entry}`);
  }
}
