/**
 * The line lexer: `(line text, start state) -> (tokens, end state)`. It knows nothing of
 * documents; the batch and incremental lexers own the per-line states and call it.
 *
 * A line's tokens depend only on its text and its start state (and the lexer's fixed
 * configuration), which is what makes checkpointing at line starts sound.
 *
 * @module
 */

import { Cat } from "./catcodes.ts";
import {
  ARGUMENTLESS_VERBATIM,
  Command,
  commandHash,
  COMMANDS,
  MAY_BE_COMMAND,
} from "./environments.ts";
import { isMathMode, Mode } from "./mode.ts";
import { EXPL_OFF, EXPL_ON, type LexConfig, withCatcode } from "./options.ts";
import {
  ARG_BITS,
  type CatcodeChange,
  type LexState,
  MAX_DEPTH,
  MAX_FRAMES,
  type TextFrame,
} from "./state.ts";
import type { StateTable } from "./_state_table.ts";
import { K, LENGTH_SHIFT, MATH_BIT, MAX_TOKEN_LENGTH } from "./token_kind.ts";

const EMPTY_FRAMES: readonly TextFrame[] = Object.freeze([]);

/**
 * Intra-line checkpoints: lines at least `MIN` code units long keep a snapshot of the line lexer
 * every `SPACING` code units, so an edit inside a line of megabytes re-lexes from the nearest
 * snapshot before it and stops at the first later snapshot whose state it reproduces.
 */
export const LONG_LINE = { MIN: 8192, SPACING: 2048 };

/** The thresholds the lexer ships with. */
export const DEFAULT_LONG_LINE: Readonly<{ MIN: number; SPACING: number }> = Object.freeze({
  ...LONG_LINE,
});

/**
 * Sets the long-line thresholds (tests use tiny ones so every line gets checkpoints).
 *
 * @param min Lines this long or longer get checkpoints.
 * @param spacing Code units between checkpoints.
 */
export function setLongLineThresholds(min: number, spacing: number): void {
  LONG_LINE.MIN = min;
  LONG_LINE.SPACING = spacing;
}

/** A snapshot of the line lexer at a token boundary inside a long line. */
export interface LineCheckpoint {
  /** Where in the line. */
  readonly pos: number;
  /** How many tokens the line has before `pos`. */
  readonly token: number;
  /** The furthest index the lexer had read when it got here: edits after it keep this valid. */
  readonly horizon: number;
  /** The lexer state at `pos`. */
  readonly state: LexState;
  /** Its catcode table (shared: never changed in place once snapshot). */
  readonly cat: Uint8Array;
  /** Whether a `{` here would open a `\text` argument in math. */
  readonly pendingText: boolean;
  /** `defArmPos - pos`, or -1 when it is behind. */
  readonly defArm: number;
  /** `pendingCatPos - pos`, or -1 when none is pending. */
  readonly pendingCat: number;
  /** The character of the pending catcode assignment. */
  readonly pendingCatChar: number;
  /** Its new catcode. */
  readonly pendingCatValue: number;
}

/**
 * A long line's tokens, cut at its checkpoints: segment `i` holds the tokens between checkpoints
 * `i - 1` and `i`, so an edit replaces a few segments and shares the others.
 */
export interface LongLine {
  /** The checkpoints, by position. */
  readonly checkpoints: readonly LineCheckpoint[];
  /** One more segment than checkpoints. */
  readonly segments: readonly Uint32Array[];
}

/** A long line's previous lexing, for {@linkcode LineLexer.relex}. */
export interface PreviousLine extends LongLine {
  /** The id of its end state. */
  readonly endId: number;
}

/**
 * Cuts a long line's packed tokens at its checkpoints.
 *
 * @param words The tokens.
 * @param count How many.
 * @param checkpoints The line's checkpoints.
 * @returns The segments (copies).
 */
export function cutSegments(
  words: Uint32Array,
  count: number,
  checkpoints: readonly LineCheckpoint[],
): Uint32Array[] {
  const out: Uint32Array[] = [];
  let from = 0;
  for (const c of checkpoints) {
    out.push(words.slice(from, c.token));
    from = c.token;
  }
  out.push(words.slice(from, count));
  return out;
}

/**
 * Joins a long line's segments.
 *
 * @param segments The segments.
 * @returns All the line's tokens in one array.
 */
export function joinSegments(segments: readonly Uint32Array[]): Uint32Array {
  let n = 0;
  for (const s of segments) n += s.length;
  const out = new Uint32Array(n);
  n = 0;
  for (const s of segments) {
    out.set(s, n);
    n += s.length;
  }
  return out;
}

/** How many recent end states the lexer compares with before interning a new one. */
const RECENT_STATES = 8;

/** How many verbatim environments a document may define before further ones are ignored. */
export const MAX_DEFINED_VERBATIM = 64;

const CH_STAR = 0x2a; // *
const CH_LBRACKET = 0x5b; // [
const CH_RBRACKET = 0x5d; // ]
const CH_LBRACE = 0x7b; // {
const CH_RBRACE = 0x7d; // }
const CH_BACKTICK = 0x60; // `
const CH_QUOTE = 0x27; // '
const CH_DQUOTE = 0x22; // "
const CH_EQUALS = 0x3d; // =
const CH_LPAREN = 0x28; // (
const CH_RPAREN = 0x29; // )
const CH_0 = 0x30;
const CH_1 = 0x31;
const CH_9 = 0x39;

function isLowerHex(c: number): boolean {
  return (c >= CH_0 && c <= CH_9) || (c >= 0x61 && c <= 0x66);
}

function hexValue(c: number): number {
  return c <= CH_9 ? c - CH_0 : c - 0x61 + 10;
}

/** Emission modes of the argument scanners. */
const Verbish = { Char: 0, CharOrBrace: 1, Brace: 2 } as const;

