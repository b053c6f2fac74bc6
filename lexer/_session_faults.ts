/**
 * Fault injection for the editor session's tests: per instance (a `WeakMap`, no global
 * setting), and no part of the public API.
 *
 * @module
 */

/** Faults a test can inject into one session. */
export interface SessionFaults {
  /** Called inside the session's guarded lexer call, before the lexer runs: may throw. */
  beforeLex?: () => void;
  /** Rewrites the text the session hands the lexer for an edit, so the lexer diverges. */
  lexerInsert?: (insert: string) => string;
}

const faults = new WeakMap<object, SessionFaults>();

/**
 * Injects faults into a session.
 *
 * @param session The session.
 * @param f The faults; `{}` removes them.
 */
export function injectFaults(session: object, f: SessionFaults): void {
  faults.set(session, f);
}

/**
 * The faults injected into a session.
 *
 * @param session The session.
 * @returns Its faults, if any.
 */
export function faultsOf(session: object): SessionFaults | undefined {
  return faults.get(session);
}
