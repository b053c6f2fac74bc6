/**
 * Group-local catcodes. As TeX does, a catcode change made inside a group (`{...}` or
 * `\begingroup...\endgroup`) is undone at the group's end, and `\ExplSyntaxOff` gives back the
 * catcodes `\ExplSyntaxOn` changed.
 *
 * The state keeps a stack of saved frames in {@linkcode LexState.saved}, a string of code units:
 * per frame its kind, its level, the number of saved pairs, then the pairs (a character and the
 * catcode it had before the frame's first change of it).
 *
 * - a brace frame is pushed at the first catcode change inside the brace group at depth `d`
 *   (its level is `d`) and is popped, restoring its pairs, when that group closes;
 * - a `\begingroup` frame is pushed by every `\begingroup` (its level is the brace depth then),
 *   and receives the changes made while it is the innermost group; `\endgroup` at the same
 *   brace depth pops it (one at another depth is ignored, so brace groups stay self-contained);
 * - an expl3 frame is pushed by `\ExplSyntaxOn` with the catcodes it changed; `\ExplSyntaxOff`
 *   restores them, and removes the frame when it is at the frame's own depth (inside a deeper
 *   group the frame stays, as expl3 is on again after that group). Its level is the brace depth
 *   then; its pairs are not restored at a group's end (the group frames below it do that).
 *
 * Levels never decrease from the bottom of the stack to its top, so closing the brace group at
 * depth `d` pops exactly the frames of level `d` and more. The paragraph rule: a paragraph reset
 * (a blank line, `\section`, `\begin{document}`) closes every open brace group as its `}` would,
 * so it pops every frame of level 1 and more, innermost first, restoring the pairs of the
 * brace and `\begingroup` frames among them; frames of level 0 stay.
 *
 * @module
 */

import { MAX_DEPTH } from "./state.ts";

/** The kinds of saved frames. */
export const FrameKind = {
  /** A brace group's. */
  Brace: 0,
  /** A `\begingroup`'s. */
  Semi: 1,
  /** An `\ExplSyntaxOn`'s. */
  Expl: 2,
} as const;

/** One of the values of {@linkcode FrameKind}. */
export type FrameKind = typeof FrameKind[keyof typeof FrameKind];

/** How many frames the stack holds; a group opened beyond is not tracked. */
export const MAX_SAVED_FRAMES = 16;

/** A saved frame, decoded. */
export interface SavedFrame {
  /** Its kind. */
  kind: FrameKind;
  /** The brace depth it belongs to. */
  level: number;
  /** Character, old catcode, character, old catcode, ... */
  pairs: number[];
}

/**
 * Reads a {@linkcode LexState.saved} string.
 *
 * @param s The string.
 * @returns Its frames, bottom first.
 */
export function decodeSaved(s: string): SavedFrame[] {
  const frames: SavedFrame[] = [];
  for (let i = 0; i < s.length;) {
    const kind = s.charCodeAt(i) as FrameKind;
    const level = s.charCodeAt(i + 1);
    const n = s.charCodeAt(i + 2);
    const pairs: number[] = [];
    for (let j = 0; j < 2 * n; j++) pairs.push(s.charCodeAt(i + 3 + j));
    frames.push({ kind, level, pairs });
    i += 3 + 2 * n;
  }
  return frames;
}

/**
 * Writes frames as a {@linkcode LexState.saved} string.
 *
 * @param frames The frames, bottom first.
 * @returns The string.
 * @example Round trip
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodeSaved, encodeSaved, FrameKind } from "./_group_catcodes.ts";
 * const frames = [{ kind: FrameKind.Semi, level: 0, pairs: [0x40, 12] }];
 * assertEquals(decodeSaved(encodeSaved(frames)), frames);
 * ```
 */
export function encodeSaved(frames: readonly SavedFrame[]): string {
  let s = "";
  for (const f of frames) s += String.fromCharCode(f.kind, f.level, f.pairs.length / 2, ...f.pairs);
  return s;
}

/**
 * Whether a string is a well-formed {@linkcode LexState.saved}: complete frames of known kinds,
 * levels at most {@linkcode MAX_DEPTH} and never decreasing, ASCII characters, catcodes up to
 * 15, at most {@linkcode MAX_SAVED_FRAMES} frames.
 *
 * @param s The string.
 * @returns Whether the lexer could have made it.
 */