/**
 * Lexes lines one at a time. One instance serves one state table; it reuses its output buffer,
 * so read {@linkcode LineLexer.words} before lexing the next line.
 */
export class LineLexer {
  /** The packed tokens of the last line lexed, in `words[0 .. count)`. */
  words: Uint32Array = new Uint32Array(256);
  /** How many tokens the last line produced. */
  count = 0;
  /** The checkpoints of the last line, when it was long enough to get them. */
  checkpoints: LineCheckpoint[] | undefined = undefined;
  /**
   * After {@linkcode LineLexer.relex}: the whole line's tokens as segments (`words` then holds
   * only the re-lexed middle). After {@linkcode LineLexer.lex}: `undefined`.
   */
  segments: Uint32Array[] | undefined = undefined;

  readonly #config: LexConfig;
  readonly #table: StateTable;

  // The working state, loaded from the start state and written back at the end of the line.
  #mode: Mode = Mode.Text;
  #env = "";
  #depth = 0;
  #argBits = 0;
  #afterArg = false;
  #frames: readonly TextFrame[] = EMPTY_FRAMES;
  #catcodes: readonly CatcodeChange[] = [];
  #cat: Uint8Array = new Uint8Array(128);
  #catShared = true;
  #verbEnvs: readonly string[] = [];
  #defName = "";
  #defDepth = 0;
  #defStage = 0;

  readonly #recent: number[] = [];
  #recentNext = 0;

  // Transient, within one line.
  #text = "";
  #len = 0;
  #clen = 1;
  #pendingText = false;
  #defArmPos = -1;
  #pendingCatPos = -1;
  #pendingCatChar = 0;
  #pendingCatValue = 0;
  #horizon = 0;
  /** The next position where the scan loop stops to record or compare a checkpoint. */
  #watch = Infinity;
  #nextRecord = Infinity;
  #old: readonly LineCheckpoint[] | undefined = undefined;
  #oldIndex = 0;
  #shift = 0;
  #converged = -1;
  /** The index in the line of `words[0]`: non-zero when a relex resumed mid-line. */
  #tokenBase = 0;

  /**
   * Makes a line lexer.
   *
   * @param config The lexer configuration.
   * @param table The table the states are interned in.
   */
  constructor(config: LexConfig, table: StateTable) {
    this.#config = config;
    this.#table = table;
  }

