/**
 * Shrinking a failing case until it is minimal: fewer edits, then a shorter start text and
 * shorter inserted texts, then no lexer options and plain characters, repeated until a whole
 * pass changes nothing.
 *
 * The shrinker knows nothing of lexers: it is given a predicate that says whether a candidate
 * still fails, and only keeps candidates for which it does. Candidate edits are rewritten so
 * they stay in range: removing an edit clamps the later ones to the text length, and deleting
 * a span of text shifts the later edits around it (candidates whose later edits overlap the
 * deleted span only partially are skipped).
 *
 * @module
 */

import type { FuzzCase } from "./replay.ts";
import type { Edit } from "./subject.ts";

/** Limits of {@linkcode shrinkCase}. */
export interface ShrinkBudget {
  /**
   * The most candidates to test.
   *
   * @default {20000}
   */
  maxAttempts?: number;
  /**
   * Wall-clock limit in milliseconds. When it is hit the result depends on machine speed,
   * so it is reported (`complete: false`).
   *
   * @default {20000}
   */
  maxMillis?: number;
}

/** The result of {@linkcode shrinkCase}. */
export interface ShrinkResult {
  /** The smallest failing case found. */
  case: FuzzCase;
  /** Candidates tested. */
  attempts: number;
  /** Whether a full pass found nothing more to remove (the case is 1-minimal). */
  complete: boolean;
}

/**
 * Deletes the span `[a, b)` of the text as it is after edit `k` (`k = -1`: the start text;
 * otherwise the span must lie inside edit `k`'s inserted text), and rewrites the later edits.
 *
 * @param c The case.
 * @param k The edit after which the span is taken, or -1.
 * @param span The span `[a, b)`, `a < b`.
 * @returns The rewritten case, or `null` when a later edit overlaps the span partially.
 * @example Deleting start text shifts a later edit
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { deleteSpan } from "./shrink.ts";
 * const c = { options: {}, startText: "abcdef", edits: [[4, 5, "X"] as const] };
 * assertEquals(deleteSpan(c, -1, [0, 2])?.edits, [[2, 3, "X"]]);
 * ```
 */
export function deleteSpan(c: FuzzCase, k: number, span: [number, number]): FuzzCase | null {
  let [a, b] = span;
  const edits: Edit[] = c.edits.slice();
  let startText = c.startText;
  if (k < 0) {
    startText = startText.slice(0, a) + startText.slice(b);
  } else {
    const [from, to, insert] = edits[k]!;
    if (a < from || b > from + insert.length) return null;
    edits[k] = [from, to, insert.slice(0, a - from) + insert.slice(b - from)];
  }
  for (let j = k + 1; j < edits.length; j++) {
    const [f, t, ins] = edits[j]!;
    const w = b - a;
    if (t <= a) {
      const d = ins.length - (t - f);
      a += d;
      b += d;
    } else if (f >= b) {
      edits[j] = [f - w, t - w, ins];
    } else if (f <= a && b <= t) {
      // The edit deletes the whole span anyway: it now deletes less, and the span is gone.
      edits[j] = [f, t - w, ins];
      return { options: c.options, startText, edits };
    } else {
      return null;
    }
  }
  return { options: c.options, startText, edits };
}

/**
 * Removes edits `[i, j)` and clamps the later edits to the text they now apply to.
 *
 * @param c The case.
 * @param i First edit removed.
 * @param j End (exclusive) of the removed edits.
 * @returns The rewritten case.
 * @example The later edit is clamped to the shorter text
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { removeEdits } from "./shrink.ts";
 * const c = { options: {}, startText: "ab", edits: [[2, 2, "cd"] as const, [3, 4, "X"] as const] };
 * assertEquals(removeEdits(c, 0, 1).edits, [[2, 2, "X"]]);
 * ```
 */
export function removeEdits(c: FuzzCase, i: number, j: number): FuzzCase {
  let len = c.startText.length;
  for (let n = 0; n < i; n++) {
    const e = c.edits[n]!;
    len += e[2].length - (e[1] - e[0]);
  }
  const edits: Edit[] = c.edits.slice(0, i);
  for (const [f0, t0, ins] of c.edits.slice(j)) {
    const t = Math.min(t0, len);
    const f = Math.min(f0, t);
    edits.push([f, t, ins]);
    len += ins.length - (t - f);
  }
  return { options: c.options, startText: c.startText, edits };
}

/**
 * Applies the first `k` edits to the start text, leaving the rest as edits.
 *
 * @param c The case.
 * @param k How many edits to fold in.
 * @returns The rewritten case.
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { foldEdits } from "./shrink.ts";
 * const c = { options: {}, startText: "ab", edits: [[2, 2, "cd"] as const, [0, 1, ""] as const] };
 * assertEquals(foldEdits(c, 1), { options: {}, startText: "abcd", edits: [[0, 1, ""]] });
 * ```
 */
export function foldEdits(c: FuzzCase, k: number): FuzzCase {
  let text = c.startText;
  for (const [f, t, ins] of c.edits.slice(0, k)) text = text.slice(0, f) + ins + text.slice(t);
  return { options: c.options, startText: text, edits: c.edits.slice(k) };
}

