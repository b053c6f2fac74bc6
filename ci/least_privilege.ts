/**
 * A least-privilege audit of `deno task` command lines.
 *
 * Each task in `deno.json` must name exactly the permissions it needs. This module reads a task's
 * command line (as written in `deno.json`, which `deno task` runs with its own small shell), finds
 * every `deno` invocation in it, and reports the permission flags that grant more than a list:
 * blanket `-A`, `--allow-run`, `--allow-write` or `--allow-env` without a list, any network or FFI
 * access, and a bare `--allow-read` unless the task is on an explicit list of exceptions, each with
 * its reason.
 *
 * @module
 */

/** One problem the audit found in a task. */
export interface PermissionViolation {
  /** The task's name in `deno.json`. */
  task: string;
  /** The offending flag exactly as written, e.g. `"--allow-run"` or `"-A"`. */
  flag: string;
  /** Why the flag is refused, as a sentence. */
  message: string;
}

/** Options of {@linkcode auditTask}. */
export interface AuditOptions {
  /**
   * Tasks allowed to keep a bare `--allow-read` (read anything), each mapped to the reason it
   * needs to. A task not named here must list the paths it reads.
   *
   * @default {}
   */
  bareReadExceptions?: Readonly<Record<string, string>>;
  /**
   * Tasks allowed network access, each to exactly the hosts it lists (with their ports), and the
   * reason. Any other `--allow-net`, and any host beyond a task's list, is refused.
   *
   * @default {{}}
   */
  netExceptions?: Readonly<Record<string, NetException>>;
}

/** A task's allowed network access. */
export interface NetException {
  /** The `host:port` entries its `--allow-net` may list (loopback, a fixed port). */
  hosts: readonly string[];
  /** Why it needs them. */
  reason: string;
}

/**
 * The tasks of this project that use the network, and why: each listens on the loopback
 * interface at one port, for a browser on the same machine. Nothing reaches out.
 */
export const NET_EXCEPTIONS: Readonly<Record<string, NetException>> = {
  playground: {
    hosts: ["127.0.0.1:8787"],
    reason: "serves the playground page, its bundle and the corpus to a browser on this " +
      "machine; it listens on 127.0.0.1 only",
  },
  "test:browser": {
    hosts: ["127.0.0.1:8788"],
    reason: "serves the playground to the headless Chromium the browser tests drive (through " +
      "a pipe, not a socket); it listens on 127.0.0.1 only",
  },
  "bench:browser": {
    hosts: ["127.0.0.1:8789"],
    reason: "serves the playground to the headless Chromium the browser benchmark drives; it " +
      "listens on 127.0.0.1 only",
  },
  "bench:browser:profile": {
    hosts: ["127.0.0.1:8790"],
    reason: "serves the playground to the headless Chromium whose CPU profile of keystrokes " +
      "it prints; it listens on 127.0.0.1 only",
  },
};

/**
 * The tasks of this project that may read any path, and why. Every other task lists its paths.
 * The list is short on purpose: adding a name here is a reviewed decision, not a convenience.
 */
export const BARE_READ_EXCEPTIONS: Readonly<Record<string, string>> = {
  lex: "prints the tokens of any file the user names on the command line, wherever it is",
  test: "the test suites read fixtures all over the checkout and ../shared, and the examples " +
    "and tests of every module import what they check (its deno test: ci/test_task.ts)",
};

/**
 * The programs a task may name in `--allow-run`, and why. A program not listed here is refused
 * by the test of `deno.json`; like the read exceptions, adding one is a reviewed decision.
 */
export const RUN_PROGRAMS: Readonly<Record<string, string>> = {
  deno: "the tests spawn the language server (deno task lsp) and the CLI as a client would, " +
    "the ci task runs the project's own deno commands, and perf:gate runs each checkout's " +
    "bench/perf.ts in processes of its own",
  git: "perf:gate finds the worktree of the baseline commit (git rev-parse, git worktree list) " +
    "and says when a checkout has uncommitted changes (git status)",
  emacs: "the editor test starts Emacs (emacs-nox) as a daemon with lsp-mode to drive the " +
    "language server as a real editor does",
  emacsclient: "the editor test sends the Emacs daemon its keystrokes and reads the faces " +
    "back through emacsclient --eval",
  coqc: "the proofs of the lexer's laws are checked by the Coq compiler",
  coqchk: "the compiled proofs are re-checked by Coq's independent checker",
  coq_makefile: "the proofs' Makefile is generated from _CoqProject",
  make: "the generated Makefile builds the proofs",
  ocamlopt: "verify compiles the lexer extracted from Coq, with its driver, to a native program " +
    "(the strategy's step 6); oracle:mutant compiles a mutant of it the same way",
  "proofs/_build/oracle": "the oracle runs the lexer extracted from Coq: the OCaml driver that " +
    "deno task verify compiles (the task runs no other program)",
  "proofs/_build/mutant-oracle": "oracle:mutant runs the driver of a mutant of the Coq lexer " +
    "that it built, to check that the oracle catches it",
  "/usr/bin/chromium": "the browser tests and the browser benchmark start Debian's headless " +
    "Chromium through playwright-core (never a downloaded browser)",
};