  /**
   * Lexes one line (its text without the line ending).
   *
   * @param text The line.
   * @param startId The id of the state at the line start.
   * @returns The id of the state at the line end; the tokens are in `words[0 .. count)`.
   */
  lex(text: string, startId: number): number {
    const s = this.#table.state(startId);
    this.#load(s, startId);
    this.#begin(text);
    this.#tokenBase = 0;
    this.segments = undefined;
    this.#horizon = 0;
    const long = text.length >= LONG_LINE.MIN;
    this.checkpoints = long ? [] : undefined;
    this.#nextRecord = long ? LONG_LINE.SPACING : Infinity;
    this.#old = undefined;
    this.#watch = this.#nextRecord;
    let pos = 0;
    if (this.#mode === Mode.Verbatim) {
      pos = this.#verbatimBody(0);
    } else if (this.#isBlank()) {
      this.#paragraphEnd();
    }
    if (pos < this.#len) this.#scan(pos);
    if (this.#pendingCatPos >= 0) this.#applyPendingCat();
    return this.#finish(s, startId);
  }

  /**
   * Lexes a long line again after an edit inside it, from its last checkpoint before the edit,
   * and stops at the first checkpoint after the edit whose snapshot it reproduces. The result is
   * what {@linkcode LineLexer.lex} gives for the new text.
   *
   * @param text The line's new text.
   * @param startId The id of the line's start state (unchanged by the edit).
   * @param previous The line's previous checkpoints, tokens and end state.
   * @param edit Where the edit starts (`from`) and ends (`to`) in the old text, and the change in
   *   length (`delta`).
   * @returns The id of the line's end state.
   */
  relex(
    text: string,
    startId: number,
    previous: PreviousLine,
    edit: { from: number; to: number; delta: number },
  ): number {
    const old = previous.checkpoints;
    let k = -1;
    while (k + 1 < old.length && old[k + 1]!.horizon < edit.from) k++;
    if (k < 0 || text.length < LONG_LINE.MIN) return this.lex(text, startId);
    const cp = old[k]!;
    const s = this.#table.state(startId);
    this.#load(s, startId);
    this.#begin(text);
    this.#restore(cp);
    this.#tokenBase = cp.token;
    this.checkpoints = old.slice(0, k + 1);
    this.#nextRecord = cp.pos + LONG_LINE.SPACING;
    this.#old = old;
    this.#oldIndex = k + 1;
    while (this.#oldIndex < old.length && old[this.#oldIndex]!.pos < edit.to) this.#oldIndex++;
    this.#shift = edit.delta;
    this.#converged = -1;
    this.#setWatch(cp.pos);
    this.#scan(cp.pos);
    this.#old = undefined;
    const resumed = k + 1; // checkpoints recorded by this scan start here
    const segments = previous.segments.slice(0, k + 1);
    let from = 0;
    for (let i = resumed; i < this.checkpoints.length; i++) {
      const to = this.checkpoints[i]!.token - cp.token;
      segments.push(this.words.slice(from, to));
      from = to;
    }
    segments.push(this.words.slice(from, this.count));
    this.segments = segments;
    if (this.#converged >= 0) return this.#adopt(previous, edit.delta);
    if (this.#pendingCatPos >= 0) this.#applyPendingCat();
    return this.#finish(s, startId);
  }

  #begin(text: string): void {
    this.#text = text;
    this.#len = text.length;
    this.count = 0;
    this.#pendingText = false;
    this.#defArmPos = -1;
    this.#pendingCatPos = -1;
  }

  /** After convergence at old checkpoint `#converged`: the rest of the line is as it was. */
  #adopt(previous: PreviousLine, delta: number): number {
    const old = previous.checkpoints;
    const at = old[this.#converged]!;
    const tokenShift = this.#tokenBase + this.count - at.token;
    for (let i = this.#converged; i < old.length; i++) {
      const c = old[i]!;
      this.checkpoints!.push({
        ...c,
        pos: c.pos + delta,
        horizon: c.horizon + delta,
        token: c.token + tokenShift,
      });
    }
    this.segments!.push(...previous.segments.slice(this.#converged + 1));
    return previous.endId;
  }

  #snapshot(pos: number): LineCheckpoint {
    // The snapshot shares the catcode table: later changes in this line must copy it first.
    this.#catShared = true;
    return {
      pos,
      token: this.#tokenBase + this.count,
      horizon: Math.max(this.#horizon, pos + 3),
      state: this.#current(),
      cat: this.#cat,
      pendingText: this.#pendingText,
      defArm: this.#defArmPos >= pos ? this.#defArmPos - pos : -1,
      pendingCat: this.#pendingCatPos >= pos ? this.#pendingCatPos - pos : -1,
      pendingCatChar: this.#pendingCatChar,
      pendingCatValue: this.#pendingCatValue,
    };
  }

  #restore(c: LineCheckpoint): void {
    this.#loadFields(c.state);
    this.#cat = c.cat;
    this.#catShared = true;
    this.#pendingText = c.pendingText;
    this.#defArmPos = c.defArm >= 0 ? c.pos + c.defArm : -1;
    this.#pendingCatPos = c.pendingCat >= 0 ? c.pos + c.pendingCat : -1;
    this.#pendingCatChar = c.pendingCatChar;
    this.#pendingCatValue = c.pendingCatValue;
    this.#horizon = c.horizon;
  }

  /** Whether the lexer at `pos` is exactly as snapshot `c` was at its position. */
  #matches(c: LineCheckpoint, pos: number): boolean {
    const defArm = this.#defArmPos >= pos ? this.#defArmPos - pos : -1;
    const pendingCat = this.#pendingCatPos >= pos ? this.#pendingCatPos - pos : -1;
    return this.#equals(c.state) && this.#pendingText === c.pendingText &&
      defArm === c.defArm && pendingCat === c.pendingCat &&
      (pendingCat < 0 ||
        (this.#pendingCatChar === c.pendingCatChar &&
          this.#pendingCatValue === c.pendingCatValue));
  }

  /** At a watched position: records a checkpoint, or finds the scan has converged. */
  #onWatch(pos: number): boolean {
    const old = this.#old;
    if (old !== undefined) {
      while (this.#oldIndex < old.length && old[this.#oldIndex]!.pos + this.#shift < pos) {
        this.#oldIndex++;
      }
      const c = old[this.#oldIndex];
      if (c !== undefined && c.pos + this.#shift === pos) {
        if (this.#matches(c, pos)) {
          this.#converged = this.#oldIndex;
          return true;
        }
        this.#oldIndex++;
      }
    }
    if (pos >= this.#nextRecord) {
      this.checkpoints!.push(this.#snapshot(pos));
      this.#nextRecord = pos + LONG_LINE.SPACING;
    }
    this.#setWatch(pos);
    return false;
  }

  #setWatch(pos: number): void {
    let w = this.#nextRecord;
    const old = this.#old;
    if (old !== undefined) {
      const c = old[this.#oldIndex];
      if (c !== undefined) {
        const at = c.pos + this.#shift;
        if (at > pos && at < w) w = at;
        else if (at <= pos && pos + 1 < w) w = pos + 1;
      }
    }
    this.#watch = w;
  }

  #load(s: LexState, id: number): void {
    this.#loadFields(s);
    this.#cat = this.#table.catcodes(id);
    this.#catShared = true;
  }

  #loadFields(s: LexState): void {
    this.#mode = s.mode;
    this.#env = s.env;
    this.#depth = s.depth;
    this.#argBits = s.argBits;
    this.#afterArg = s.afterArg;
    this.#frames = s.frames;
    this.#catcodes = s.catcodes;
    this.#verbEnvs = s.verbatimEnvs;
    this.#defName = s.defName;
    this.#defDepth = s.defDepth;
    this.#defStage = s.defStage;
  }

  /** Whether the working state equals `s` (sub-structures compared by identity). */
  #equals(s: LexState): boolean {
    return this.#mode === s.mode && this.#env === s.env && this.#depth === s.depth &&
      this.#argBits === s.argBits && this.#afterArg === s.afterArg &&
      this.#frames === s.frames && this.#catcodes === s.catcodes &&
      this.#verbEnvs === s.verbatimEnvs && this.#defName === s.defName &&
      this.#defDepth === s.defDepth && this.#defStage === s.defStage;
  }

  /** The working state as an immutable record. */
  #current(): LexState {
    return Object.freeze({
      mode: this.#mode,
      env: this.#env,
      depth: this.#depth,
      argBits: this.#argBits,
      afterArg: this.#afterArg,
      frames: this.#frames,
      catcodes: this.#catcodes,
      verbatimEnvs: this.#verbEnvs,
      defName: this.#defName,
      defDepth: this.#defDepth,
      defStage: this.#defStage,
    });
  }

  #finish(s: LexState, startId: number): number {
    if (this.#equals(s)) return startId;
    // Lines mostly move between a handful of states: look at the last few ends first, which
    // saves building an intern key.
    const recent = this.#recent;
    for (let i = 0; i < recent.length; i++) {
      const id = recent[i]!;
      if (this.#equals(this.#table.state(id))) return id;
    }
    const id = this.#table.intern(this.#current());
    recent[this.#recentNext] = id;
    this.#recentNext = (this.#recentNext + 1) % RECENT_STATES;
    return id;
  }

  // ---- output -------------------------------------------------------------------------------

  #emit(kind: number, from: number, to: number, math: boolean): void {
    let n = to - from;
    while (n > 0) {
      const part = n > MAX_TOKEN_LENGTH ? MAX_TOKEN_LENGTH : n;
      if (this.count === this.words.length) {
        const bigger = new Uint32Array(this.words.length * 2);
        bigger.set(this.words);
        this.words = bigger;
      }
      this.words[this.count++] = part * (1 << LENGTH_SHIFT) + (math ? MATH_BIT : 0) + kind;
      n -= part;
    }
  }

  /** Sets the math flag of the last token emitted. */
  #markLastMath(): void {
    if (this.count > 0) this.words[this.count - 1] = this.words[this.count - 1]! | MATH_BIT;
  }

  #inMath(): boolean {
    return isMathMode(this.#mode);
  }

  /** Emits `[from, to)` by catcode, with no effect on the state (arguments of special forms). */
  #emitInert(from: number, to: number, math: boolean): void {
    const t = this.#text;
    let p = from;
    while (p < to) {
      const c = t.charCodeAt(p);
      const cat = this.#catOf(c);
      let q = p + 1;
      let kind: number;
      switch (cat) {
        case Cat.Letter:
        case Cat.Other:
          while (q < to && this.#isTextCat(this.#catOf(t.charCodeAt(q)))) q++;
          kind = K.Text;
          break;
        case Cat.Space:
        case Cat.EndOfLine:
          while (q < to && this.#catOf(t.charCodeAt(q)) === Cat.Space) q++;
          kind = K.Space;
          break;
        case Cat.Ignored:
          while (q < to && this.#catOf(t.charCodeAt(q)) === Cat.Ignored) q++;
          kind = K.Ignored;
          break;
        case Cat.Invalid:
          while (q < to && this.#catOf(t.charCodeAt(q)) === Cat.Invalid) q++;
          kind = K.Invalid;
          break;
        case Cat.Escape:
          if (q < to && this.#catOf(t.charCodeAt(q)) === Cat.Letter) {
            while (q < to && this.#catOf(t.charCodeAt(q)) === Cat.Letter) q++;
            kind = K.ControlWord;
          } else {
            if (q < to) q++;
            kind = K.ControlSymbol;
          }
          break;
        case Cat.Comment:
          q = to;
          kind = K.Comment;
          break;
        default:
          kind = CAT_KIND[cat]!;
      }
      this.#emit(kind, p, q, math);
      p = q;
    }
  }

  // ---- character classes --------------------------------------------------------------------

  #catOf(c: number): number {
    return c < 128 ? this.#cat[c]! : Cat.Other;
  }

  #isTextCat(cat: number): boolean {
    return cat === Cat.Letter || cat === Cat.Other;
  }

  /**
   * Reads TeX's `^^` notation at `p` (whose character has catcode 7): `^^M` or `^^5e`.
   * Returns the character code meant, with its source length in `#clen`, or -1 when there is
   * none.
   */
  #hat(p: number): number {
    const t = this.#text;
    this.#reach(p + 3);
    const c = t.charCodeAt(p);
    if (p + 2 >= this.#len || t.charCodeAt(p + 1) !== c) return -1;
    const c3 = t.charCodeAt(p + 2);
    if (c3 >= 128) return -1;
    if (p + 3 < this.#len) {
      const c4 = t.charCodeAt(p + 3);
      if (isLowerHex(c3) && isLowerHex(c4)) {
        this.#clen = 4;
        return hexValue(c3) * 16 + hexValue(c4);
      }
    }
    this.#clen = 3;
    return c3 < 64 ? c3 + 64 : c3 - 64;
  }

  /** Notes that the scan read the text at index `i`, ahead of where it has lexed. */
  #reach(i: number): void {
    if (i > this.#horizon) this.#horizon = i;
  }

  #isBlank(): boolean {
    const t = this.#text;
    for (let i = 0; i < this.#len; i++) {
      const cat = this.#catOf(t.charCodeAt(i));
      if (cat !== Cat.Space && cat !== Cat.Ignored) {
        this.#reach(i);
        return false;
      }
    }
    this.#reach(this.#len);
    return true;
  }

  #skipSpaces(p: number): number {
    const t = this.#text;
    while (p < this.#len && this.#catOf(t.charCodeAt(p)) === Cat.Space) p++;
    this.#reach(p);
    return p;
  }

  /** The end of a `{name}` at `p` with no nested braces or escapes: the `}`'s index, or -1. */
  #simpleGroupEnd(p: number): number {
    const t = this.#text;
    if (p >= this.#len || this.#catOf(t.charCodeAt(p)) !== Cat.BeginGroup) return -1;
    for (let q = p + 1; q < this.#len; q++) {
      const cat = this.#catOf(t.charCodeAt(q));
      if (
        cat === Cat.EndGroup || cat === Cat.BeginGroup || cat === Cat.Escape || cat === Cat.Comment
      ) {
        this.#reach(q);
        return cat !== Cat.EndGroup || q === p + 1 ? -1 : q;
      }
    }
    this.#reach(this.#len);
    return -1;
  }

  /** The index of the `}` matching a literal `{` at `p`, counting literal braces, or -1. */
  #balancedEnd(p: number): number {
    const t = this.#text;
    let depth = 0;
    for (let q = p; q < this.#len; q++) {
      const c = t.charCodeAt(q);
      if (c === CH_LBRACE) depth++;
      else if (c === CH_RBRACE && --depth === 0) {
        this.#reach(q);
        return q;
      }
    }
    this.#reach(this.#len);
    return -1;
  }

  /** The index of the `]` closing a `[` at `p` (braces protect), or -1. */
  #bracketEnd(p: number): number {
    const t = this.#text;
    if (p >= this.#len || t.charCodeAt(p) !== CH_LBRACKET) return -1;
    let depth = 0;
    for (let q = p + 1; q < this.#len; q++) {
      const c = t.charCodeAt(q);
      if (c === CH_LBRACE) depth++;
      else if (c === CH_RBRACE) depth--;
      else if (c === CH_RBRACKET && depth <= 0) {
        this.#reach(q);
        return q;
      }
    }
    this.#reach(this.#len);
    return -1;
  }

  // ---- the scan loop ------------------------------------------------------------------------

  #scan(start: number): void {
    const t = this.#text;
    const len = this.#len;
    let pos = start;
    while (pos < len) {
      if (this.#pendingCatPos >= 0 && pos >= this.#pendingCatPos) this.#applyPendingCat();
      if (pos >= this.#watch && this.#onWatch(pos)) return;
      let c = t.charCodeAt(pos);
      let cat = c < 128 ? this.#cat[c]! : Cat.Other;
      let clen = 1;
      if (cat === Cat.Superscript) {
        const h = this.#hat(pos);
        if (h >= 0) {
          c = h;
          cat = this.#catOf(h);
          clen = this.#clen;
        }
      }
      switch (cat) {
        case Cat.Letter:
        case Cat.Other: {
          const limit = this.#pendingCatPos > pos ? this.#pendingCatPos : len;
          let p = pos + clen;
          while (p < limit) {
            const d = t.charCodeAt(p);
            if (d >= 128) {
              p++;
              continue;
            }
            const k = this.#cat[d]!;
            if (k === Cat.Letter || k === Cat.Other) {
              p++;
              continue;
            }
            if (k === Cat.Superscript) {
              const h = this.#hat(p);
              if (h >= 0 && this.#isTextCat(this.#catOf(h))) {
                p += this.#clen;
                continue;
              }
            }
            break;
          }
          this.#emit(K.Text, pos, p, this.#inMath());
          const last = t.charCodeAt(p - 1);
          this.#afterArg = last === CH_RBRACKET || last === CH_STAR;
          this.#pendingText = false;
          pos = p;
          break;
        }
        case Cat.Space:
        case Cat.Ignored:
        case Cat.Invalid: {
          let p = pos + clen;
          while (p < len && this.#catOf(t.charCodeAt(p)) === cat) p++;
          this.#emit(CAT_KIND[cat]!, pos, p, this.#inMath());
          if (cat === Cat.Invalid) this.#pendingText = false;
          pos = p;
          break;
        }
        case Cat.Escape:
          pos = this.#controlSequence(pos, clen);
          break;
        case Cat.BeginGroup:
          this.#emit(K.BeginGroup, pos, pos + clen, this.#inMath());
          this.#openGroup(pos);
          pos += clen;
          break;
        case Cat.EndGroup:
          this.#closeGroup();
          this.#emit(K.EndGroup, pos, pos + clen, this.#inMath());
          pos += clen;
          break;
        case Cat.MathShift:
          pos = this.#mathShift(pos, clen);
          break;
        case Cat.Comment:
          this.#emit(K.Comment, pos, len, this.#inMath());
          pos = len;
          break;
        case Cat.EndOfLine:
          // TeX drops the rest of a line after an end-of-line character.
          this.#emit(K.Space, pos, pos + clen, this.#inMath());
          this.#emit(K.Ignored, pos + clen, len, this.#inMath());
          pos = len;
          break;
        case Cat.Parameter: {
          let p = pos + clen;
          if (p < len) {
            const d = t.charCodeAt(p);
            if ((d >= CH_1 && d <= CH_9) || this.#catOf(d) === Cat.Parameter) p++;
          }
          this.#emit(K.Parameter, pos, p, this.#inMath());
          this.#afterArg = true;
          this.#pendingText = false;
          pos = p;
          break;
        }
        default:
          // Alignment, superscript, subscript, active: one character each.
          this.#emit(CAT_KIND[cat]!, pos, pos + clen, this.#inMath());
          this.#afterArg = false;
          this.#pendingText = false;
          pos += clen;
      }
    }
  }

  // ---- groups, math shifts, paragraphs ------------------------------------------------------

  #openGroup(pos: number): void {
    if (this.#depth < MAX_DEPTH) {
      if (this.#pendingText && this.#frames.length < MAX_FRAMES) {
        this.#frames = Object.freeze([
          ...this.#frames,
          Object.freeze({ mode: this.#mode, env: this.#env, depth: this.#depth }),
        ]);
        this.#mode = Mode.Text;
        this.#env = "";
      }
      if (this.#afterArg && this.#depth < ARG_BITS) this.#argBits |= 1 << this.#depth;
      this.#depth++;
      if (
        this.#defName !== "" && this.#defStage === 0 && this.#depth === this.#defDepth + 1 &&
        pos > this.#defArmPos
      ) this.#defStage = 1;
    }
    this.#afterArg = false;
    this.#pendingText = false;
  }

  #closeGroup(): void {
    if (this.#depth > 0) {
      this.#depth--;
      if (this.#depth < ARG_BITS) this.#argBits &= ~(1 << this.#depth);
      const n = this.#frames.length;
      if (n > 0 && this.#frames[n - 1]!.depth === this.#depth) {
        const f = this.#frames[n - 1]!;
        this.#mode = f.mode;
        this.#env = f.env;
        this.#frames = n === 1 ? EMPTY_FRAMES : Object.freeze(this.#frames.slice(0, n - 1));
      }
      if (this.#defName !== "" && this.#defStage === 1 && this.#depth === this.#defDepth) {
        this.#clearDefinition();
      }
    }
    this.#afterArg = true;
    this.#pendingText = false;
  }

  #clearDefinition(): void {
    this.#defName = "";
    this.#defDepth = 0;
    this.#defStage = 0;
  }

  /** A blank line or a recovery point: math, groups and pending definitions left open end. */
  #paragraphEnd(): void {
    this.#mode = Mode.Text;
    this.#env = "";
    this.#depth = 0;
    this.#argBits = 0;
    this.#frames = EMPTY_FRAMES;
    this.#clearDefinition();
    this.#afterArg = false;
    this.#pendingText = false;
  }

  #mathShift(pos: number, clen: number): number {
    const t = this.#text;
    const double = clen === 1 && pos + 1 < this.#len &&
      this.#catOf(t.charCodeAt(pos + 1)) === Cat.MathShift;
    let end = pos + clen;
    switch (this.#mode) {
      case Mode.Text:
        if (double) end++;
        this.#mode = double ? Mode.DisplayMath : Mode.InlineMath;
        break;
      case Mode.InlineMath:
      case Mode.ParenMath:
        this.#mode = Mode.Text;
        break;
      case Mode.DisplayMath:
      case Mode.BracketMath:
        if (double) end++;
        this.#mode = Mode.Text;
        break;
      default:
        // Inside a math environment a `$` is an error in LaTeX; it changes nothing here.
    }
    this.#emit(K.MathShift, pos, end, true);
    this.#afterArg = false;
    this.#pendingText = false;
    return end;
  }

  // ---- control sequences --------------------------------------------------------------------

  #controlSequence(start: number, clen: number): number {
    const t = this.#text;
    const len = this.#len;
    const p = start + clen;
    this.#pendingText = false;
    if (p >= len) {
      this.#emit(K.ControlSymbol, start, len, this.#inMath());
      this.#afterArg = false;
      return len;
    }
    let d = t.charCodeAt(p);
    let dcat = this.#catOf(d);
    let dlen = 1;
    if (dcat === Cat.Superscript) {
      const h = this.#hat(p);
      if (h >= 0) {
        d = h;
        dcat = this.#catOf(h);
        dlen = this.#clen;
      }
    }
    if (dcat !== Cat.Letter) {
      let q = p + dlen;
      if (dlen === 1 && d >= 0xd800 && d <= 0xdbff && q < len) {
        const lo = t.charCodeAt(q);
        if (lo >= 0xdc00 && lo <= 0xdfff) q++;
      }
      this.#controlSymbol(start, q, d);
      return q;
    }
    let q = p + dlen;
    let plain = dlen === 1;
    while (q < len) {
      const e = t.charCodeAt(q);
      if (e < 128) {
        const k = this.#cat[e]!;
        if (k === Cat.Letter) {
          q++;
          continue;
        }
        if (k === Cat.Superscript) {
          const h = this.#hat(q);
          if (h >= 0 && this.#catOf(h) === Cat.Letter) {
            q += this.#clen;
            plain = false;
            continue;
          }
        }
      }
      break;
    }
    if (plain && MAY_BE_COMMAND[commandHash(d, t.charCodeAt(q - 1), q - p)] === 0) {
      // Not one of the commands the lexer acts on: no need to look the name up.
      this.#emit(K.ControlWord, start, q, this.#inMath());
      this.#afterArg = true;
      return q;
    }
    const name = plain ? t.slice(p, q) : this.#decodeName(p, q);
    return this.#controlWord(start, q, name);
  }

  #decodeName(from: number, to: number): string {
    let name = "";
    for (let p = from; p < to;) {
      const c = this.#text.charCodeAt(p);
      const h = this.#catOf(c) === Cat.Superscript ? this.#hat(p) : -1;
      if (h >= 0) {
        name += String.fromCharCode(h);
        p += this.#clen;
      } else {
        name += String.fromCharCode(c);
        p++;
      }
    }
    return name;
  }

  #controlSymbol(start: number, end: number, c: number): void {
    const mode = this.#mode;
    let math = this.#inMath();
    if (c === CH_LPAREN && mode === Mode.Text) {
      this.#mode = Mode.ParenMath;
      math = true;
    } else if (c === CH_LBRACKET && mode === Mode.Text) {
      this.#mode = Mode.BracketMath;
      math = true;
    } else if (c === CH_RPAREN && (mode === Mode.ParenMath || mode === Mode.InlineMath)) {
      this.#mode = Mode.Text;
    } else if (c === CH_RBRACKET && (mode === Mode.BracketMath || mode === Mode.DisplayMath)) {
      this.#mode = Mode.Text;
    }
    this.#emit(K.ControlSymbol, start, end, math);
    this.#afterArg = false;
  }

