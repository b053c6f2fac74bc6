/**
 * Long lines: a line of megabytes (generated files, minified bibliographies) keeps a snapshot of
 * the scanner every {@linkcode LongLineConfig.spacing} code units, so an edit inside it re-lexes
 * from the nearest snapshot before the edit and stops at the first later snapshot whose state it
 * reproduces. Its tokens are kept cut at the snapshots (segments), so an edit replaces a few
 * segments and shares the others.
 *
 * Only the incremental driver uses this layer; the batch lexer scans long lines like any other.
 *
 * @module
 */

import { type LineScanner, type ScanSnapshot, type ScanWatcher, STOPPED } from "./_line_scanner.ts";
import type { TokenBuffer } from "./_token_buffer.ts";
import type { LineText } from "./_line_text.ts";

/** When lines get intra-line checkpoints: part of each lexer's configuration. */
export interface LongLineConfig {
  /** Lines this long or longer get checkpoints. */
  readonly min: number;
  /** Code units between checkpoints. */
  readonly spacing: number;
}

/** A snapshot of the scanner at a token boundary inside a long line. */
export interface LineCheckpoint {
  /** Where in the line. */
  readonly pos: number;
  /** How many tokens the line has before `pos`. */
  readonly token: number;
  /** The furthest index the scanner had read when it got here: edits after it keep this valid. */
  readonly horizon: number;
  /** The scanner's state. */
  readonly snap: ScanSnapshot;
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

/** A long line's previous lexing, for {@linkcode LongLineLexer.relex}. */
export interface PreviousLine extends LongLine {
  /** The id of its end state. */
  readonly endId: number;
}

/** An edit inside one line: where it starts and ends in the old text, and the change in length. */
export interface LineEdit {
  /** Where it starts. */
  readonly from: number;
  /** Where it ends in the old text. */
  readonly to: number;
  /** The new length minus the old. */
  readonly delta: number;
}

/** A long line's end state and tokens. */
export interface LongLineResult {
  /** The id of the line's end state. */
  readonly endId: number;
  /** Its checkpoints and token segments. */
  readonly long: LongLine;
}

/** Segments of at most this many tokens are views of a shared arena instead of arrays of their own. */
const SMALL_SEGMENT = 16;
/** Words per arena of small segments: what one small segment may keep alive at most. */
const ARENA_WORDS = 64;
/** The arena before the first (never written: it has no room). */
const NO_ARENA = new Uint32Array(0);

/**
 * Copies token runs into segments. A typed array of its own costs about ten times a view of a
 * shared one, and with close checkpoints (the fuzzer's every 5 code units) most segments hold one
 * or two tokens; so small segments are views of arenas of {@linkcode ARENA_WORDS} words, which
 * bounds what a surviving small segment keeps alive to one arena. Large ones (the lexer's own
 * spacing of 2,048 code units) are copies, as before.
 */
class SegmentCutter {
  #arena: Uint32Array = NO_ARENA;
  #used = 0;

