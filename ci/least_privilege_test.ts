import { assertEquals, assertStringIncludes } from "@std/assert";
import { withWrappedCommands } from "./wrapped_tasks.ts";
import {
  auditTask,
  auditTasks,
  BARE_READ_EXCEPTIONS,
  ENV_VARIABLES,
  NET_EXCEPTIONS,
  RUN_PROGRAMS,
  splitCommands,
  taskCommand,
} from "./least_privilege.ts";
import { parseTasks } from "./survey.ts";

const flagsOf = (task: string, command: string, exceptions: Record<string, string> = {}) =>
  auditTask(task, command, { bareReadExceptions: exceptions }).map((v) => v.flag);

Deno.test("splitCommands() splits on &&, ||, ;, | and parentheses, keeps quoted words whole", () => {
  assertEquals(splitCommands("a b && c || d ; e | f"), [["a", "b"], ["c"], ["d"], ["e"], ["f"]]);
  assertEquals(splitCommands("(cd x && deno task y) || true"), [
    ["cd", "x"],
    ["deno", "task", "y"],
    [
      "true",
    ],
  ]);
  assertEquals(splitCommands(`deno run "--allow-read=a b" 'x;y' ""`), [
    ["deno", "run", "--allow-read=a b", "x;y", ""],
  ]);
  assertEquals(splitCommands("   "), []);
});

Deno.test("auditTask() refuses blanket permissions in every spelling", async (t) => {
  const cases: [string, string[]][] = [
    ["deno run -A x.ts", ["-A"]],
    ["deno test --allow-all", ["--allow-all"]],
    ["deno run --allow-run x.ts", ["--allow-run"]],
    ["deno run --allow-write x.ts", ["--allow-write"]],
    ["deno run -W x.ts", ["-W"]],
    ["deno run --allow-env x.ts", ["--allow-env"]],
    ["deno run -E x.ts", ["-E"]],
    ["deno run --allow-net=localhost x.ts", ["--allow-net=localhost"]],
    ["deno run -N x.ts", ["-N"]],
    ["deno run --allow-ffi x.ts", ["--allow-ffi"]],
    ["deno run --allow-import x.ts", ["--allow-import"]],
    ["deno run --allow-sys x.ts", ["--allow-sys"]],
    ["deno run -P x.ts", ["-P"]],
    ["deno run --allow-read x.ts", ["--allow-read"]],
    ["deno run -R x.ts", ["-R"]],
    ["deno run --allow-read=/ x.ts", ["--allow-read=/"]],
    ["deno run --allow-write=/ x.ts", ["--allow-write=/"]],
    ["deno run --allow-frobnicate x.ts", ["--allow-frobnicate"]],
  ];
  for (const [command, expected] of cases) {
    await t.step(command, () => assertEquals(flagsOf("t", command), expected));
  }
});

Deno.test("auditTask() refuses inexact lists: empty entries, wildcards, repeats", () => {
  assertEquals(flagsOf("t", "deno run --allow-run= x.ts"), ["--allow-run="]);
  assertEquals(flagsOf("t", "deno run --allow-run=deno,,make x.ts"), ["--allow-run=deno,,make"]);
  assertEquals(flagsOf("t", "deno run --allow-run=* x.ts"), ["--allow-run=*"]);
  assertEquals(flagsOf("t", "deno run --allow-write=a,a x.ts"), ["--allow-write=a,a"]);
  const [violation] = auditTask("t", "deno run --allow-run=coq* x.ts");
  assertStringIncludes(violation!.message, "wildcard");
});

Deno.test("auditTask() accepts exact lists", () => {
  assertEquals(
    flagsOf(
      "verify",
      "deno run --allow-run=coqc,coqchk,coq_makefile,make --allow-read=proofs " +
        "--allow-write=proofs,verify_report.json --allow-env=HOME,PATH verify/cli.ts",
    ),
    [],
  );
  assertEquals(flagsOf("t", "deno run -R=a,b -W=c x.ts"), []);
  // --deny-* flags take permissions away, so they are never a problem.
  assertEquals(flagsOf("t", "deno run --allow-read=. --deny-read=.env --deny-net x.ts"), []);
});