  #controlWord(start: number, end: number, name: string): number {
    const cmd = COMMANDS.get(name) ?? Command.None;
    if (cmd === Command.Sectioning) this.#paragraphEnd();
    this.#emit(K.ControlWord, start, end, this.#inMath());
    this.#afterArg = true;
    switch (cmd) {
      case Command.None:
      case Command.Sectioning:
        return end;
      case Command.Begin:
        return this.#environment(end, true);
      case Command.End:
        return this.#environment(end, false);
      case Command.Verb:
        return this.#inlineVerbatim(end, name === "Verb", false, Verbish.Char);
      case Command.LstInline:
        return this.#inlineVerbatim(end, true, false, Verbish.CharOrBrace);
      case Command.MintInline:
        return this.#inlineVerbatim(end, true, true, Verbish.CharOrBrace);
      case Command.Url:
        return this.#inlineVerbatim(end, false, false, Verbish.Brace);
      case Command.MakeAtLetter:
        this.#setCatcode(0x40, Cat.Letter);
        return end;
      case Command.MakeAtOther:
        this.#setCatcode(0x40, Cat.Other);
        return end;
      case Command.ExplOn:
        for (const [ch, k] of EXPL_ON) this.#setCatcode(ch, k);
        return end;
      case Command.ExplOff:
        for (const [ch, k] of EXPL_OFF) this.#setCatcode(ch, k);
        return end;
      case Command.Catcode:
        this.#catcodeAssignment(end);
        return end;
      case Command.NewEnvironment:
        this.#newEnvironment(end);
        return end;
      case Command.NewVerbatimEnvironment:
        this.#newVerbatimEnvironment(end);
        return end;
      case Command.NewMinted:
        this.#newMinted(end);
        return end;
      case Command.VerbatimMarker:
        if (this.#defName !== "" && this.#defStage === 1) this.#defineVerbatim(this.#defName);
        return end;
      case Command.TextSwitch:
        if (this.#inMath()) this.#pendingText = true;
        return end;
    }
  }

  // ---- environments -------------------------------------------------------------------------

  #isVerbatimEnv(name: string): boolean {
    return this.#config.verbatimEnvs.has(name) || this.#verbEnvs.includes(name);
  }

