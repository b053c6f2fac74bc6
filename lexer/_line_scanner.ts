/**
 * The line scanner: `(line text, start state, output buffer) -> end state`. It knows nothing of
 * documents or of long lines: the batch lexer, the incremental driver and `lexLine` own the
 * per-line states and the buffers and call it. A line's tokens depend only on its text, its
 * start state and the scanner's fixed configuration, which is what makes checkpointing at line
 * starts sound.
 *
 * Intra-line checkpoints are opt-in: a caller that passes a {@linkcode ScanWatcher} is called
 * back at the positions it asks for, at token boundaries, and may take a
 * {@linkcode ScanSnapshot} there, compare one, or stop the scan (`_long_line.ts` does).
 *
 * @module
 */

import { Cat } from "./catcodes.ts";
import { ARGUMENTLESS_VERBATIM, Command, commandNameAt, COMMANDS } from "./environments.ts";
import { Mode } from "./mode.ts";
import { EXPL_OFF, EXPL_ON, type LexConfig, withCatcode } from "./options.ts";
import { ARG_BITS, type LexState, MAX_DEPTH, MAX_FRAMES } from "./state.ts";
import type { StateTable } from "./_state_table.ts";
import { K, MATH_BIT, MAX_TOKEN_LENGTH, packToken } from "./token_kind.ts";
import type { TokenBuffer } from "./_token_buffer.ts";
import { EMPTY_LIST, WorkState } from "./_state_record.ts";
import {
  balancedEnd,
  BracketEnds,
  catcodeAssignment,
  definedName,
  hatChar,
  mintedName,
  newEnvironmentName,
  simpleGroupEnd,
  skipSpaces,
  stoppedAt,
} from "./_tex_args.ts";
import { SCANNER } from "./_tunables.ts";
import {
  MAX_SHORT_VERB,
  SHORT_VERB_COMMANDS,
  shortVerbArgument,
  shortVerbOldCat,
  withoutShortVerb,
  withShortVerb,
} from "./_short_verb.ts";
import {
  decodeSaved,
  encodeSaved,
  firstAtLevel,
  FrameKind,
  MAX_SAVED_FRAMES,
  popFrom,
  saveChange,
  type SavedFrame,
  topLevel,
  topOfKind,
} from "./_group_catcodes.ts";
import { continuedOptionsEnd } from "./_verbatim_options.ts";
import { DocLine, docLineLooked, MACROCODE_ENVIRONMENTS } from "./_doctex.ts";
import { afterGroup, afterName, DEFINITIONS, isBody, wantsName } from "./_definitions.ts";

const CH_STAR = 0x2a; // *
const CH_LBRACKET = 0x5b; // [
const CH_RBRACKET = 0x5d; // ]
const CH_LBRACE = 0x7b; // {
const CH_LPAREN = 0x28; // (
const CH_RPAREN = 0x29; // )
const CH_1 = 0x31; // 1
const CH_9 = 0x39; // 9

/** What the scanner is at a token boundary inside a line, besides the position. */
export interface ScanSnapshot {
  /** The lexer state there. */
  readonly state: LexState;
  /** Its catcode table (shared: never changed in place once snapshot). */
  readonly cat: Uint8Array;
  /** The furthest index the scanner had read when it got there. */
  readonly horizon: number;
  /** Whether a `{` here would open a `\text` argument in math (or `\ensuremath`'s in text). */
  readonly pendingText: boolean;
  /** Whether that argument is `\ensuremath`'s. */
  readonly pendingMath: boolean;
  /** `defArmPos - pos`, or -1 when it is behind. */
  readonly defArm: number;
  /** `pendingCatPos - pos`, or -1 when none is pending. */
  readonly pendingCat: number;
  /** The character of the pending catcode assignment. */
  readonly pendingCatChar: number;
  /** Its new catcode. */
  readonly pendingCatValue: number;
}

/** Called back by the scan loop at the positions it asks for. */
export interface ScanWatcher {
  /**
   * The scan reached `pos`, a token boundary at or after the last position asked for.
   *
   * @param pos The position.
   * @param scanner The scanner, for {@linkcode LineScanner.snapshot} and
   *   {@linkcode LineScanner.matches}.
   * @param tokens How many tokens the scanner has written to its buffer so far.
   * @returns The next position to be called at, or -1 to stop the scan here.
   */
  reached(pos: number, scanner: LineScanner, tokens: number): number;
}

/** Options of {@linkcode LineScanner.scan}. */
export interface ScanOptions {
  /**
   * Who is called back inside the line, for intra-line checkpoints.
   *
   * @default {undefined}
   */
  watcher?: ScanWatcher;
  /**
   * The first position the watcher is called at.
   *
   * @default {Infinity}
   */
  watchFrom?: number;
  /**
   * Resume from this snapshot, taken at `resumeAt` in the same line with the same start state,
   * instead of from the line start.
   *
   * @default {undefined}
   */
  resume?: ScanSnapshot;
  /**
   * Where `resume` was taken.
   *
   * @default {0}
   */
  resumeAt?: number;
}

/** What {@linkcode LineScanner.scan} returns when a watcher stopped it. */
export const STOPPED = -1;

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

