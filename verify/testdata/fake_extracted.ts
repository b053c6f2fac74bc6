// Stand-ins for the extracted lexer, built from the TypeScript lexer, for tests that must run
// without OCaml: a faithful one, and mutants that change one rule.
import { initialState, lexLine } from "../../lexer/lex_line.ts";
import type { LexerOptions } from "../../lexer/options.ts";
import { decodeState, encodeState } from "../../lexer/state_codec.ts";
import { splitLines } from "../../lexer/lines.ts";
import type { CoqOptions, ExtractedLexer, LineLexing } from "../oracle_driver.ts";
import { flatWords } from "../oracle_check.ts";

function options(o: CoqOptions): LexerOptions {
  return {
    atLetter: o.at_letter,
    explSyntax: o.expl_syntax,
    docTeX: o.doctex,
    verbatimEnvironments: o.verbatim_envs,
    mathEnvironments: o.math_envs,
  };
}

/** Changes a line's outcome: a mutant's one rule. */
export type Mutation = (line: string, outcome: LineLexing) => LineLexing;

/** `%` in math is a text token instead of a comment (the mutant of the Coq source, here). */
export const COMMENT_IN_MATH_IS_TEXT: Mutation = (_line, o) => {
  const t = [...o.tokens];
  for (let j = 0; j < t.length; j += 3) if (t[j] === 11 && t[j + 2] === 1) t[j] = 12;
  return { tokens: t, end: o.end };
};

/**
 * A stand-in for the extracted lexer.
 *
 * @param mutation A change to every line's outcome; none for a faithful lexer.
 * @returns The lexer.
 */
export function fakeExtracted(mutation?: Mutation): ExtractedLexer {
  const one = (o: CoqOptions, state: readonly number[], line: string): LineLexing => {
    const s = decodeState(state);
    if (s === undefined) throw new Error("the state does not decode");
    const r = lexLine(line, s, options(o));
    const out = { tokens: flatWords(r.words), end: encodeState(r.endState) };
    return mutation === undefined ? out : mutation(line, out);
  };
  return {
    cpuSeconds: 0,
    sendText(o, text) {
      const lines: string[] = [];
      splitLines(text, (l) => lines.push(l));
      let state = encodeState(initialState(options(o)));
      const states: number[][] = [], tokens: number[][] = [];
      for (const line of lines) {
        states.push(state);
        const r = one(o, state, line);
        tokens.push([...r.tokens]);
        state = [...r.end];
      }
      const result = { states, tokens, final: state };
      return Promise.resolve(() => Promise.resolve(result));
    },
    lexLines(o, items) {
      return Promise.resolve(items.map((it) => one(o, it.state, it.line)));
    },
    close: () => Promise.resolve(),
  };
}