  /** After `\begin` or `\end` at `p`: acts on `{name}` when it is on this line. */
  #environment(p: number, begin: boolean): number {
    const open = this.#skipSpaces(p);
    const close = this.#simpleGroupEnd(open);
    if (close < 0) return p;
    const name = this.#text.slice(open + 1, close);
    const mathEnvs = this.#config.mathEnvs;
    let action = 0; // 1 verbatim, 2 math begins, 3 math ends, 4 recovery point
    if (begin) {
      if (this.#isVerbatimEnv(name)) {
        if (this.#defName !== "" && this.#defStage === 1) this.#defineVerbatim(this.#defName);
        if (this.#mode === Mode.Text && this.#argBits === 0) action = 1;
      } else if (mathEnvs.has(name)) {
        if (this.#argBits === 0) action = 2;
      } else if (name === "document") action = 4;
    } else if (this.#mode === Mode.EnvMath && mathEnvs.has(name)) action = 3;
    else if (name === "document") action = 4;

    if (action === 4) this.#paragraphEnd();
    const math = action === 2 || action === 3 || (action !== 4 && this.#inMath());
    if (math) this.#markLastMath();
    this.#emit(K.Space, p, open, math);
    this.#emit(K.BeginGroup, open, open + 1, math);
    this.#emitInert(open + 1, close, math);
    this.#emit(K.EndGroup, close, close + 1, math);
    this.#afterArg = true;
    let end = close + 1;
    switch (action) {
      case 1:
        this.#mode = Mode.Verbatim;
        this.#env = name;
        if (!ARGUMENTLESS_VERBATIM.has(name)) end = this.#verbatimArguments(end);
        return this.#verbatimBody(end);
      case 2:
        this.#mode = Mode.EnvMath;
        this.#env = name;
        break;
      case 3:
        this.#mode = Mode.Text;
        this.#env = "";
        break;
    }
    return end;
  }

  /** The `[options]` and `{arguments}` after a verbatim environment's `\begin{name}`. */
  #verbatimArguments(p: number): number {
    const t = this.#text;
    for (;;) {
      const q = this.#skipSpaces(p);
      if (q >= this.#len) return p;
      const c = t.charCodeAt(q);
      const close = c === CH_LBRACKET
        ? this.#bracketEnd(q)
        : c === CH_LBRACE
        ? this.#balancedEnd(q)
        : -1;
      if (close < 0) return p;
      this.#emitInert(p, close + 1, false);
      p = close + 1;
    }
  }

  /**
   * In a verbatim environment from `p`: the body up to `\end{name}`, which ends it, or to the end
   * of the line.
   */
  #verbatimBody(p: number): number {
    const closer = "\\end{" + this.#env + "}";
    const at = this.#text.indexOf(closer, p);
    this.#reach(at < 0 ? this.#len : at + closer.length);
    if (at < 0) {
      this.#emit(K.Verbatim, p, this.#len, false);
      return this.#len;
    }
    this.#emit(K.Verbatim, p, at, false);
    this.#emit(K.ControlWord, at, at + 4, false);
    this.#emit(K.BeginGroup, at + 4, at + 5, false);
    this.#emitInert(at + 5, at + closer.length - 1, false);
    this.#emit(K.EndGroup, at + closer.length - 1, at + closer.length, false);
    this.#mode = Mode.Text;
    this.#env = "";
    this.#afterArg = true;
    return at + closer.length;
  }

  // ---- inline verbatim ----------------------------------------------------------------------

  /**
   * `\verb|..|` and its kin after the command at `p`: an optional `*`, optional `[options]`, for
   * `\mintinline` a `{language}`, then the argument, delimited by any character or braced.
   */
  #inlineVerbatim(p: number, options: boolean, language: boolean, form: number): number {
    const t = this.#text;
    const len = this.#len;
    const math = this.#inMath();
    if (form === Verbish.Char && p < len && t.charCodeAt(p) === CH_STAR) {
      this.#emit(K.Text, p, p + 1, math);
      p++;
    }
    if (form !== Verbish.Char) {
      const q = this.#skipSpaces(p);
      this.#emit(K.Space, p, q, math);
      p = q;
    }
    if (options) {
      const close = this.#bracketEnd(p);
      if (close >= 0) {
        this.#emitInert(p, close + 1, math);
        p = close + 1;
      }
    }
    if (language) {
      const close = this.#simpleGroupEnd(p);
      if (close < 0) return p;
      this.#emitInert(p, close + 1, math);
      p = close + 1;
    }
    if (p >= len) return p;
    const d = t.charCodeAt(p);
    if (d === CH_LBRACE && form !== Verbish.Char) {
      const close = this.#balancedEnd(p);
      if (close < 0) {
        this.#emit(K.Verbatim, p, len, math);
        this.#afterArg = false;
        return len;
      }
      this.#emit(K.BeginGroup, p, p + 1, math);
      this.#emit(K.Verbatim, p + 1, close, math);
      this.#emit(K.EndGroup, close, close + 1, math);
      this.#afterArg = true;
      return close + 1;
    }
    if (form === Verbish.Brace) return p;
    const close = t.indexOf(String.fromCharCode(d), p + 1);
    const end = close < 0 ? len : close + 1;
    this.#emit(K.Verbatim, p, end, math);
    this.#afterArg = false;
    return end;
  }

  // ---- catcodes -----------------------------------------------------------------------------

  #setCatcode(char: number, cat: number): void {
    // Commands inside a macro argument or definition are not run by TeX when they are read.
    if (this.#argBits !== 0) return;
    const next = withCatcode(this.#catcodes, char, cat);
    if (next === this.#catcodes) return;
    this.#catcodes = next;
    if (this.#catShared) {
      this.#cat = this.#cat.slice();
      this.#catShared = false;
    }
    this.#cat[char] = cat;
  }

  #applyPendingCat(): void {
    this.#pendingCatPos = -1;
    this.#setCatcode(this.#pendingCatChar, this.#pendingCatValue);
  }

  #readNumber(p: number, base: number): [number, number] {
    const t = this.#text;
    let v = 0;
    let q = p;
    for (; q < this.#len; q++) {
      const c = t.charCodeAt(q);
      let digit = -1;
      if (c >= CH_0 && c <= CH_9) digit = c - CH_0;
      else if (base === 16 && c >= 0x41 && c <= 0x46) digit = c - 0x41 + 10;
      if (digit < 0 || digit >= base) break;
      v = v * base + digit;
      if (v > 0x10ffff) {
        this.#reach(q);
        return [-1, q];
      }
    }
    this.#reach(q);
    return q === p ? [-1, p] : [v, q];
  }

  /**
   * After `\catcode` at `p`: a literal assignment such as `` `\|=13 `` or `64=11` takes effect
   * right after its value; computed ones are ignored.
   */
  #catcodeAssignment(p: number): void {
    // It reads at most a few characters past the last index it moved to; say so on every exit.
    let q = p;
    try {
      q = this.#catcodeAssignmentAt(p);
    } finally {
      this.#reach(q + 8);
    }
  }

  /** Parses a literal catcode assignment from `p`; returns the last index it looked at. */
  #catcodeAssignmentAt(p: number): number {
    const t = this.#text;
    const len = this.#len;
    let q = this.#skipSpaces(p);
    if (q >= len) return q;
    let char = -1;
    const c = t.charCodeAt(q);
    if (c === CH_BACKTICK) {
      q++;
      if (q < len && this.#catOf(t.charCodeAt(q)) === Cat.Escape) q++;
      if (q >= len) return q;
      const h = this.#catOf(t.charCodeAt(q)) === Cat.Superscript ? this.#hat(q) : -1;
      if (h >= 0) {
        char = h;
        q += this.#clen;
      } else {
        char = t.charCodeAt(q);
        q++;
      }
    } else {
      const base = c === CH_QUOTE ? 8 : c === CH_DQUOTE ? 16 : 10;
      [char, q] = this.#readNumber(base === 10 ? q : q + 1, base);
      if (char < 0) return q;
    }
    q = this.#skipSpaces(q);
    if (q < len && t.charCodeAt(q) === CH_EQUALS) q = this.#skipSpaces(q + 1);
    let value: number;
    if (t.startsWith("\\active", q) && !this.#isLetterAt(q + 7)) {
      value = Cat.Active;
      q += 7;
    } else {
      [value, q] = this.#readNumber(q, 10);
    }
    if (value < 0 || value > 15 || char >= 128) return q;
    this.#pendingCatPos = q;
    this.#pendingCatChar = char;
    this.#pendingCatValue = value;
    return q;
  }

  #isLetterAt(p: number): boolean {
    return p < this.#len && this.#catOf(this.#text.charCodeAt(p)) === Cat.Letter;
  }