Deno.test("auditTask() allows a bare --allow-read only for a task on the exception list", () => {
  assertEquals(flagsOf("lex", "deno run --allow-read cli/mod.ts", { lex: "reads any file" }), []);
  assertEquals(flagsOf("other", "deno run --allow-read x.ts", { lex: "reads any file" }), [
    "--allow-read",
  ]);
  // The exception covers reading only: the same task still may not write everywhere.
  assertEquals(
    flagsOf("lex", "deno run --allow-read --allow-write x.ts", { lex: "reads any file" }),
    ["--allow-write"],
  );
});

Deno.test("auditTask() reads every deno command of a compound line and only deno's flags", () => {
  assertEquals(
    flagsOf("t", "deno run --allow-read=. a.ts && deno run -A b.ts; echo --allow-all"),
    ["-A"],
  );
  // Subcommands that run no code take no permission flags (deno fmt, deno lint, deno task).
  assertEquals(flagsOf("t", "deno fmt --check && deno task other --allow-all"), []);
});

Deno.test("auditTasks() audits both task forms and names the task of each violation", () => {
  const violations = auditTasks({
    a: "deno run --allow-run=deno a.ts",
    b: { command: "deno test --allow-net", description: "b" },
    c: { dependencies: ["a"] },
  });
  assertEquals(violations.map((v) => [v.task, v.flag]), [["b", "--allow-net"]]);
  assertEquals(taskCommand(42), undefined);
});

const denoJson = new URL("../deno.json", import.meta.url);

Deno.test("every task in deno.json names exactly the permissions it needs", async () => {
  const tasks = withWrappedCommands(parseTasks(await Deno.readTextFile(denoJson)));
  const violations = auditTasks(Object.fromEntries(tasks), {
    bareReadExceptions: BARE_READ_EXCEPTIONS,
    netExceptions: NET_EXCEPTIONS,
  });
  assertEquals(
    violations.map((v) => `${v.task}: ${v.flag}: ${v.message}`),
    [],
    "tasks with broader permissions than a list",
  );
});

Deno.test("BARE_READ_EXCEPTIONS names only existing tasks, each with a reason", async () => {
  const tasks = withWrappedCommands(parseTasks(await Deno.readTextFile(denoJson)));
  for (const [task, reason] of Object.entries(BARE_READ_EXCEPTIONS)) {
    assertEquals(tasks.has(task), true, `exception for a task deno.json lacks: ${task}`);
    assertEquals(reason.length > 20, true, `exception without a real reason: ${task}`);
    // A stale exception (the task now lists its paths) must be removed, not kept "just in case".
    assertEquals(
      auditTask(task, tasks.get(task)!).length > 0,
      true,
      `task ${task} no longer needs its bare --allow-read exception; remove it`,
    );
  }
});

Deno.test("the ci task may run only deno and writes only its JSON summary", async () => {
  const tasks = parseTasks(await Deno.readTextFile(denoJson));
  const words = splitCommands(tasks.get("ci") ?? "")[0] ?? [];
  assertEquals(words.filter((w) => w.startsWith("--allow-run")), ["--allow-run=deno"]);
  assertEquals(words.filter((w) => w.startsWith("--allow-write")), [
    "--allow-write=ci_report.json",
  ]);
});

/** The entries of one list flag (`--allow-run=`, `--allow-env=`) across every task. */
function listEntries(tasks: Map<string, string>, flag: string): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const [task, command] of tasks) {
    for (const words of splitCommands(command)) {
      for (const w of words) {
        if (!w.startsWith(`${flag}=`)) continue;
        for (const entry of w.slice(flag.length + 1).split(",")) {
          used.set(entry, [...(used.get(entry) ?? []), task]);
        }
      }
    }
  }
  return used;
}

