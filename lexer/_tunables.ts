/**
 * The lexer's tunables in one place, each with why it has its value.
 *
 * @module
 */

/** Bounds of the per-line API's caches (`lex_line.ts`). */
export const LEX_LINE = {
  /** Option sets whose lexer is kept: an editor uses one or two. */
  CONTEXTS: 8,
  /**
   * States one option set's table holds before it is dropped for a fresh one: a document
   * visits a few dozen; the bound (about 300 KB at `STATE_TABLE.STATE_BYTES` and its strings) keeps
   * a long session from growing the table.
   */
  STATES: 1024,
} as const;

/** Estimates behind `StateTable.bytes` (`_state_table.ts`), measured with `--expose-gc`. */
export const STATE_TABLE = {
  /**
   * One interned state: its frozen record, its map entries and its three list ids (its strings
   * are counted apart, two bytes a code unit). Measured with the record's first 11 fields and a
   * string key: 100,000 states took 285 bytes each with their 18-unit keys (not re-measured with
   * 17 fields and the numeric hash).
   */
  STATE_BYTES: 250,
  /**
   * One interned list besides its content key (counted at four bytes a code unit). Measured:
   * 20,000 states with a list each took 358 bytes each; counted 301 with 64 here (the list's own
   * array belongs to the state record that first held it).
   */
  LIST_BYTES: 64,
  /** The header of a typed array, added to its bytes. */
  ARRAY_HEADER_BYTES: 64,
} as const;

/** Bounds of the scanner's look-aheads (`_tex_args.ts`). */
export const LOOK_AHEAD = {
  /**
   * Characters a `[options]` search scans before it indexes the whole line instead: real
   * options are far shorter, and past this an opener repeated over a line (`\lstinline[` x
   * 87,000) would make lexing quadratic.
   */
  BRACKET_SCAN: 256,
} as const;

/** Tunables of the line scanner (`_line_scanner.ts`). */
export const SCANNER = {
  /**
   * Recent end states compared before a new one is interned: lines mostly move between a
   * handful of states, and comparing fields is cheaper than hashing a new one.
   */
  RECENT_STATES: 8,
  /**
   * How far past a snapshot's position the scanner may have read when it took it without
   * noting it: `^^xy` reads three characters ahead.
   */
  SNAPSHOT_READ_AHEAD: 3,
  /**
   * How far past the last index a `\catcode` literal parser looked its result may depend on
   * (a letter after `\active`, a digit after the value): a safe margin.
   */
  CATCODE_READ_AHEAD: 8,
  /**
   * Verbatim environments a document may define before further ones are ignored: it bounds
   * the state's list (real documents define a handful). Changing it changes tokens.
   */
  MAX_DEFINED_VERBATIM: 64,
} as const;

/**
 * Intra-line checkpoints (`_long_line.ts`): lines of at least `min` code units keep a snapshot
 * every `spacing`. At the 20 to 50 MB/s the scanner runs here (README, Performance), re-lexing
 * `spacing` code units takes 40 to 100 µs, the cost of an edit in a long line beyond copying its
 * string; a line under `min` re-lexes whole in well under a millisecond. Snapshots are counted at
 * `MEMORY.CHECKPOINT_BYTES` each, so a 1 MB line holds about 100 KB of them.
 */
export const LONG_LINE: Readonly<{ min: number; spacing: number }> = Object.freeze({
  min: 8192,
  spacing: 2048,
});

/** The checkpoint store's blocks (`_line_store.ts`). */
export const BLOCK = {
  /** Lines a block is built with: large enough that walking blocks is cheap. */
  TARGET: 512,
  /** A block that grows beyond this is split: bounds the cost of rebuilding one. */
  MAX: 1024,
  /** A block that shrinks below this absorbs a neighbour: bounds the number of blocks. */
  MIN: 128,
  /**
   * Room for tokens left in every block when it is built: a first edit that adds tokens to a
   * block would otherwise reallocate its tokens (about 20 KB at 5 MB: 4 to 13 µs measured here,
   * the larger part of a line insert). 256 bytes a block: about 0.1 MB for a 10 MB document,
   * outside the JavaScript heap (a typed array's contents are; only its object, about 200 bytes,
   * is on the heap: with and without this room the 10 MB heap measured the same, 24.07 MB).
   */
  SPARE_TOKENS: 64,
  /**
   * Lines per group of a block's character sums: finding an offset reads a block's sums, then
   * the texts of one group, instead of walking a few hundred line texts (scattered on the heap:
   * 3 to 4 µs of cache misses per walk, measured). 8 bytes per group, and a typed array per
   * block: 0.15 MB more heap for a 10 MB document (24.07 against 23.92 MB, measured), paid back
   * by keeping a line's ending, state and token end in one array (`meta`, `_line_store.ts`)
   * instead of three: 23.80 MB. Built only
   * when a block is first walked, they cost no heap but the first walk of each block reads all
   * its lines: the line insert at 5 MB then took 14.5 µs at p50 instead of 10.8.
   */
  GROUP: 16,
  /**
   * Room for tokens left before every block's first token, so that an edit in a block's first
   * half moves the tokens before it rather than those after (128 bytes a block, outside the heap).
   */
  SPARE_FRONT_TOKENS: 32,
  /** Room for lines left in every block when it is built, for the same reason (lines inserted). */
  SPARE_LINES: 4,
} as const;

/** The incremental lexer's state table (`incremental.ts`). */
export const COMPACTION = {
  /**
   * States interned before the first compaction is considered; after one, the next comes at
   * twice the live states, so compaction costs amortized O(1) per interned state.
   */
  FLOOR: 1024,
} as const;

/** Estimates of `memoryUsage()` for what it cannot measure (V8 does not expose object sizes). */
export const MEMORY = {
  /** One intra-line checkpoint: its record and its snapshot's state record. */
  CHECKPOINT_BYTES: 200,
  /** The header of a typed array, added to its bytes. */
  ARRAY_HEADER_BYTES: 64,
  /**
   * A line's string beyond two bytes a code unit: its header and, once the line was edited, the
   * sliced or cons string V8 keeps in front of its content. Measured with `--expose-gc` on the
   * soak's 4,000-line churn document (heap freed by dropping the lexer): an edited line held about
   * 140 bytes more than 16 here counted, a line still a slice of the opened text less; 64 keeps the
   * estimate within 0.65 to 1.7 times the held heap on both.
   */
  STRING_HEADER_BYTES: 64,
  /** One slot of an array of references. */
  POINTER_BYTES: 8,
} as const;