export function isSavedString(s: string): boolean {
  let frames = 0;
  let last = 0;
  for (let i = 0; i < s.length;) {
    if (i + 3 > s.length) return false;
    const kind = s.charCodeAt(i);
    const level = s.charCodeAt(i + 1);
    const n = s.charCodeAt(i + 2);
    if (kind > FrameKind.Expl || level > MAX_DEPTH || level < last) return false;
    if (i + 3 + 2 * n > s.length) return false;
    for (let j = 0; j < n; j++) {
      if (s.charCodeAt(i + 3 + 2 * j) >= 128 || s.charCodeAt(i + 4 + 2 * j) > 15) return false;
    }
    last = level;
    i += 3 + 2 * n;
    frames++;
  }
  return frames <= MAX_SAVED_FRAMES;
}

function addPair(f: SavedFrame, char: number, oldCat: number): void {
  for (let j = 0; j < f.pairs.length; j += 2) if (f.pairs[j] === char) return;
  f.pairs.push(char, oldCat);
}

/**
 * Records a catcode change made at brace depth `depth` in the innermost open group's frame:
 * the top `\begingroup` frame when it was opened at this depth, else the brace group's frame
 * (pushed when missing). At depth 0 outside any `\begingroup` nothing is saved.
 *
 * @param frames The stack, changed in place.
 * @param change The depth, the character and the catcode it had.
 * @returns Whether the change was saved (false at the top level or when the stack is full).
 */
export function saveChange(
  frames: SavedFrame[],
  change: { depth: number; char: number; oldCat: number },
): boolean {
  const { depth, char, oldCat } = change;
  let semi = -1;
  let brace = -1;
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]!;
    if (f.level < depth) break;
    if (f.kind === FrameKind.Semi && semi < 0) semi = i;
    if (f.kind === FrameKind.Brace && brace < 0) brace = i;
  }
  let target: SavedFrame | undefined;
  if (semi >= 0) target = frames[semi];
  else if (brace >= 0) target = frames[brace];
  else if (depth > 0 && frames.length < MAX_SAVED_FRAMES) {
    target = { kind: FrameKind.Brace, level: depth, pairs: [] };
    frames.push(target);
  }
  if (target === undefined) return false;
  addPair(target, char, oldCat);
  return true;
}

/**
 * Pops the frames from index `from` up, and says which catcodes to restore.
 *
 * @param frames The stack, changed in place.
 * @param from The first index popped.
 * @returns Character, catcode, ... to set, in order (innermost frame first, so the outermost
 *   value is set last).
 */
export function popFrom(frames: SavedFrame[], from: number): number[] {
  const restore: number[] = [];
  for (let i = frames.length - 1; i >= from; i--) {
    const f = frames[i]!;
    if (f.kind !== FrameKind.Expl) restore.push(...f.pairs);
  }
  frames.length = Math.max(0, from);
  return restore;
}

/**
 * The index of the first frame of level `level` or more: closing the brace group at depth
 * `level` pops it and every frame above.
 *
 * @param frames The stack.
 * @param level The depth of the group that closes.
 * @returns The index (`frames.length` when there is none).
 */
export function firstAtLevel(frames: readonly SavedFrame[], level: number): number {
  let i = frames.length;
  while (i > 0 && frames[i - 1]!.level >= level) i--;
  return i;
}

/**
 * The index of the top frame of a kind.
 *
 * @param frames The stack.
 * @param kind The kind.
 * @returns The index, or -1.
 */
export function topOfKind(frames: readonly SavedFrame[], kind: FrameKind): number {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.kind === kind) return i;
  return -1;
}

/**
 * The string's largest level, read from its last frame (levels never decrease), or -1 when it
 * is empty: lets a closing brace skip decoding when no frame is at its level.
 *
 * @param s A {@linkcode LexState.saved} string.
 * @returns The level of its top frame, or -1.
 */
export function topLevel(s: string): number {
  if (s === "") return -1;
  let i = 0;
  let level = -1;
  while (i < s.length) {
    level = s.charCodeAt(i + 1);
    i += 3 + 2 * s.charCodeAt(i + 2);
  }
  return level;
}