/**
 * The environment variables a task may name in `--allow-env`, and why.
 */
export const ENV_VARIABLES: Readonly<Record<string, string>> = {
  FC_SEED: "replays a property test's failure: fast-check's seed comes from it when it is set",
  FC_RUNS: "runs the property tests longer (or shorter) than their default number of runs",
  XDG_RUNTIME_DIR: "vscode-jsonrpc's node entry (under vscode-languageserver) reads it when it " +
    "loads, to place named pipes the stdio server never opens; the server and its tests need it",
  HOME: "playwright-core reads it for its cache and Chromium's profile folder (browser tests)",
  PATH: "playwright-core looks programs up on it when it starts Chromium (browser tests)",
  TMPDIR: "Chromium's temporary profile goes to the OS's temporary folder (browser tests)",
  TMP: "the same temporary-folder lookup on systems that set TMP (browser tests)",
  TEMP: "the same temporary-folder lookup on systems that set TEMP (browser tests)",
  NODE_V8_COVERAGE: "Deno's node:child_process reads it when playwright-core spawns Chromium",
};

/** Short permission flags of Deno 2 and the long flag each one stands for. */
const SHORT_FLAGS: Readonly<Record<string, string>> = {
  "-A": "--allow-all",
  "-R": "--allow-read",
  "-W": "--allow-write",
  "-N": "--allow-net",
  "-E": "--allow-env",
  "-S": "--allow-sys",
  "-I": "--allow-import",
  "-P": "--permission-set",
};

/** Deno subcommands that run code and therefore take permission flags. */
const RUNNING_SUBCOMMANDS = new Set([
  "run",
  "test",
  "bench",
  "serve",
  "compile",
  "install",
  "eval",
]);

/**
 * Splits a command line into words the way `deno task`'s shell does for the simple cases used in
 * `deno.json`: whitespace separates words, single and double quotes group, and the operators
 * `&&`, `||`, `;`, `|` and the parentheses of a subshell end a command.
 *
 * @param line The task's command line.
 * @returns One array of words per command in the line.
 *
 * @example Two commands joined by `&&`
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { splitCommands } from "./least_privilege.ts";
 *
 * assertEquals(splitCommands("deno fmt --check && deno lint 'a b'"), [
 *   ["deno", "fmt", "--check"],
 *   ["deno", "lint", "a b"],
 * ]);
 * ```
 */
