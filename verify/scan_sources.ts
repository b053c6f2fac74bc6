/**
 * Finds the Coq constructs that would let a proof assume instead of prove: `Admitted`, `admit`,
 * axioms and parameters, `give_up`, switched-off kernel checks. Comments and strings are
 * ignored; `Variable`, `Hypothesis` and `Context` are fine inside a `Section` (they become
 * hypotheses of its theorems) and flagged outside one (there they are axioms).
 *
 * @module
 */

/** One forbidden construct in a source. */
export interface Finding {
  /** The construct, as listed in {@linkcode FORBIDDEN}, e.g. `"Admitted"`. */
  construct: string;
  /** Its line, from 1. */
  line: number;
  /** Its column, from 1. */
  column: number;
  /** The whole source line, trimmed. */
  text: string;
}

/**
 * Constructs forbidden anywhere (outside comments and strings). Each pattern matches whole
 * words; whitespace inside a construct may be any run of blanks.
 */
export const FORBIDDEN: readonly { construct: string; pattern: RegExp }[] = [
  { construct: "Admitted", pattern: /\bAdmitted\b/g },
  { construct: "admit", pattern: /(?<![\w'.])admit(?![\w'])/g },
  { construct: "Admit Obligations", pattern: /\bAdmit\s+Obligations\b/g },
  { construct: "Axiom", pattern: /\bAxioms?\b/g },
  { construct: "Parameter", pattern: /\bParameters?\b/g },
  { construct: "Conjecture", pattern: /\bConjectures?\b/g },
  { construct: "give_up", pattern: /(?<![\w'.])give_up(?![\w'])/g },
  { construct: "Unset Guard Checking", pattern: /\bUnset\s+Guard\s+Checking\b/g },
  { construct: "Unset Positivity Checking", pattern: /\bUnset\s+Positivity\s+Checking\b/g },
  { construct: "Unset Universe Checking", pattern: /\bUnset\s+Universe\s+Checking\b/g },
  { construct: "bypass_check", pattern: /\bbypass_check\b/g },
];

/** Section-local declarations: hypotheses inside a section, axioms outside. */
const SECTION_LOCAL = /\b(?:Variables?|Hypothes[ie]s|Context)\b/g;

/** `Section Name.` and `End Name.`, to know where section-local declarations are. */
const SECTION_MARK = /\b(Section|End)\s+([A-Za-z_][\w']*)\s*\./g;

/**
 * Blanks out comments (nested `(* ... *)`) and string literals, keeping every line break and
 * every other character's position.
 *
 * @param source A Coq source.
 * @returns The source with comments and strings replaced by spaces.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { blankCommentsAndStrings } from "./scan_sources.ts";
 * const out = blankCommentsAndStrings('a (* b (* c *) *) "d"\ne');
 * assertEquals(out, "a" + " ".repeat(20) + "\ne");
 * ```
 */
export function blankCommentsAndStrings(source: string): string {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const next = source[i + 1];
    if (inString) {
      // `""` inside a string is an escaped quote.
      if (c === '"' && next === '"') {
        out.push("  ");
        i++;
        continue;
      }
      if (c === '"') inString = false;
      out.push(c === "\n" ? "\n" : " ");
    } else if (c === '"') {
      // Coq lexes strings inside comments too, so a `*)` in one does not end the comment.
      inString = true;
      out.push(" ");
    } else if (c === "(" && next === "*") {
      depth++;
      out.push("  ");
      i++;
    } else if (depth > 0 && c === "*" && next === ")") {
      depth--;
      out.push("  ");
      i++;
    } else {
      out.push(depth > 0 && c !== "\n" ? " " : c);
    }
  }
  return out.join("");
}

/**
 * Lists the forbidden constructs of a Coq source.
 *
 * @param source The text of a `.v` file.
 * @returns The findings in source order.
 * @example An admitted lemma and an axiom in a comment
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { scanCoqSource } from "./scan_sources.ts";
 * const src = "(* Axiom ignored. *)\nLemma l : True.\nProof.\nAdmitted.\n";
 * assertEquals(scanCoqSource(src), [
 *   { construct: "Admitted", line: 4, column: 1, text: "Admitted." },
 * ]);
 * ```
 */
export function scanCoqSource(source: string): Finding[] {
  const code = blankCommentsAndStrings(source);
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") lineStarts.push(i + 1);
  const lines = source.split("\n");
  const locate = (index: number): { line: number; column: number; text: string } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - lineStarts[lo]! + 1, text: lines[lo]!.trim() };
  };
  const found: { index: number; construct: string }[] = [];
  for (const { construct, pattern } of FORBIDDEN) {
    for (const m of code.matchAll(pattern)) found.push({ index: m.index, construct });
  }
  // Which offsets lie inside a section: walk the Section/End marks with a stack of names.
  const marks = [...code.matchAll(SECTION_MARK)].map((m) => ({
    index: m.index,
    kind: m[1]!,
    name: m[2]!,
  }));
  const sectionDepthAt = (index: number): number => {
    const stack: string[] = [];
    for (const mark of marks) {
      if (mark.index >= index) break;
      if (mark.kind === "Section") stack.push(mark.name);
      else if (stack[stack.length - 1] === mark.name) stack.pop();
    }
    return stack.length;
  };
  for (const m of code.matchAll(SECTION_LOCAL)) {
    if (sectionDepthAt(m.index) === 0) {
      found.push({ index: m.index, construct: `${m[0]} outside a Section` });
    }
  }
  found.sort((x, y) => x.index - y.index);
  return found.map(({ index, construct }) => ({ construct, ...locate(index) }));
}