for (
  const [flag, record, name] of [
    ["--allow-run", RUN_PROGRAMS, "RUN_PROGRAMS"],
    ["--allow-env", ENV_VARIABLES, "ENV_VARIABLES"],
  ] as const
) {
  Deno.test(`every ${flag} entry in deno.json is in ${name} with its reason, and none is stale`, async () => {
    const used = listEntries(
      withWrappedCommands(parseTasks(await Deno.readTextFile(denoJson))),
      flag,
    );
    for (const [entry, tasks] of used) {
      assertEquals(Object.hasOwn(record, entry), true, `${entry} (in ${tasks}) is not in ${name}`);
    }
    for (const [entry, reason] of Object.entries(record)) {
      assertEquals(used.has(entry), true, `${name} lists ${entry}, which no task names; remove it`);
      assertEquals(reason.length > 20, true, `${name}.${entry} has no real reason`);
    }
  });
}
Deno.test("auditTask() allows --allow-net only to a listed task's own hosts", () => {
  const net = { serve: { hosts: ["127.0.0.1:8787"], reason: "listens on loopback" } };
  const flags = (task: string, command: string) =>
    auditTask(task, command, { netExceptions: net }).map((v) => v.flag);
  assertEquals(flags("serve", "deno run --allow-net=127.0.0.1:8787 x.ts"), []);
  assertEquals(flags("serve", "deno run --allow-net x.ts"), ["--allow-net"]);
  assertEquals(flags("serve", "deno run -N x.ts"), ["-N"]);
  assertEquals(flags("serve", "deno run --allow-net=127.0.0.1 x.ts"), ["--allow-net=127.0.0.1"]);
  assertEquals(flags("serve", "deno run --allow-net=127.0.0.1:8787,example.com x.ts"), [
    "--allow-net=127.0.0.1:8787,example.com",
  ]);
  assertEquals(flags("serve", "deno run --allow-net=0.0.0.0:8787 x.ts"), [
    "--allow-net=0.0.0.0:8787",
  ]);
  assertEquals(flags("other", "deno run --allow-net=127.0.0.1:8787 x.ts"), [
    "--allow-net=127.0.0.1:8787",
  ]);
  const [v] = auditTask("serve", "deno run --allow-net=127.0.0.1:9 x.ts", { netExceptions: net });
  assertStringIncludes(v!.message, "beyond the task's documented hosts");
});

Deno.test("NET_EXCEPTIONS: existing tasks, loopback hosts with a port, a reason, each used", async () => {
  const tasks = parseTasks(await Deno.readTextFile(denoJson));
  for (const [task, { hosts, reason }] of Object.entries(NET_EXCEPTIONS)) {
    assertEquals(tasks.has(task), true, `network exception for a task deno.json lacks: ${task}`);
    assertEquals(reason.length > 20, true, `network exception without a real reason: ${task}`);
    for (const h of hosts) assertEquals(/^127\.0\.0\.1:\d+$/.test(h), true, h);
    const nets = splitCommands(tasks.get(task)!).flat().filter((w) => w.startsWith("--allow-net"));
    assertEquals(nets, [`--allow-net=${hosts.join(",")}`], `task ${task} uses its exception`);
  }
});

Deno.test("the browser tests may run only Chromium and read only the environment they list", async () => {
  const tasks = parseTasks(await Deno.readTextFile(denoJson));
  for (const task of ["test:browser", "bench:browser"]) {
    const words = splitCommands(tasks.get(task) ?? "").flat();
    assertEquals(words.filter((w) => w.startsWith("--allow-run")), [
      "--allow-run=/usr/bin/chromium",
    ]);
    // HOME, PATH and the temporary directories are what playwright-core and Chromium read
    // (editors/browser/_node_env.ts); NODE_V8_COVERAGE is read by Deno's node:child_process.
    assertEquals(words.filter((w) => w.startsWith("--allow-env")), [
      "--allow-env=HOME,PATH,TMPDIR,TMP,TEMP,NODE_V8_COVERAGE",
    ]);
  }
});

Deno.test("the oracle runs only the extracted lexer's driver; oracle:mutant builds and runs a mutant", async () => {
  const tasks = parseTasks(await Deno.readTextFile(denoJson));
  const flags = (task: string) =>
    splitCommands(tasks.get(task) ?? "").flat().filter((w) => w.startsWith("--allow-"));
  assertEquals(flags("oracle"), [
    "--allow-run=proofs/_build/oracle",
    "--allow-read=.,../shared",
    "--allow-write=oracle_report.json,verify/oracle_regressions",
  ]);
  assertEquals(flags("oracle:mutant"), [
    "--allow-run=coq_makefile,make,coqc,ocamlopt,proofs/_build/oracle,proofs/_build/mutant-oracle",
    "--allow-read=proofs",
    "--allow-write=proofs/_build/mutant",
  ]);
  assertEquals(auditTask("oracle", tasks.get("oracle")!), []);
  assertEquals(auditTask("oracle:mutant", tasks.get("oracle:mutant")!), []);
});