export function splitCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = "";
  let inWord = false;
  let quote = "";
  const endWord = () => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== "") {
      if (ch === quote) quote = "";
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === " " || ch === "\t" || ch === "\n") {
      endWord();
    } else if (ch === ";" || ch === "(" || ch === ")") {
      endCommand();
    } else if ((ch === "&" || ch === "|") && line[i + 1] === ch) {
      endCommand();
      i++;
    } else if (ch === "|") {
      endCommand();
    } else {
      word += ch;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

/** A permission flag split into its long name and its list (undefined when it has none). */
interface ParsedFlag {
  written: string;
  name: string;
  list: string[] | undefined;
}

function parseFlag(word: string): ParsedFlag | undefined {
  const eq = word.indexOf("=");
  const head = eq < 0 ? word : word.slice(0, eq);
  const name = SHORT_FLAGS[head] ?? head;
  if (!name.startsWith("--allow-") && name !== "--permission-set") return undefined;
  if (eq < 0) return { written: word, name, list: undefined };
  return { written: word, name, list: word.slice(eq + 1).split(",") };
}

/**
 * Checks one permission flag's list: no empty entries, no wildcards, no duplicates.
 * Returns a message, or undefined when the list is exact.
 */
function listProblem(flag: ParsedFlag): string | undefined {
  const list = flag.list ?? [];
  if (list.length === 0 || list.some((entry) => entry.trim() === "")) {
    return `${flag.name} has an empty entry in its list`;
  }
  if (list.some((entry) => entry.includes("*"))) {
    return `${flag.name} has a wildcard; name each entry exactly`;
  }
  if (new Set(list).size !== list.length) return `${flag.name} names an entry twice`;
  return undefined;
}

/** Paths that, given to a read or write list, grant the whole file system. */
const WHOLE_FILE_SYSTEM = new Set(["/", "\\", "~", "C:\\", "C:/"]);

function flagProblem(
  task: string,
  flag: ParsedFlag,
  bareReadExceptions: Readonly<Record<string, string>>,
  netExceptions: Readonly<Record<string, NetException>>,
): string | undefined {
  switch (flag.name) {
    case "--allow-all":
      return "grants every permission; name each permission the task needs";
    case "--permission-set":
      return "loads a permission set from the config, which this audit cannot see; " +
        "write the flags on the task";
    case "--allow-net": {
      const allowed = Object.hasOwn(netExceptions, task) ? netExceptions[task]! : undefined;
      if (allowed === undefined) {
        return "grants network access; only the tasks of the documented network exceptions " +
          "may listen, each on its loopback port";
      }
      if (flag.list === undefined) return "--allow-net without a list grants the whole network";
      const beyond = flag.list.filter((h) => !allowed.hosts.includes(h));
      if (beyond.length > 0) {
        return `--allow-net names ${beyond.join(", ")}, beyond the task's documented hosts ` +
          allowed.hosts.join(", ");
      }
      return listProblem(flag);
    }
    case "--allow-import":
      return "allows remote imports; dependencies come through deno.json imports";
    case "--allow-ffi":
      return "allows native libraries; no task of this project needs them";
    case "--allow-run":
    case "--allow-write":
    case "--allow-env":
    case "--allow-sys":
      if (flag.list === undefined) return `${flag.name} without a list grants it for everything`;
      if (flag.name === "--allow-write" && flag.list.some((p) => WHOLE_FILE_SYSTEM.has(p))) {
        return "--allow-write grants the whole file system";
      }
      return listProblem(flag);
    case "--allow-read":
      if (flag.list === undefined || flag.list.some((p) => WHOLE_FILE_SYSTEM.has(p))) {
        return Object.hasOwn(bareReadExceptions, task)
          ? undefined
          : "--allow-read without a list reads everything; list the paths, or add the task " +
            "to the documented exceptions with its reason";
      }
      return listProblem(flag);
    default:
      // --allow-scripts and flags a later Deno adds: refuse what we have not reviewed.
      return `${flag.name} is not a permission this audit knows; review it and extend the audit`;
  }
}

/**
 * Audits one task's command line for permissions broader than a list.
 *
 * Only `deno` invocations that run code (`run`, `test`, `bench`, `serve`, `compile`, `install`,
 * `eval`) are read; other programs in the line (e.g. `echo`) take no Deno permission flags.
 *
 * @param task The task's name in `deno.json`.
 * @param command The task's command line.
 * @param options Exceptions to the bare `--allow-read` rule.
 * @returns The violations, empty when the task is least-privilege.
 *
 * @example A task with a bare --allow-run is refused
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { auditTask } from "./least_privilege.ts";
 *
 * const found = auditTask("x", "deno run --allow-run --allow-read=. x.ts");
 * assertEquals(found.map((v) => v.flag), ["--allow-run"]);
 * assertEquals(auditTask("y", "deno run --allow-run=deno --allow-read=. y.ts"), []);
 * ```
 */
export function auditTask(
  task: string,
  command: string,
  options: AuditOptions = {},
): PermissionViolation[] {
  const exceptions = options.bareReadExceptions ?? {};
  const net = options.netExceptions ?? {};
  const violations: PermissionViolation[] = [];
  for (const words of splitCommands(command)) {
    if (words[0] !== "deno" || !RUNNING_SUBCOMMANDS.has(words[1] ?? "")) continue;
    for (const word of words.slice(2)) {
      const flag = parseFlag(word);
      if (flag === undefined) continue;
      const message = flagProblem(task, flag, exceptions, net);
      if (message !== undefined) violations.push({ task, flag: flag.written, message });
    }
  }
  return violations;
}

/**
 * Audits every task of a `deno.json` `tasks` object. A task may be a string or an object with a
 * `command` string (Deno 2's long form); an object without a command only groups dependencies.
 *
 * @param tasks The `tasks` object of `deno.json`.
 * @param options Exceptions to the bare `--allow-read` rule.
 * @returns Every violation, in task order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { auditTasks } from "./least_privilege.ts";
 *
 * const found = auditTasks({ a: "deno run -A a.ts", b: { command: "deno test --allow-net" } });
 * assertEquals(found.map((v) => `${v.task} ${v.flag}`), ["a -A", "b --allow-net"]);
 * ```
 */
export function auditTasks(
  tasks: Readonly<Record<string, unknown>>,
  options: AuditOptions = {},
): PermissionViolation[] {
  const violations: PermissionViolation[] = [];
  for (const [name, value] of Object.entries(tasks)) {
    const command = taskCommand(value);
    if (command !== undefined) violations.push(...auditTask(name, command, options));
  }
  return violations;
}

/**
 * The command line of a `deno.json` task entry, in either of its two forms.
 *
 * @param value A value of the `tasks` object.
 * @returns The command, or undefined for an object that has none.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { taskCommand } from "./least_privilege.ts";
 *
 * assertEquals(taskCommand("deno lint"), "deno lint");
 * assertEquals(taskCommand({ command: "deno fmt", description: "format" }), "deno fmt");
 * assertEquals(taskCommand({ dependencies: ["a"] }), undefined);
 * ```
 */
export function taskCommand(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && "command" in value) {
    const command = (value as { command: unknown }).command;
    if (typeof command === "string") return command;
  }
  return undefined;
}
