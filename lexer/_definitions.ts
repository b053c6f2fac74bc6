/**
 * Definition bodies. TeX does not execute the body of `\def`, `\newcommand` and their kin when
 * it reads it, so no state change made inside one may escape it: the scanner opens every body
 * group with a mode frame (the mode to go back to when it closes) and marks it as an argument
 * (so that catcode, expl3 and short-verbatim commands inside are not run).
 *
 * Which groups after a definition command are bodies is a small count kept in the state
 * (`LexState.bodyPend`), packed here:
 *
 * ```text
 *   4   3   2   1   0
 * +-------+-------+---+
 * |bodies | skip  | n |
 * +-------+-------+---+
 * ```
 *
 * `n`: a name is still to come (a control sequence, or a braced group) and is not a body;
 * `skip`: groups to pass over before the bodies (an environment's name, an `xparse` argument
 * specification); `bodies`: body groups still to come (two for an environment: its begin and
 * end code). Only groups that open at the definition command's own depth count.
 *
 * @module
 */

/** Set while a name is still to come. */
const NAME = 1;
const SKIP_SHIFT = 1;
const SKIP_MASK = 3 << SKIP_SHIFT;
const BODIES_SHIFT = 3;

/** The largest value of `LexState.bodyPend`. */
export const BODY_PEND_MAX = 31;

function pend(o: { name: boolean; skip: number; bodies: number }): number {
  return (o.name ? NAME : 0) | (o.skip << SKIP_SHIFT) | (o.bodies << BODIES_SHIFT);
}

const DEF = pend({ name: false, skip: 0, bodies: 1 });
const NEWCOMMAND = pend({ name: true, skip: 0, bodies: 1 });
const DOCUMENT_COMMAND = pend({ name: true, skip: 1, bodies: 1 });
const ENVIRONMENT = pend({ name: false, skip: 1, bodies: 2 });
const DOCUMENT_ENVIRONMENT = pend({ name: false, skip: 2, bodies: 2 });

/**
 * The definition commands, by name without the backslash, to the pending count each starts.
 */
export const DEFINITIONS: ReadonlyMap<string, number> = new Map<string, number>([
  ["def", DEF],
  ["gdef", DEF],
  ["edef", DEF],
  ["xdef", DEF],
  ["newcommand", NEWCOMMAND],
  ["renewcommand", NEWCOMMAND],
  ["providecommand", NEWCOMMAND],
  ["DeclareRobustCommand", NEWCOMMAND],
  ["NewDocumentCommand", DOCUMENT_COMMAND],
  ["RenewDocumentCommand", DOCUMENT_COMMAND],
  ["ProvideDocumentCommand", DOCUMENT_COMMAND],
  ["DeclareDocumentCommand", DOCUMENT_COMMAND],
  ["NewExpandableDocumentCommand", DOCUMENT_COMMAND],
  ["RenewExpandableDocumentCommand", DOCUMENT_COMMAND],
  ["ProvideExpandableDocumentCommand", DOCUMENT_COMMAND],
  ["DeclareExpandableDocumentCommand", DOCUMENT_COMMAND],
  ["newenvironment", ENVIRONMENT],
  ["renewenvironment", ENVIRONMENT],
  ["NewDocumentEnvironment", DOCUMENT_ENVIRONMENT],
  ["RenewDocumentEnvironment", DOCUMENT_ENVIRONMENT],
  ["ProvideDocumentEnvironment", DOCUMENT_ENVIRONMENT],
  ["DeclareDocumentEnvironment", DOCUMENT_ENVIRONMENT],
]);

/**
 * Whether a name is still to come, so that a control sequence at the command's depth is it.
 *
 * @param p A pending count.
 * @returns Whether its name bit is set.
 */
export function wantsName(p: number): boolean {
  return (p & NAME) !== 0;
}

/**
 * The pending count after the name was read.
 *
 * @param p A pending count with the name bit set.
 * @returns It without the name bit (0 when nothing else is pending).
 */
export function afterName(p: number): number {
  return p & ~NAME;
}

/**
 * Whether a group opening at the command's depth is a body.
 *
 * @param p A pending count, not 0.
 * @returns Whether no name and no skipped group is still to come.
 */
export function isBody(p: number): boolean {
  return (p & (NAME | SKIP_MASK)) === 0;
}

/**
 * The pending count after a group opened at the command's depth.
 *
 * @param p A pending count, not 0.
 * @returns What is still pending: 0 once the last body opened.
 * @example An environment: its name, then its begin and end code
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { afterGroup, DEFINITIONS, isBody } from "./_definitions.ts";
 * let p = DEFINITIONS.get("newenvironment")!;
 * assert(!isBody(p)); // {name}
 * p = afterGroup(p);
 * assert(isBody(p)); // {begin code}
 * p = afterGroup(p);
 * assert(isBody(p)); // {end code}
 * assertEquals(afterGroup(p), 0);
 * ```
 */
export function afterGroup(p: number): number {
  if ((p & NAME) !== 0) return p & ~NAME;
  if ((p & SKIP_MASK) !== 0) return p - (1 << SKIP_SHIFT);
  return p - (1 << BODIES_SHIFT);
}
