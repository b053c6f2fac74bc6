/**
 * The lexer state at a line start: everything a line's tokens may depend on besides its text.
 *
 * States are plain immutable records. Inside a lexer they are interned (see `_state_table.ts`),
 * so two states are equal exactly when their ids are; across lexers, compare
 * {@linkcode stateKey}s. The field list is mirrored one for one by the Coq record in
 * `proofs/Codec.v`.
 *
 * @module
 */

import { Mode } from "./mode.ts";

/**
 * A group that gives the mode back when it closes: a `\text{...}` (or `\mbox`, `\intertext`,
 * ...) argument inside math, an `\ensuremath{...}` argument in text, or a definition body.
 */
export interface TextFrame {
  /** The mode to return to when the group closes. */
  readonly mode: Mode;
  /** The environment's name when `mode` is {@linkcode Mode.EnvMath}, else `""`. */
  readonly env: string;
  /** The group depth outside the argument: reaching it again closes the frame. */
  readonly depth: number;
}

/** A catcode that differs from LaTeX's default for one ASCII character. */
export interface CatcodeChange {
  /** The character code, 0 to 127. */
  readonly char: number;
  /** Its category code, 0 to 15. */
  readonly cat: number;
}

/** The lexer state at the start of a line. */
export interface LexState {
  /** The mode in force. */
  readonly mode: Mode;
  /** The open math or verbatim environment's name, or `""`. */
  readonly env: string;
  /** How many groups (`{`) are open in the current paragraph, up to {@linkcode MAX_DEPTH}. */
  readonly depth: number;
  /** Bit `i` is set when the group at depth `i + 1` is a macro argument or definition body. */
  readonly argBits: number;
  /** Whether a `{` at the start of the next line would open an argument. */
  readonly afterArg: boolean;
  /** Open groups that give the mode back when they close, innermost last. */
  readonly frames: readonly TextFrame[];
  /** Catcodes that differ from LaTeX's defaults, sorted by character, none repeated. */
  readonly catcodes: readonly CatcodeChange[];
  /** Verbatim-like environments the document defined so far, sorted, none repeated. */
  readonly verbatimEnvs: readonly string[];
  /** The environment a pending `\newenvironment` defines, or `""`. */
  readonly defName: string;
  /** The group depth at which that `\newenvironment` stands. */
  readonly defDepth: number;
  /** 0: waiting for the begin code's group; 1: inside it. */
  readonly defStage: number;
  /**
   * A definition command (`\def`, `\newcommand`, `\NewDocumentCommand`, `\newenvironment`, ...)
   * waiting for its body groups, packed by `_definitions.ts`; 0 when none is pending.
   */
  readonly bodyPend: number;
  /** The group depth at which that definition command stands. */
  readonly bodyDepth: number;
  /**
   * The short-verbatim characters (`\MakeShortVerb{\|}`), as pairs of code units: the
   * character, then the catcode it had before; sorted by character. `""` when none.
   */
  readonly shortVerb: string;
  /**
   * The saved catcode frames of open groups and of `\ExplSyntaxOn`, packed by
   * `_group_catcodes.ts`; `""` when none.
   */
  readonly saved: string;
  /** Whether a verbatim environment's `[options]`, opened on an earlier line, are still open. */
  readonly verbOpts: boolean;
  /** In DocTeX mode, whether the line is inside a `macrocode` environment (code). */
  readonly macrocode: boolean;
}

/**
 * The deepest group nesting the state tracks; deeper `{` still lex, but count no further.
 * Bounds the number of distinct states a text can produce.
 */
export const MAX_DEPTH = 255;

/** How many mode frames the state keeps; deeper ones are not tracked. */
export const MAX_FRAMES = 8;

/** Bits of {@linkcode LexState.argBits}: groups deeper than this are never arguments. */
export const ARG_BITS = 30;

/** The state of a text's first line when no catcodes were changed. */
export const INITIAL_STATE: LexState = Object.freeze({
  mode: Mode.Text,
  env: "",
  depth: 0,
  argBits: 0,
  afterArg: false,
  frames: Object.freeze([]),
  catcodes: Object.freeze([]),
  verbatimEnvs: Object.freeze([]),
  defName: "",
  defDepth: 0,
  defStage: 0,
  bodyPend: 0,
  bodyDepth: 0,
  shortVerb: "",
  saved: "",
  verbOpts: false,
  macrocode: false,
});
