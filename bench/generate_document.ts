/**
 * The synthetic LaTeX document of the test strategy's benchmark program.
 *
 * A three-line header, then lines cycling through four items: a section heading, a paragraph line,
 * an inline-math line ending in a comment, and a four-line `align` block; then `\end{document}`.
 * The item number `i` appears in each item so no two lines of the same kind are equal.
 *
 * @module
 */

/** The document's first lines. */
export const HEADER = "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n";

/** The document's last line. */
export const FOOTER = "\\end{document}\n";

/** How many items one cycle has (the `align` block counts as one item). */
export const ITEMS_PER_CYCLE = 4;

/**
 * The text of item `i` of the cycle, lines ending in `\n`.
 *
 * @param i The item number, 0 or more.
 * @returns One line (items 0, 1, 2 of a cycle) or the four lines of an `align` block (item 3).
 *
 * @example The cycle
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(documentItem(0), "\\section{Section 0}\n");
 * assertEquals(documentItem(1), "This is paragraph 1 with some text content.\n");
 * assertEquals(documentItem(2), "Math equation: $x_i + y_i = z_i^2$ % Comment 2\n");
 * assertEquals(documentItem(3).split("\n").length, 5);
 * ```
 */
export function documentItem(i: number): string {
  switch (i % ITEMS_PER_CYCLE) {
    case 0:
      return `\\section{Section ${i}}\n`;
    case 1:
      return `This is paragraph ${i} with some text content.\n`;
    case 2:
      return `Math equation: $x_i + y_i = z_i^2$ % Comment ${i}\n`;
    default:
      return `\\begin{align}\na_${i} &= b_${i} + c_${i} \\\\\nd_${i} &= e_${i} + f_${i}\n\\end{align}\n`;
  }
}

/**
 * Builds the strategy's document of at least `targetBytes` bytes (it is pure ASCII, so bytes,
 * UTF-16 units and characters agree).
 *
 * @param targetBytes The smallest size wanted, in bytes; items are added until it is reached.
 * @returns The document: header, items `0, 1, 2, ...`, footer; it exceeds the target by less than
 *   one item.
 *
 * @example A 100 KB document
 * ```ts
 * import { assert } from "@std/assert";
 * const text = generateDocument(100 * 1024);
 * assert(text.length >= 100 * 1024 && text.length < 100 * 1024 + 200);
 * assert(text.startsWith(HEADER) && text.endsWith(FOOTER));
 * ```
 */
export function generateDocument(targetBytes: number): string {
  const parts: string[] = [HEADER];
  let length = HEADER.length + FOOTER.length;
  for (let i = 0; length < targetBytes; i++) {
    const item = documentItem(i);
    parts.push(item);
    length += item.length;
  }
  parts.push(FOOTER);
  return parts.join("");
}

/**
 * Builds `count` lines of the cycle starting at item `firstItem`, for pasting into a document.
 * The last item is cut when it does not fit, so an `align` block may be left open: the lexer has
 * to cope with that, as it does when a user pastes part of a block.
 *
 * @param firstItem The item number to start with.
 * @param count How many lines to produce.
 * @returns The lines, each ending in `\n`.
 *
 * @example Two lines
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(
 *   documentLines(0, 2),
 *   "\\section{Section 0}\nThis is paragraph 1 with some text content.\n",
 * );
 * ```
 */
export function documentLines(firstItem: number, count: number): string {
  const lines: string[] = [];
  for (let i = firstItem; lines.length < count; i++) {
    for (const line of documentItem(i).split("\n")) {
      if (line === "" || lines.length === count) continue;
      lines.push(line + "\n");
    }
  }
  return lines.join("");
}