/** How an inline verbatim command takes its argument. */
interface InlineVerbatim {
  /** Whether a `*` may come first (`\verb*`). */
  readonly star: boolean;
  /** Whether `[options]` may come first. */
  readonly options: boolean;
  /** Whether a `{language}` comes before the argument (`\mintinline`). */
  readonly language: boolean;
  /** Whether the argument may be delimited by any character (else only braced). */
  readonly delimited: boolean;
  /** Whether it may be braced. */
  readonly braced: boolean;
}

const VERB: InlineVerbatim = {
  star: true,
  options: false,
  language: false,
  delimited: true,
  braced: false,
};
const VERB_UPPER: InlineVerbatim = { ...VERB, options: true }; // fancyvrb's \Verb[opts]|..|
const LSTINLINE: InlineVerbatim = {
  star: false,
  options: true,
  language: false,
  delimited: true,
  braced: true,
};
const MINTINLINE: InlineVerbatim = { ...LSTINLINE, language: true };
const URL: InlineVerbatim = { ...LSTINLINE, options: false, delimited: false };

/**
 * Scans lines one at a time. One instance serves one state table and one configuration.
 */
export class LineScanner {
  readonly #config: LexConfig;
  readonly #table: StateTable;
  /** The working state, loaded from the start state and interned at the end of the line. */
  readonly #s = new WorkState();
  #cat: Uint8Array;
  #catShared = true;
  readonly #recent: number[] = [];
  #recentNext = 0;
  readonly #brackets = new BracketEnds();
  /** The id of the state the working state holds exactly, or -1 (during and after a stopped scan). */
  #holds = -1;

  // Transient, within one line.
  #out!: TokenBuffer;
  #text = "";
  #len = 0;
  #clen = 1;
  #pendingText = false;
  /** With `#pendingText`: the pending group is `\ensuremath`'s, which switches to math. */
  #pendingMath = false;
  #defArmPos = -1;
  #pendingCatPos = -1;
  #pendingCatChar = 0;
  #pendingCatValue = 0;
  #horizon = 0;
  /** The next position where the scan loop calls the watcher. */
  #watch = Infinity;
  /**
   * `min(#watch, #pendingCatPos)` (when one is pending): the scan loop checks this one position
   * per token instead of both.
   */
  #event = Infinity;
  #watcher: ScanWatcher | undefined = undefined;
  #stopped = false;
  /**
   * The last state record a snapshot took (or the line's start state): the next snapshot shares
   * it when the state has not changed since, instead of freezing an equal copy.
   */
  #frozen: LexState | undefined = undefined;

  /**
   * Makes a line scanner.
   *
   * @param config The lexer configuration.
   * @param table The table the states are interned in.
   */
  constructor(config: LexConfig, table: StateTable) {
    this.#config = config;
    this.#table = table;
    this.#cat = table.catcodes(0);
  }

  /** The table the scanner interns states in. */
  get table(): StateTable {
    return this.#table;
  }

