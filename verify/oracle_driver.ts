/**
 * The extracted lexer as the oracle sees it: the OCaml driver (`proofs/oracle/driver.ml`, built
 * by `deno task verify` into `proofs/_build/oracle`) in its batch mode, one JSON request per
 * line on its stdin, one JSON answer per line on its stdout.
 *
 * @module
 */

/** The lexer options as the driver reads them (the fields of the Coq record `options`). */
export interface CoqOptions {
  /** `o_atLetter`. */
  readonly at_letter: boolean;
  /** `o_explSyntax`. */
  readonly expl_syntax: boolean;
  /** `o_docTeX`. */
  readonly doctex: boolean;
  /** `o_verbatimEnvs`: extra verbatim environments. */
  readonly verbatim_envs: readonly string[];
  /** `o_mathEnvs`: extra math environments. */
  readonly math_envs: readonly string[];
}

/** A text lexed by `lex_line` chained from `initial_state`, as `Codec.encode`d states. */
export interface TextLexing {
  /** The start state of every line (the first is `initial_state`). */
  readonly states: readonly (readonly number[])[];
  /** The tokens of every line, flat: kind code, length, math flag (0 or 1), then the next. */
  readonly tokens: readonly (readonly number[])[];
  /** The state after the last line. */
  readonly final: readonly number[];
}

/** One line lexed from a given state. */
export interface LineLexing {
  /** The tokens, flat as in {@linkcode TextLexing.tokens}. */
  readonly tokens: readonly number[];
  /** The end state's encoding. */
  readonly end: readonly number[];
}

/** One line to lex from a state. */
export interface LineRequest {
  /** The start state's encoding (`encodeState`). */
  readonly state: readonly number[];
  /** The line, without its ending. */
  readonly line: string;
}

/** A lexer to check against the TypeScript one: the extracted lexer, or a stand-in in tests. */
export interface ExtractedLexer {
  /**
   * Sends a whole text to lex from the initial state; the caller may work while it is lexed.
   *
   * @param options The options.
   * @param text The text.
   * @returns Once the request is sent: a function that waits for every line's start state and
   *   tokens, and the final state.
   */
  sendText(options: CoqOptions, text: string): Promise<() => Promise<TextLexing>>;
  /**
   * Lexes lines, each from its own start state.
   *
   * @param options The options.
   * @param items The lines and their start states.
   * @returns One result per item, in order.
   */
  lexLines(options: CoqOptions, items: readonly LineRequest[]): Promise<LineLexing[]>;
  /** Stops the lexer (ends the driver process). */
  close(): Promise<void>;
  /** Processor seconds the lexer reported for its answers so far (0 when it does not). */
  readonly cpuSeconds: number;
}

/** The driver could not be started: not built, or not allowed. */
export class DriverMissingError extends Error {
  /**
   * @param program The driver's path.
   * @param cause What Deno threw.
   */
  constructor(readonly program: string, cause: Error) {
    super(
      cause instanceof Deno.errors.NotFound
        ? `the extracted lexer ${program} is not built: run deno task verify first`
        : `cannot run ${program} (${cause.message})`,
      { cause },
    );
    this.name = "DriverMissingError";
  }
}

const encoder = new TextEncoder();

/**
 * Starts the driver in batch mode.
 *
 * @param program The driver's path, e.g. `proofs/_build/oracle`.
 * @returns The lexer; {@linkcode ExtractedLexer.close} ends the process.
 * @throws {DriverMissingError} When the program cannot be started.
 * @example
 * ```ts ignore
 * import { startDriver } from "./oracle_driver.ts";
 * const coq = startDriver("proofs/_build/oracle");
 * const options = { at_letter: false, expl_syntax: false, doctex: false, verbatim_envs: [], math_envs: [] };
 * console.log((await (await coq.sendText(options, "a $b$"))()).tokens);
 * await coq.close();
 * ```
 */
export function startDriver(program: string): ExtractedLexer {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(program, {
      args: ["--batch"],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
  } catch (e) {
    throw new DriverMissingError(program, e as Error);
  }
  const writer = child.stdin.getWriter();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";

  async function nextLine(): Promise<string> {
    for (;;) {
      const nl = pending.indexOf("\n");
      if (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        return line;
      }
      const { value, done } = await lines.read();
      if (done) throw new Error(`${program} ended before it answered`);
      pending += value;
    }
  }

  let cpuSeconds = 0;
  async function send(request: unknown): Promise<() => Promise<Record<string, unknown>>> {
    await writer.write(encoder.encode(JSON.stringify(request) + "\n"));
    return async () => {
      const answer = JSON.parse(await nextLine()) as Record<string, unknown>;
      if (typeof answer.cpu_s === "number") cpuSeconds += answer.cpu_s;
      if (typeof answer.error === "string") throw new Error(`${program}: ${answer.error}`);
      return answer;
    };
  }
  const ask = async (request: unknown) => (await send(request))();

  return {
    get cpuSeconds() {
      return cpuSeconds;
    },
    async sendText(options, text) {
      const answer = await send({ options, text });
      return async () => await answer() as unknown as TextLexing;
    },
    async lexLines(options, items) {
      const answer = await ask({ options, items });
      const results = answer.results as (LineLexing | { error: string })[];
      return results.map((r) => {
        if ("error" in r) throw new Error(`${program}: ${r.error}`);
        return r;
      });
    },
    async close() {
      await writer.close().catch(() => {});
      await lines.cancel().catch(() => {});
      await child.status;
    },
  };
}