  /** A copy of `words[from, to)`. */
  cut(words: Uint32Array, from: number, to: number): Uint32Array {
    const n = to - from;
    if (n > SMALL_SEGMENT) return words.slice(from, to);
    if (this.#used + n > this.#arena.length) {
      this.#arena = new Uint32Array(ARENA_WORDS);
      this.#used = 0;
    }
    const at = this.#used;
    const arena = this.#arena;
    for (let i = 0; i < n; i++) arena[at + i] = words[from + i]!;
    this.#used = at + n;
    return arena.subarray(at, at + n);
  }
}

/**
 * Cuts a long line's packed tokens at its checkpoints.
 *
 * @param words The tokens.
 * @param count How many.
 * @param checkpoints The line's checkpoints.
 * @returns The segments (copies: small ones share arenas, see {@linkcode SegmentCutter}).
 */
export function cutSegments(
  words: Uint32Array,
  count: number,
  checkpoints: readonly LineCheckpoint[],
): Uint32Array[] {
  const cutter = new SegmentCutter();
  const out: Uint32Array[] = new Array(checkpoints.length + 1);
  let from = 0;
  for (let i = 0; i < checkpoints.length; i++) {
    const to = checkpoints[i]!.token;
    out[i] = cutter.cut(words, from, to);
    from = to;
  }
  out[checkpoints.length] = cutter.cut(words, from, count);
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

/** A snapshot with its horizon moved by `shift` (between line and window coordinates). */
function shifted(snap: ScanSnapshot, shift: number): ScanSnapshot {
  return shift === 0 ? snap : { ...snap, horizon: snap.horizon + shift };
}

/**
 * Records a checkpoint every `spacing` code units and, when resuming after an edit, compares
 * the scanner with the old checkpoints past the edit, stopping at the first that matches.
 * It works in line coordinates; the scanner may lex a window of the line that starts at
 * `base`, and its positions are translated.
 */
class Recorder implements ScanWatcher {
  readonly checkpoints: LineCheckpoint[];
  #nextRecord: number;
  /** Token index in the line of the buffer's first token (non-zero when resumed mid-line). */
  readonly #tokenBase: number;
  readonly #old: readonly LineCheckpoint[] | undefined;
  #oldIndex: number;
  readonly #shift: number;
  /** Where the scanned text starts in the line. */
  readonly #base: number;
  /** The index in `old` of the checkpoint the scan converged at, or -1. */
  converged = -1;
  /** Where the scan had read up to when it converged (line coordinates). */
  horizon = 0;

  constructor(
    readonly spacing: number,
    from: {
      checkpoints: LineCheckpoint[];
      nextRecord: number;
      tokenBase: number;
      old?: readonly LineCheckpoint[];
      oldIndex?: number;
      shift?: number;
      base?: number;
    },
  ) {
    this.checkpoints = from.checkpoints;
    this.#nextRecord = from.nextRecord;
    this.#tokenBase = from.tokenBase;
    this.#old = from.old;
    this.#oldIndex = from.oldIndex ?? 0;
    this.#shift = from.shift ?? 0;
    this.#base = from.base ?? 0;
  }

  reached(at: number, scanner: LineScanner, tokens: number): number {
    const base = this.#base;
    const pos = at + base;
    const old = this.#old;
    if (old !== undefined) {
      while (this.#oldIndex < old.length && old[this.#oldIndex]!.pos + this.#shift < pos) {
        this.#oldIndex++;
      }
      const c = old[this.#oldIndex];
      if (c !== undefined && c.pos + this.#shift === pos) {
        if (scanner.matches(c.snap, at)) {
          this.converged = this.#oldIndex;
          this.horizon = scanner.snapshot(at).horizon + base;
          return STOPPED;
        }
        this.#oldIndex++;
      }
    }
    if (pos >= this.#nextRecord) {
      const snap = shifted(scanner.snapshot(at), base);
      this.checkpoints.push({ pos, token: this.#tokenBase + tokens, horizon: snap.horizon, snap });
      this.#nextRecord = pos + this.spacing;
    }
    return this.next(pos) - base;
  }

  /** The next position (line coordinates) to be called at after `pos`. */
  next(pos: number): number {
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
    return w;
  }
}

/** Lexes long lines with checkpoints, and re-lexes them after an edit from a checkpoint. */
export class LongLineLexer {
  readonly #scanner: LineScanner;
  readonly #config: LongLineConfig;

  /**
   * Makes a long-line lexer.
   *
   * @param scanner The line scanner.
   * @param config When lines get checkpoints.
   */
  constructor(scanner: LineScanner, config: LongLineConfig) {
    this.#scanner = scanner;
    this.#config = config;
  }

  /**
   * Whether a line is long enough to get checkpoints.
   *
   * @param text The line.
   * @returns Whether it is.
   */
  isLong(text: string | LineText): boolean {
    return text.length >= this.#config.min;
  }

  /**
   * Lexes a long line, recording checkpoints.
   *
   * @param text The line.
   * @param startId Its start state's id.
   * @param out A scratch buffer (emptied first).
   * @returns The end state and the line's checkpoints and segments.
   */
  lex(text: string, startId: number, out: TokenBuffer): LongLineResult {
    out.count = 0;
    const spacing = this.#config.spacing;
    const rec = new Recorder(spacing, { checkpoints: [], nextRecord: spacing, tokenBase: 0 });
    const endId = this.#scanner.scan(text, startId, out, { watcher: rec, watchFrom: spacing });
    return {
      endId,
      long: {
        checkpoints: rec.checkpoints,
        segments: cutSegments(out.words, out.count, rec.checkpoints),
      },
    };
  }

  /**
   * Lexes a long line again after an edit inside it, from its last checkpoint before the edit
   * (or its start), and stops at the first checkpoint after the edit whose snapshot it
   * reproduces. The result is what {@linkcode LongLineLexer.lex} gives for the new text.
   *
   * The scanner reads a window of the text from that checkpoint, not the whole line: a window
   * is enough when the scan converged before its end and had read nothing at or past it (its
   * horizon, which counts every look-ahead); otherwise the window is doubled, up to the end of
   * the line. So a window never changes a token.
   *
   * @param text The line's new text.
   * @param startId The id of the line's start state (unchanged by the edit).
   * @param previous The line's previous checkpoints, tokens and end state.
   * @param options The edit, and a scratch buffer.
   * @returns The end state and the line's checkpoints and segments; `long` is undefined when
   *   the line is no longer long.
   */
  relex(
    text: LineText,
    startId: number,
    previous: PreviousLine,
    options: { edit: LineEdit; out: TokenBuffer },
  ): { endId: number; long: LongLine | undefined } {
    const { edit, out } = options;
    const old = previous.checkpoints;
    if (!this.isLong(text)) {
      out.count = 0;
      return { endId: this.#scanner.scan(text.toString(), startId, out), long: undefined };
    }
    let k = -1;
    while (k + 1 < old.length && old[k + 1]!.horizon < edit.from) k++;
    const cp = k >= 0 ? old[k]! : undefined;
    const start = cp?.pos ?? 0;
    const tokenBase = cp?.token ?? 0;
    let oldIndex = k + 1;
    while (oldIndex < old.length && old[oldIndex]!.pos < edit.to) oldIndex++;
    const spacing = this.#config.spacing;
    // First window: to the first old checkpoint past the edit, where the scan may converge,
    // and a spacing more for its look-aheads.
    const target = oldIndex < old.length ? old[oldIndex]!.pos + edit.delta : text.length;
    let end = Math.max(start, target) + spacing;
    let endId: number;
    let rec: Recorder;
    for (;;) {
      const whole = end >= text.length;
      const window = text.slice(start, whole ? text.length : end);
      rec = new Recorder(spacing, {
        checkpoints: old.slice(0, k + 1),
        nextRecord: start + spacing,
        tokenBase,
        old,
        oldIndex,
        shift: edit.delta,
        base: start,
      });
      out.count = 0;
      endId = this.#scanner.scan(
        window,
        startId,
        out,
        cp === undefined ? { watcher: rec, watchFrom: rec.next(0) } : {
          watcher: rec,
          watchFrom: rec.next(start) - start,
          // The checkpoint's own horizon: its snapshot's is not moved when a convergence
          // shifts the checkpoints after an edit.
          resume: { ...cp.snap, horizon: cp.horizon - start },
          resumeAt: 0,
        },
      );
      if (whole || (endId === STOPPED && rec.horizon < end)) break;
      end = start + 2 * (end - start);
    }
    const checkpoints = rec.checkpoints;
    const segments = previous.segments.slice(0, k + 1);
    const cutter = new SegmentCutter();
    let from = 0;
    for (let i = k + 1; i < checkpoints.length; i++) {
      const to = checkpoints[i]!.token - tokenBase;
      segments.push(cutter.cut(out.words, from, to));
      from = to;
    }
    segments.push(cutter.cut(out.words, from, out.count));
    if (endId !== STOPPED) return { endId, long: { checkpoints, segments } };
    // Converged at old checkpoint `rec.converged`: the rest of the line is as it was.
    const at = old[rec.converged]!;
    const tokenShift = tokenBase + out.count - at.token;
    for (let i = rec.converged; i < old.length; i++) {
      const c = old[i]!;
      checkpoints.push({
        pos: c.pos + edit.delta,
        horizon: c.horizon + edit.delta,
        token: c.token + tokenShift,
        snap: c.snap,
      });
    }
    segments.push(...previous.segments.slice(rec.converged + 1));
    return { endId: previous.endId, long: { checkpoints, segments } };
  }
}