  /**
   * Lexes one line (its text without the line ending), appending its tokens to `out`.
   *
   * @param text The line.
   * @param startId The id of the state at the line start.
   * @param out Where the tokens go (from `out.count` on).
   * @param options A watcher for intra-line checkpoints, and a snapshot to resume from.
   * @returns The id of the state at the line end, or {@linkcode STOPPED} when the watcher
   *   stopped the scan.
   */
  scan(text: string, startId: number, out: TokenBuffer, options?: ScanOptions): number {
    const s = this.#table.state(startId);
    // A line mostly starts in the state the previous one ended in, which the working state still
    // holds (with the table's own lists): then there is nothing to load.
    if (startId !== this.#holds || options?.resume !== undefined) this.#s.load(s);
    this.#holds = -1;
    this.#frozen = s;
    this.#cat = this.#table.catcodes(startId);
    this.#catShared = true;
    this.#out = out;
    this.#text = text;
    this.#len = text.length;
    this.#brackets.reset(text);
    this.#pendingText = false;
    this.#defArmPos = -1;
    this.#pendingCatPos = -1;
    this.#horizon = 0;
    this.#stopped = false;
    this.#watcher = options?.watcher;
    this.#watch = this.#watcher === undefined ? Infinity : options?.watchFrom ?? Infinity;
    this.#nextEvent();
    let pos = 0;
    const resume = options?.resume;
    if (resume !== undefined) {
      pos = options?.resumeAt ?? 0;
      this.#restore(resume, pos);
    } else if (this.#config.docTeX) {
      pos = this.#docLineStart();
    } else if (this.#s.mode === Mode.Verbatim) {
      pos = this.#s.verbOpts ? this.#continuedOptions() : this.#verbatimBody(0);
    } else if (this.#isBlank(0)) {
      this.#paragraphEnd();
    }
    if (pos < this.#len) this.#scan(pos);
    this.#watcher = undefined;
    if (this.#stopped) return STOPPED;
    if (this.#pendingCatPos >= 0) this.#applyPendingCat();
    this.#holds = this.#finish(s, startId);
    return this.#holds;
  }

  /**
   * The scanner's state at `pos`, for a watcher to keep.
   *
   * @param pos The position the watcher was called at.
   * @returns The snapshot.
   */
  snapshot(pos: number): ScanSnapshot {
    // The snapshot shares the catcode table: later changes in this line must copy it first.
    this.#catShared = true;
    let state = this.#frozen;
    if (state === undefined || !this.#s.sameAs(state)) state = this.#frozen = this.#s.freeze();
    return {
      state,
      cat: this.#cat,
      horizon: Math.max(this.#horizon, pos + SCANNER.SNAPSHOT_READ_AHEAD),
      pendingText: this.#pendingText,
      pendingMath: this.#pendingMath,
      defArm: this.#defArmPos >= pos ? this.#defArmPos - pos : -1,
      pendingCat: this.#pendingCatPos >= pos ? this.#pendingCatPos - pos : -1,
      pendingCatChar: this.#pendingCatChar,
      pendingCatValue: this.#pendingCatValue,
    };
  }

  /**
   * Whether the scanner at `pos` is exactly as a snapshot was at its position.
   *
   * @param c The snapshot.
   * @param pos The position the watcher was called at.
   * @returns Whether the rest of the line would lex as it did after the snapshot.
   */
  matches(c: ScanSnapshot, pos: number): boolean {
    const defArm = this.#defArmPos >= pos ? this.#defArmPos - pos : -1;
    const pendingCat = this.#pendingCatPos >= pos ? this.#pendingCatPos - pos : -1;
    return this.#s.sameAs(c.state) && this.#pendingText === c.pendingText &&
      (!this.#pendingText || this.#pendingMath === c.pendingMath) &&
      defArm === c.defArm && pendingCat === c.pendingCat &&
      (pendingCat < 0 ||
        (this.#pendingCatChar === c.pendingCatChar &&
          this.#pendingCatValue === c.pendingCatValue));
  }

  #restore(c: ScanSnapshot, pos: number): void {
    this.#s.load(c.state);
    this.#frozen = c.state;
    this.#cat = c.cat;
    this.#catShared = true;
    this.#pendingText = c.pendingText;
    this.#pendingMath = c.pendingMath;
    this.#defArmPos = c.defArm >= 0 ? pos + c.defArm : -1;
    this.#pendingCatPos = c.pendingCat >= 0 ? pos + c.pendingCat : -1;
    this.#nextEvent();
    this.#pendingCatChar = c.pendingCatChar;
    this.#pendingCatValue = c.pendingCatValue;
    this.#horizon = c.horizon;
  }

  #finish(s: LexState, startId: number): number {
    const w = this.#s;
    if (w.sameAs(s)) return startId;
    // Lines mostly move between a handful of states: look at the last few ends first, which
    // saves hashing it.
    const recent = this.#recent;
    for (let i = 0; i < recent.length; i++) {
      const id = recent[i]!;
      if (w.sameAs(this.#table.state(id))) return id;
    }
    // The table copies what it keeps, so the working state itself is looked up: no record is
    // made for an end state the table already holds.
    const id = this.#table.intern(w, startId);
    // The table's record may hold equal lists that are other arrays: take its own, so that the
    // next line compares with its start state by identity.
    w.load(this.#table.state(id));
    recent[this.#recentNext] = id;
    this.#recentNext = (this.#recentNext + 1) % SCANNER.RECENT_STATES;
    return id;
  }

  // ---- output -------------------------------------------------------------------------------

  #emit(kind: number, from: number, to: number, math: boolean): void {
    const n = to - from;
    if (n > 0 && n <= MAX_TOKEN_LENGTH) {
      // The common case, kept small so that it inlines.
      const out = this.#out;
      const count = out.count;
      if (count === out.words.length) out.grow();
      out.words[count] = packToken(kind, n, math);
      out.count = count + 1;
    } else if (n > 0) this.#emitSplit(kind, n, math);
  }

  /** A run longer than one token holds, as several tokens. */
  #emitSplit(kind: number, n: number, math: boolean): void {
    const out = this.#out;
    while (n > 0) {
      const part = n > MAX_TOKEN_LENGTH ? MAX_TOKEN_LENGTH : n;
      if (out.count === out.words.length) out.grow();
      out.words[out.count++] = packToken(kind, part, math);
      n -= part;
    }
  }

  /** Sets the math flag of the last token emitted. */
  #markLastMath(): void {
    const out = this.#out;
    if (out.count > 0) out.words[out.count - 1] = out.words[out.count - 1]! | MATH_BIT;
  }

  #inMath(): boolean {
    const m = this.#s.mode;
    return m >= Mode.InlineMath && m <= Mode.EnvMath; // isMathMode(), inlined by hand
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
   * Reads TeX's `^^` notation at `p` (whose character has catcode 7). Returns the character
   * code meant, with its source length in `#clen`, or -1 when there is none.
   */
  #hat(p: number): number {
    this.#reach(p + 3);
    const h = hatChar(this.#text, p);
    if (h < 0) return -1;
    this.#clen = h >> 8;
    return h & 0xff;
  }

  /** Notes that the scan read the text at index `i`, ahead of where it has lexed. */
  #reach(i: number): void {
    if (i > this.#horizon) this.#horizon = i;
  }

  /** Notes how far a search read: its result, or where it stopped. */
  #reached(r: number): number {
    this.#reach(r >= 0 ? r : stoppedAt(r));
    return r;
  }

  #isBlank(from: number): boolean {
    const t = this.#text;
    for (let i = from; i < this.#len; i++) {
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
    const q = skipSpaces(this.#text, p, this.#cat);
    this.#reach(q);
    return q;
  }

  /** The end of a `{name}` at `p` with no nested braces or escapes: the `}`'s index, or -1. */
  #simpleGroupEnd(p: number): number {
    return Math.max(-1, this.#reached(simpleGroupEnd(this.#text, p, this.#cat)));
  }

  /** The index of the `}` matching a literal `{` at `p`, counting literal braces, or -1. */
  #balancedEnd(p: number): number {
    return Math.max(-1, this.#reached(balancedEnd(this.#text, p)));
  }

  /** The index of the `]` closing a `[` at `p` (braces protect), or -1. */
  #bracketEnd(p: number): number {
    return Math.max(-1, this.#reached(this.#brackets.end(p)));
  }

  // ---- the scan loop ------------------------------------------------------------------------

  #nextEvent(): void {
    this.#event = this.#pendingCatPos >= 0 && this.#pendingCatPos < this.#watch
      ? this.#pendingCatPos
      : this.#watch;
  }

  /** At a watched position: calls the watcher; true when it stops the scan. */
  #onWatch(pos: number): boolean {
    const next = this.#watcher!.reached(pos, this, this.#out.count);
    if (next < 0) {
      this.#stopped = true;
      return true;
    }
    this.#watch = next;
    this.#nextEvent();
    return false;
  }

  #scan(start: number): void {
    const t = this.#text;
    const len = this.#len;
    let pos = start;
    while (pos < len) {
      if (pos >= this.#event) {
        if (this.#pendingCatPos >= 0 && pos >= this.#pendingCatPos) this.#applyPendingCat();
        if (pos >= this.#watch && this.#onWatch(pos)) return;
      }
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
          const table = this.#cat;
          let p = pos + clen;
          // The run's last character in the source, kept as the loop reads it rather than read
          // again: a run ending in `]` or `*` lets a `{` after it open an argument.
          let last = clen === 1 ? c : t.charCodeAt(p - 1);
          while (p < limit) {
            const d = t.charCodeAt(p);
            if (d >= 128 || table[d] === Cat.Letter || table[d] === Cat.Other) {
              last = d;
              p++;
              continue;
            }
            if (table[d] === Cat.Superscript) {
              const h = this.#hat(p);
              if (h >= 0 && this.#isTextCat(this.#catOf(h))) {
                p += this.#clen;
                last = t.charCodeAt(p - 1);
                continue;
              }
            }
            break;
          }
          this.#emit(K.Text, pos, p, this.#inMath());
          this.#s.afterArg = last === CH_RBRACKET || last === CH_STAR;
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
          if (this.#s.bodyPend !== 0) this.#definitionName();
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
          this.#s.afterArg = true;
          this.#pendingText = false;
          pos = p;
          break;
        }
        default:
          if (cat === Cat.Active && this.#s.shortVerb !== "" && this.#isShortVerb(c, clen)) {
            pos = this.#shortVerbatim(pos);
            break;
          }
          // Alignment, superscript, subscript, active: one character each.
          this.#emit(CAT_KIND[cat]!, pos, pos + clen, this.#inMath());
          this.#s.afterArg = false;
          this.#pendingText = false;
          pos += clen;
      }
    }
  }

  // ---- groups, math shifts, paragraphs ------------------------------------------------------

  #openGroup(pos: number): void {
    if (this.#s.depth < MAX_DEPTH) {
      let body = false;
      if (this.#s.bodyPend !== 0 && this.#s.depth === this.#s.bodyDepth) {
        body = isBody(this.#s.bodyPend);
        this.#s.bodyPend = afterGroup(this.#s.bodyPend);
        if (this.#s.bodyPend === 0) this.#s.bodyDepth = 0;
      }
      if ((this.#pendingText || body) && this.#s.frames.length < MAX_FRAMES) {
        // A mode frame: the mode to go back to when this group closes.
        this.#s.frames = Object.freeze([
          ...this.#s.frames,
          Object.freeze({ mode: this.#s.mode, env: this.#s.env, depth: this.#s.depth }),
        ]);
        if (!body) {
          this.#s.mode = this.#pendingMath ? Mode.InlineMath : Mode.Text;
          this.#s.env = "";
        }
      }
      if ((this.#s.afterArg || body) && this.#s.depth < ARG_BITS) {
        this.#s.argBits |= 1 << this.#s.depth;
      }
      this.#s.depth++;
      if (
        this.#s.defName !== "" && this.#s.defStage === 0 &&
        this.#s.depth === this.#s.defDepth + 1 &&
        pos > this.#defArmPos
      ) this.#s.defStage = 1;
    }
    this.#s.afterArg = false;
    this.#pendingText = false;
  }

  #closeGroup(): void {
    if (this.#s.depth > 0) {
      if (this.#s.saved !== "" && topLevel(this.#s.saved) >= this.#s.depth) {
        this.#closeSaved(this.#s.depth);
      }
      this.#s.depth--;
      if (this.#s.depth < ARG_BITS) this.#s.argBits &= ~(1 << this.#s.depth);
      const n = this.#s.frames.length;
      if (n > 0 && this.#s.frames[n - 1]!.depth === this.#s.depth) {
        const f = this.#s.frames[n - 1]!;
        this.#s.mode = f.mode;
        this.#s.env = f.env;
        this.#s.frames = n === 1 ? EMPTY_LIST : Object.freeze(this.#s.frames.slice(0, n - 1));
      }
      if (this.#s.defName !== "" && this.#s.defStage === 1 && this.#s.depth === this.#s.defDepth) {
        this.#clearDefinition();
      }
      if (this.#s.bodyPend !== 0 && this.#s.depth < this.#s.bodyDepth) this.#clearBodyPend();
    }
    this.#s.afterArg = true;
    this.#pendingText = false;
  }

  #clearDefinition(): void {
    this.#s.defName = "";
    this.#s.defDepth = 0;
    this.#s.defStage = 0;
  }

  #clearBodyPend(): void {
    this.#s.bodyPend = 0;
    this.#s.bodyDepth = 0;
  }

  /** A definition command: its body groups are to come at this depth. */
  #pendDefinition(name: string): void {
    this.#s.bodyPend = DEFINITIONS.get(name) ?? 0;
    this.#s.bodyDepth = this.#s.bodyPend === 0 ? 0 : this.#s.depth;
  }

  /** Before a control sequence: it is the pending definition's name when one is wanted. */
  #definitionName(): void {
    if (wantsName(this.#s.bodyPend) && this.#s.depth === this.#s.bodyDepth) {
      this.#s.bodyPend = afterName(this.#s.bodyPend);
      if (this.#s.bodyPend === 0) this.#s.bodyDepth = 0;
    }
  }

  /** A blank line or a recovery point: math, groups and pending definitions left open end. */
  #paragraphEnd(): void {
    // The paragraph rule for saved catcodes: every open brace group closes as its `}` would.
    if (this.#s.saved !== "" && topLevel(this.#s.saved) >= 1) this.#closeSaved(1);
    this.#s.mode = Mode.Text;
    this.#s.env = "";
    this.#s.depth = 0;
    this.#s.argBits = 0;
    this.#s.frames = EMPTY_LIST;
    this.#clearDefinition();
    this.#clearBodyPend();
    this.#s.verbOpts = false;
    this.#s.afterArg = false;
    this.#pendingText = false;
  }

  #mathShift(pos: number, clen: number): number {
    const t = this.#text;
    const double = clen === 1 && pos + 1 < this.#len &&
      this.#catOf(t.charCodeAt(pos + 1)) === Cat.MathShift;
    let end = pos + clen;
    switch (this.#s.mode) {
      case Mode.Text:
        if (double) end++;
        this.#s.mode = double ? Mode.DisplayMath : Mode.InlineMath;
        break;
      case Mode.InlineMath:
      case Mode.ParenMath:
        this.#s.mode = Mode.Text;
        break;
      case Mode.DisplayMath:
      case Mode.BracketMath:
        if (double) end++;
        this.#s.mode = Mode.Text;
        break;
      default:
        // Inside a math environment a `$` is an error in LaTeX; it changes nothing here.
    }
    this.#emit(K.MathShift, pos, end, true);
    this.#s.afterArg = false;
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
      this.#s.afterArg = false;
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
    const name = plain ? commandNameAt(t, p, q) : this.#decodeName(p, q);
    if (name === "") {
      // Not one of the commands the lexer acts on.
      this.#emit(K.ControlWord, start, q, this.#inMath());
      this.#s.afterArg = true;
      return q;
    }
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
    const mode = this.#s.mode;
    let math = this.#inMath();
    if (c === CH_LPAREN && mode === Mode.Text) {
      this.#s.mode = Mode.ParenMath;
      math = true;
    } else if (c === CH_LBRACKET && mode === Mode.Text) {
      this.#s.mode = Mode.BracketMath;
      math = true;
    } else if (c === CH_RPAREN && (mode === Mode.ParenMath || mode === Mode.InlineMath)) {
      this.#s.mode = Mode.Text;
    } else if (c === CH_RBRACKET && (mode === Mode.BracketMath || mode === Mode.DisplayMath)) {
      this.#s.mode = Mode.Text;
    }
    this.#emit(K.ControlSymbol, start, end, math);
    this.#s.afterArg = false;
  }

  #controlWord(start: number, end: number, name: string): number {
    const cmd = COMMANDS.get(name) ?? Command.None;
    if (cmd === Command.Sectioning) this.#paragraphEnd();
    this.#emit(K.ControlWord, start, end, this.#inMath());
    this.#s.afterArg = true;
    switch (cmd) {
      case Command.None:
      case Command.Sectioning:
        return end;
      case Command.Begin:
        return this.#environment(end, true);
      case Command.End:
        return this.#environment(end, false);
      case Command.Verb:
        return this.#inlineVerbatim(end, name === "Verb" ? VERB_UPPER : VERB);
      case Command.LstInline:
        return this.#inlineVerbatim(end, LSTINLINE);
      case Command.MintInline:
        return this.#inlineVerbatim(end, MINTINLINE);
      case Command.Url:
        return this.#inlineVerbatim(end, URL);
      case Command.MakeAtLetter:
        this.#setCatcode(0x40, Cat.Letter);
        return end;
      case Command.MakeAtOther:
        this.#setCatcode(0x40, Cat.Other);
        return end;
      case Command.ExplOn:
        this.#explOn();
        return end;
      case Command.ExplOff:
        this.#explOff();
        return end;
      case Command.BeginGroup:
        this.#beginSemiGroup();
        return end;
      case Command.EndGroup:
        this.#endSemiGroup();
        return end;
      case Command.Catcode:
        this.#catcodeAssignment(end);
        return end;
      case Command.NewEnvironment:
        this.#newEnvironment(end);
        this.#pendDefinition(name);
        return end;
      case Command.Definition:
        this.#pendDefinition(name);
        return end;
      case Command.EnsureMath:
        if (!this.#inMath()) {
          this.#pendingText = true;
          this.#pendingMath = true;
        }
        return end;
      case Command.NewVerbatimEnvironment:
        this.#newVerbatimEnvironment(end);
        return end;
      case Command.NewMinted:
        this.#newMinted(end);
        return end;
      case Command.VerbatimMarker:
        if (this.#s.defName !== "" && this.#s.defStage === 1) this.#defineVerbatim(this.#s.defName);
        return end;
      case Command.ShortVerb:
        return this.#shortVerbCommand(end, name);
      case Command.TextSwitch:
        if (this.#inMath()) {
          this.#pendingText = true;
          this.#pendingMath = false;
        }
        return end;
    }
  }

  // ---- environments -------------------------------------------------------------------------

  #isVerbatimEnv(name: string): boolean {
    return this.#config.verbatimEnvs.has(name) || this.#s.verbatimEnvs.includes(name);
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
        if (this.#s.defName !== "" && this.#s.defStage === 1) this.#defineVerbatim(this.#s.defName);
        if (this.#s.mode === Mode.Text && this.#s.argBits === 0) action = 1;
      } else if (mathEnvs.has(name)) {
        if (this.#s.argBits === 0) action = 2;
      } else if (name === "document") action = 4;
    } else if (this.#s.mode === Mode.EnvMath && mathEnvs.has(name)) action = 3;
    else if (name === "document") action = 4;

    if (this.#config.docTeX && MACROCODE_ENVIRONMENTS.has(name)) {
      // Code begins or ends: a recovery point.
      action = 4;
      this.#s.macrocode = begin;
    }
    if (action === 4) this.#paragraphEnd();
    const math = action === 2 || action === 3 || (action !== 4 && this.#inMath());
    if (math) this.#markLastMath();
    this.#emit(K.Space, p, open, math);
    this.#emit(K.BeginGroup, open, open + 1, math);
    this.#emitInert(open + 1, close, math);
    this.#emit(K.EndGroup, close, close + 1, math);
    this.#s.afterArg = true;
    let end = close + 1;
    switch (action) {
      case 1:
        this.#s.mode = Mode.Verbatim;
        this.#s.env = name;
        if (!ARGUMENTLESS_VERBATIM.has(name)) end = this.#verbatimArguments(end);
        return this.#verbatimBody(end);
      case 2:
        this.#s.mode = Mode.EnvMath;
        this.#s.env = name;
        break;
      case 3:
        this.#s.mode = Mode.Text;
        this.#s.env = "";
        break;
    }
    return end;
  }

  /**
   * A line of a verbatim environment whose `[options]` are still open: options up to the `]`
   * that closes them, then arguments and body. A blank line ends them (the paragraph rule).
   */
  #continuedOptions(): number {
    if (this.#isBlank(0)) {
      this.#s.verbOpts = false;
      return this.#verbatimBody(0);
    }
    const close = continuedOptionsEnd(this.#text);
    this.#reach(close < 0 ? this.#len : close);
    if (close < 0) {
      this.#emitInert(0, this.#len, false);
      return this.#len;
    }
    this.#emitInert(0, close + 1, false);
    this.#s.verbOpts = false;
    return this.#verbatimBody(this.#verbatimArguments(close + 1));
  }

  /**
   * DocTeX mode, at a line start: a guard line is one comment; a documentation line's `%` is a
   * prefix token and the rest is lexed as LaTeX (a blank rest is a paragraph end, as
   * `\DocInput` reads it); code is lexed as it is. Returns where the scan goes on.
   */
  #docLineStart(): number {
    const d = docLineLooked(this.#text, this.#s.macrocode);
    this.#reach(Math.min(this.#len, d >> 2));
    const kind = d & 3;
    let from = 0;
    if (kind === DocLine.Guard) {
      this.#emit(K.Comment, 0, this.#len, false);
      return this.#len;
    }
    if (kind === DocLine.MacrocodeEnd) {
      // The end of the code is a recovery point; `\end{macrocode}` itself is lexed next.
      this.#paragraphEnd();
      this.#emit(K.DocPrefix, 0, 1, false);
      return 1;
    }
    if (kind === DocLine.Doc) {
      this.#emit(K.DocPrefix, 0, 1, false);
      from = 1;
    }
    if (this.#s.mode === Mode.Verbatim) {
      return this.#s.verbOpts && from === 0 ? this.#continuedOptions() : this.#verbatimBody(from);
    }
    if (this.#isBlank(from)) this.#paragraphEnd();
    return from;
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
      if (close < 0 && c === CH_LBRACKET) {
        // Options that go on to the next line.
        this.#emitInert(p, this.#len, false);
        this.#s.verbOpts = true;
        return this.#len;
      }
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
    const closer = "\\end{" + this.#s.env + "}";
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
    this.#s.mode = Mode.Text;
    this.#s.env = "";
    this.#s.afterArg = true;
    // The environment has ended: options still open (a DocTeX `%` line goes on verbatim, not
    // with the options) end with it.
    this.#s.verbOpts = false;
    return at + closer.length;
  }

  // ---- inline verbatim ----------------------------------------------------------------------

  /**
   * `\verb|..|` and its kin after the command at `p`: an optional `*`, optional `[options]`, for
   * `\mintinline` a `{language}`, then the argument, delimited by any character or braced.
   */
  #inlineVerbatim(p: number, form: InlineVerbatim): number {
    const t = this.#text;
    const len = this.#len;
    const math = this.#inMath();
    if (form.star && p < len && t.charCodeAt(p) === CH_STAR) {
      this.#emit(K.Text, p, p + 1, math);
      p++;
    }
    if (form.braced) {
      const q = this.#skipSpaces(p);
      this.#emit(K.Space, p, q, math);
      p = q;
    }
    if (form.options) {
      const close = this.#bracketEnd(p);
      if (close >= 0) {
        this.#emitInert(p, close + 1, math);
        p = close + 1;
      }
    }
    if (form.language) {
      const close = this.#simpleGroupEnd(p);
      if (close < 0) return p;
      this.#emitInert(p, close + 1, math);
      p = close + 1;
    }
    if (p >= len) return p;
    const d = t.charCodeAt(p);
    if (d === CH_LBRACE && form.braced) {
      const close = this.#balancedEnd(p);
      if (close < 0) {
        this.#emit(K.Verbatim, p, len, math);
        this.#s.afterArg = false;
        return len;
      }
      this.#emit(K.BeginGroup, p, p + 1, math);
      this.#emit(K.Verbatim, p + 1, close, math);
      this.#emit(K.EndGroup, close, close + 1, math);
      this.#s.afterArg = true;
      return close + 1;
    }
    if (!form.delimited) return p;
    const close = t.indexOf(String.fromCharCode(d), p + 1);
    const end = close < 0 ? len : close + 1;
    this.#emit(K.Verbatim, p, end, math);
    this.#s.afterArg = false;
    return end;
  }

  // ---- short verbatim ----------------------------------------------------------------------

  #isShortVerb(c: number, clen: number): boolean {
    return clen === 1 && shortVerbOldCat(this.#s.shortVerb, c) >= 0;
  }

  /** `|...|` after `\MakeShortVerb{\|}`: verbatim up to the next `|` of the line, or its end. */
  #shortVerbatim(p: number): number {
    const close = this.#text.indexOf(this.#text[p]!, p + 1);
    const end = close < 0 ? this.#len : close + 1;
    this.#reach(end);
    this.#emit(K.Verbatim, p, end, this.#inMath());
    this.#s.afterArg = false;
    this.#pendingText = false;
    return end;
  }

  /** After a short-verbatim command at `p`: its argument, inert, then the change. */
  #shortVerbCommand(p: number, name: string): number {
    const form = SHORT_VERB_COMMANDS.get(name)!;
    const a = shortVerbArgument(this.#text, p, {
      cat: this.#cat,
      brackets: this.#brackets,
      bare: form.bare,
    });
    this.#reach(a.looked);
    if (a.char < 0) return p;
    this.#emitInert(p, a.end, this.#inMath());
    // Like catcode commands, not run inside a macro argument or definition body.
    if (this.#s.argBits !== 0) return a.end;
    const old = shortVerbOldCat(this.#s.shortVerb, a.char);
    if (form.make && old < 0 && this.#s.shortVerb.length < 2 * MAX_SHORT_VERB) {
      this.#s.shortVerb = withShortVerb(this.#s.shortVerb, a.char, this.#catOf(a.char));
      this.#setCatcode(a.char, Cat.Active);
    } else if (!form.make && old >= 0) {
      this.#s.shortVerb = withoutShortVerb(this.#s.shortVerb, a.char);
      this.#setCatcode(a.char, old);
    }
    return a.end;
  }

  // ---- catcodes -----------------------------------------------------------------------------

  #setCatcode(char: number, cat: number): void {
    // Commands inside a macro argument or definition are not run by TeX when they are read.
    if (this.#s.argBits !== 0) return;
    const old = this.#catOf(char);
    if (old === cat) return;
    const frames = this.#s.saved === "" ? [] : decodeSaved(this.#s.saved);
    if (saveChange(frames, { depth: this.#s.depth, char, oldCat: old })) {
      this.#s.saved = encodeSaved(frames);
    }
    this.#writeCatcode(char, cat);
  }

  /** Sets a catcode, saving nothing (group ends restoring saved ones). */
  #writeCatcode(char: number, cat: number): void {
    const next = withCatcode(this.#s.catcodes, char, cat);
    if (next === this.#s.catcodes) return;
    this.#s.catcodes = next;
    if (this.#catShared) {
      this.#cat = this.#cat.slice();
      this.#catShared = false;
    }
    this.#cat[char] = cat;
  }

  /** Pops the saved frames of brace level `level` and up, restoring their catcodes. */
  #closeSaved(level: number): void {
    const frames = decodeSaved(this.#s.saved);
    this.#popSaved(frames, firstAtLevel(frames, level));
  }

  #popSaved(frames: SavedFrame[], from: number): void {
    const pairs = popFrom(frames, from);
    this.#s.saved = encodeSaved(frames);
    for (let i = 0; i < pairs.length; i += 2) this.#writeCatcode(pairs[i]!, pairs[i + 1]!);
  }

  #beginSemiGroup(): void {
    if (this.#s.argBits !== 0) return;
    const frames = decodeSaved(this.#s.saved);
    if (frames.length >= MAX_SAVED_FRAMES) return;
    frames.push({ kind: FrameKind.Semi, level: this.#s.depth, pairs: [] });
    this.#s.saved = encodeSaved(frames);
  }

  #endSemiGroup(): void {
    if (this.#s.argBits !== 0 || this.#s.saved === "") return;
    const frames = decodeSaved(this.#s.saved);
    const top = topOfKind(frames, FrameKind.Semi);
    // Only a `\begingroup` of this brace depth: brace groups stay self-contained.
    if (top >= 0 && frames[top]!.level === this.#s.depth) this.#popSaved(frames, top);
  }

  /** `\ExplSyntaxOn`: the expl3 catcodes, with the old ones kept for `\ExplSyntaxOff`. */
  #explOn(): void {
    if (this.#s.argBits !== 0) return;
    const known = this.#s.saved === "" ? [] : decodeSaved(this.#s.saved);
    if (topOfKind(known, FrameKind.Expl) >= 0) {
      // Already on (expl3 does nothing), or switched off inside a group: on again until its end.
      for (const [ch, k] of EXPL_ON) this.#setCatcode(ch, k);
      return;
    }
    const pairs: number[] = [];
    for (const [ch] of EXPL_ON) pairs.push(ch, this.#catOf(ch));
    for (const [ch, k] of EXPL_ON) this.#setCatcode(ch, k);
    const frames = this.#s.saved === "" ? [] : decodeSaved(this.#s.saved);
    if (frames.length >= MAX_SAVED_FRAMES) return;
    frames.push({ kind: FrameKind.Expl, level: this.#s.depth, pairs });
    this.#s.saved = encodeSaved(frames);
  }

  /** `\ExplSyntaxOff`: the catcodes `\ExplSyntaxOn` saved, or LaTeX's when none are. */
  #explOff(): void {
    if (this.#s.argBits !== 0) return;
    const frames = this.#s.saved === "" ? [] : decodeSaved(this.#s.saved);
    const top = topOfKind(frames, FrameKind.Expl);
    if (top < 0) {
      for (const [ch, k] of EXPL_OFF) this.#setCatcode(ch, k);
      return;
    }
    const pairs = frames[top]!.pairs;
    // Switched off inside a deeper group, expl3 is on again at its end: the frame stays.
    if (frames[top]!.level === this.#s.depth) {
      frames.splice(top, 1);
      this.#s.saved = encodeSaved(frames);
    }
    for (let i = 0; i < pairs.length; i += 2) this.#setCatcode(pairs[i]!, pairs[i + 1]!);
  }

  #applyPendingCat(): void {
    this.#pendingCatPos = -1;
    this.#nextEvent();
    this.#setCatcode(this.#pendingCatChar, this.#pendingCatValue);
  }

  /**
   * After `\catcode` at `p`: a literal assignment such as `` `\|=13 `` or `64=11` takes effect
   * right after its value; computed ones are ignored.
   */
  #catcodeAssignment(p: number): void {
    const a = catcodeAssignment(this.#text, p, this.#cat);
    // The parser's result may depend on a few characters past the last index it looked at.
    this.#reach(a.looked + SCANNER.CATCODE_READ_AHEAD);
    if (a.char < 0) return;
    this.#pendingCatPos = a.end;
    this.#nextEvent();
    this.#pendingCatChar = a.char;
    this.#pendingCatValue = a.value;
  }

  // ---- definitions of verbatim environments -------------------------------------------------

  #newEnvironment(p: number): void {
    const d = newEnvironmentName(this.#text, p, this.#cat);
    this.#reach(d.looked);
    if (d.close < 0) return;
    this.#s.defName = d.name;
    this.#s.defDepth = this.#s.depth;
    this.#s.defStage = 0;
    this.#defArmPos = d.close;
  }

  #newVerbatimEnvironment(p: number): void {
    const d = definedName(this.#text, p, this.#cat, this.#brackets);
    this.#reach(d.looked);
    if (d.name !== "") this.#defineVerbatim(d.name);
  }

  #newMinted(p: number): void {
    const d = mintedName(this.#text, p, this.#cat, this.#brackets);
    this.#reach(d.looked);
    if (d.name !== "") this.#defineVerbatim(d.name);
  }

  #defineVerbatim(name: string): void {
    if (this.#isVerbatimEnv(name) || this.#s.verbatimEnvs.length >= SCANNER.MAX_DEFINED_VERBATIM) {
      return;
    }
    const next = [...this.#s.verbatimEnvs, name].sort();
    this.#s.verbatimEnvs = Object.freeze(next);
  }
}