/** The character the shrinker replaces others with when it can. */
const PLAIN = "a";

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a || (ch === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/**
 * Shrinks a failing case.
 *
 * @param initial A case for which `fails` is true.
 * @param fails Whether a candidate still shows the failure.
 * @param budget Limits.
 * @returns The smallest failing case found, the attempts made, and whether it is minimal.
 * @example Shrinking to the one edit that matters
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { shrinkCase } from "./shrink.ts";
 * const fails = (c: { edits: readonly (readonly [number, number, string])[] }) =>
 *   c.edits.some((e) => e[2].includes("!"));
 * const r = shrinkCase({ options: {}, startText: "hello world", edits: [[0, 0, "a"], [3, 3, "x!y"]] }, fails);
 * assertEquals(r.case, { options: {}, startText: "", edits: [[0, 0, "!"]] });
 * ```
 */
export function shrinkCase(
  initial: FuzzCase,
  fails: (c: FuzzCase) => boolean,
  budget: ShrinkBudget = {},
): ShrinkResult {
  const maxAttempts = budget.maxAttempts ?? 20_000;
  const deadline = performance.now() + (budget.maxMillis ?? 20_000);
  let current = initial;
  let attempts = 0;
  let exhausted = false;
  const attempt = (candidate: FuzzCase | null): boolean => {
    if (candidate === null || exhausted) return false;
    if (attempts >= maxAttempts || performance.now() > deadline) {
      exhausted = true;
      return false;
    }
    attempts++;
    if (!fails(candidate)) return false;
    current = candidate;
    return true;
  };

  const shrinkText = (k: number, getText: () => string, base: () => number): boolean => {
    let progress = false;
    for (const unit of ["lines", "chars"] as const) {
      const bounds = () => {
        const t = getText();
        if (unit === "chars") return null;
        const s = lineStarts(t);
        s.push(t.length);
        return s;
      };
      const count = () => {
        const b = bounds();
        return b === null ? getText().length : b.length - 1;
      };
      for (
        let size = Math.ceil(count() / 2);
        size >= 1 && !exhausted;
        size = Math.floor(size / 2)
      ) {
        // From the end: later spans are less likely to shift edits, so more candidates are valid.
        let i = count() - size;
        while (i + size > 0 && !exhausted) {
          const b = bounds();
          const lo = Math.max(i, 0);
          const hi = Math.min(i + size, b === null ? getText().length : b.length - 1);
          const a = b === null ? lo : b[lo]!;
          const z = b === null ? hi : b[hi]!;
          if (a < z && attempt(deleteSpan(current, k, [base() + a, base() + z]))) progress = true;
          i -= size;
        }
        if (size === 1) break;
      }
    }
    return progress;
  };

  for (let pass = 0; !exhausted; pass++) {
    let progress = false;
    // 1. Fold leading edits into the start text, keeping as few trailing edits as fail.
    for (let keep = 1; keep < current.edits.length && !exhausted; keep *= 2) {
      if (attempt(foldEdits(current, current.edits.length - keep))) {
        progress = true;
        break;
      }
    }
    // 2. Remove edits, in halving chunks, from the end.
    for (let size = Math.ceil(current.edits.length / 2); size >= 1 && !exhausted; size >>= 1) {
      for (let i = current.edits.length - size; i + size > 0 && !exhausted; i -= size) {
        if (attempt(removeEdits(current, Math.max(i, 0), i + size))) progress = true;
      }
      if (size === 1) break;
    }
    // 3. Shorten the start text, then each inserted text.
    if (shrinkText(-1, () => current.startText, () => 0)) progress = true;
    for (let k = current.edits.length - 1; k >= 0 && !exhausted; k--) {
      if (k >= current.edits.length) continue;
      const ins = () => current.edits[k]?.[2] ?? "";
      if (shrinkText(k, ins, () => current.edits[k]?.[0] ?? 0)) progress = true;
    }
    // 4. Drop lexer options, then make each remaining character the plainest one, `a`, so the
    // same bug found from different documents shrinks to the same case (and the same file).
    if (Object.keys(current.options).length > 0) {
      if (attempt({ ...current, options: {} })) progress = true;
      for (const key of Object.keys(current.options)) {
        const { [key as keyof FuzzCase["options"]]: _, ...rest } = current.options;
        if (attempt({ ...current, options: rest })) progress = true;
      }
    }
    for (let i = 0; i < current.startText.length && !exhausted; i++) {
      if (current.startText[i] === PLAIN) continue;
      const t = current.startText;
      if (attempt({ ...current, startText: t.slice(0, i) + PLAIN + t.slice(i + 1) })) {
        progress = true;
      }
    }
    for (let k = 0; k < current.edits.length && !exhausted; k++) {
      for (let i = 0; i < (current.edits[k]?.[2].length ?? 0) && !exhausted; i++) {
        const [f, t, ins] = current.edits[k]!;
        if (ins[i] === PLAIN) continue;
        const edits = current.edits.slice();
        edits[k] = [f, t, ins.slice(0, i) + PLAIN + ins.slice(i + 1)];
        if (attempt({ ...current, edits })) progress = true;
      }
    }
    if (!progress) return { case: current, attempts, complete: !exhausted };
  }
  return { case: current, attempts, complete: false };
}