  // ---- definitions of verbatim environments -------------------------------------------------

  /** The name in `{name}` after optional spaces, a `*` and an `[option]` at `p`, or `""`. */
  #definedName(p: number): string {
    const t = this.#text;
    let q = this.#skipSpaces(p);
    if (q < this.#len && t.charCodeAt(q) === CH_STAR) q = this.#skipSpaces(q + 1);
    const bracket = this.#bracketEnd(q);
    if (bracket >= 0) q = this.#skipSpaces(bracket + 1);
    const close = this.#simpleGroupEnd(q);
    return close < 0 ? "" : t.slice(q + 1, close);
  }

  #newEnvironment(p: number): void {
    const t = this.#text;
    let q = this.#skipSpaces(p);
    if (q < this.#len && t.charCodeAt(q) === CH_STAR) q = this.#skipSpaces(q + 1);
    const close = this.#simpleGroupEnd(q);
    if (close < 0) return;
    this.#defName = t.slice(q + 1, close);
    this.#defDepth = this.#depth;
    this.#defStage = 0;
    this.#defArmPos = close;
  }

  #newVerbatimEnvironment(p: number): void {
    const name = this.#definedName(p);
    if (name !== "") this.#defineVerbatim(name);
  }

  #newMinted(p: number): void {
    const t = this.#text;
    const q = this.#skipSpaces(p);
    const bracket = this.#bracketEnd(q);
    if (bracket >= 0) {
      if (bracket > q + 1) this.#defineVerbatim(t.slice(q + 1, bracket));
      return;
    }
    const close = this.#simpleGroupEnd(q);
    if (close >= 0) this.#defineVerbatim(t.slice(q + 1, close) + "code");
  }

  #defineVerbatim(name: string): void {
    if (this.#isVerbatimEnv(name) || this.#verbEnvs.length >= MAX_DEFINED_VERBATIM) return;
    const next = [...this.#verbEnvs, name].sort();
    this.#verbEnvs = Object.freeze(next);
  }
}

/** The token kind of a character of each catcode, for the single-character cases. */
const CAT_KIND: readonly number[] = [
  K.ControlSymbol, // 0 escape (handled apart)
  K.BeginGroup, // 1
  K.EndGroup, // 2
  K.MathShift, // 3
  K.Alignment, // 4
  K.Space, // 5 end of line
  K.Parameter, // 6
  K.Superscript, // 7
  K.Subscript, // 8
  K.Ignored, // 9
  K.Space, // 10
  K.Text, // 11
  K.Text, // 12
  K.Active, // 13
  K.Comment, // 14
  K.Invalid, // 15
];
