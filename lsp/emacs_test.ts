/**
 * A real editor against the server: Emacs with lsp-mode (Debian's `emacs-nox` and
 * `elpa-lsp-mode`), run as a daemon and driven by emacsclient. It opens a `.tex` file, connects,
 * asks for semantic tokens with delta requests, types a sequence of edits, and the faces read
 * from the Emacs buffer itself must be those the lexer's classification gives.
 *
 * lsp-mode counts columns in characters, not UTF-16 code units, so the text stays in the Basic
 * Multilingual Plane, where the two agree.
 *
 * @module
 */

import { assertEquals, assertGreater } from "@std/assert";
import { SEMANTIC_LEGEND } from "../mod.ts";
import { expectedTokens, ROOT } from "./_test_client.ts";

async function found(program: string): Promise<boolean> {
  try {
    await new Deno.Command(program, { args: ["--version"], stdout: "null", stderr: "null" })
      .output();
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

const haveEmacs = await found("emacs") && await found("emacsclient");
if (!haveEmacs) {
  console.warn(
    "lsp/emacs_test.ts: emacs or emacsclient is not installed; the Emacs test skips " +
      "(install Debian's emacs-nox and elpa-lsp-mode to run it)",
  );
}

/** An edit as the test types it: `type` one keystroke a character, `paste` at once. */
type Edit =
  | { kind: "type" | "paste"; at: number; text: string }
  | { kind: "delete"; at: number; to: number };

const START = [
  "\\documentclass{article}",
  "\\usepackage{amsmath}",
  "\\begin{document}",
  "\\section{Intro}\\label{sec:intro}",
  "Some text with $x^2 + y$ and \\emph{café}.",
  "% a comment",
  "See \\ref{sec:intro} and \\cite{knuth}.",
  "\\end{document}",
  "",
].join("\n");

/** Offsets of `needle` in START-derived texts are computed when the edit runs. */
const EDITS: ((text: string) => Edit)[] = [
  (t) => ({ kind: "type", at: t.indexOf("and \\emph"), text: "$a+b$ " }),
  (t) => ({ kind: "paste", at: t.indexOf("% a comment"), text: "\\subsection{Two}\n" }),
  (t) => ({ kind: "type", at: t.indexOf("See"), text: "% " }),
  (t) => ({ kind: "delete", at: t.indexOf("$x^2"), to: t.indexOf("$x^2") + 1 }),
  (t) => ({ kind: "type", at: t.indexOf("\\end{document}"), text: "\\begin{verbatim}\nαβ $\n" }),
  (t) => ({ kind: "type", at: t.indexOf("\\end{document}"), text: "\\end{verbatim}\n" }),
  () => ({ kind: "type", at: 0, text: "x" }),
  (t) => ({ kind: "type", at: t.indexOf("Two"), text: "ü" }),
];

interface Dump {
  text: string;
  faces: string[][];
  typeFaces: Record<string, string>;
  modifierFaces: Record<string, string>;
}

function expectedFaces(text: string, dump: Dump): string[][] {
  const out: string[][] = Array.from({ length: text.length }, () => []);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  for (
    const [line, character, length, type, modifiers] of expectedTokens(text, "a.tex", "utf-32")
  ) {
    const faces: string[] = [];
    const typeFace = dump.typeFaces[SEMANTIC_LEGEND.tokenTypes[type!]!];
    if (typeFace !== undefined) faces.push(typeFace);
    SEMANTIC_LEGEND.tokenModifiers.forEach((name, bit) => {
      const face = dump.modifierFaces[name];
      if ((modifiers! & (1 << bit)) !== 0 && face !== undefined) faces.push(face);
    });
    faces.sort();
    for (let k = 0; k < length!; k++) out[lineStarts[line!]! + character! + k] = faces;
  }
  return out;
}

Deno.test({
  name: "lsp: Emacs lsp-mode shows the lexer's classification as faces while typing (BMP only)",
  ignore: !haveEmacs,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "lp_emacs_" });
    const socket = `${dir}/server`;
    const file = `${dir}/a.tex`;
    await Deno.writeTextFile(file, START);
    const ec = async (expr: string): Promise<string> => {
      const out = await new Deno.Command("emacsclient", {
        args: ["-s", socket, "--eval", expr],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder().decode(out.stdout).trim();
      if (!out.success) {
        throw new Error(`emacsclient ${expr}: ${new TextDecoder().decode(out.stderr)}`);
      }
      return text;
    };
    const daemon = await new Deno.Command("emacs", {
      args: ["-Q", `--daemon=${socket}`, "-l", `${ROOT}lsp/testdata/emacs_lsp.el`],
      env: { LP_ROOT: ROOT },
      stdout: "null",
      stderr: "piped",
    }).output();
    assertEquals(daemon.success, true, new TextDecoder().decode(daemon.stderr));
    const fresh = async (what: string) => {
      for (let i = 0; i < 100; i++) {
        if ((await ec("(lp-wait 0.05)")).includes(":fresh t")) return;
      }
      throw new Error(`Emacs never got fresh tokens after ${what}: ${await ec("(lp-state)")}`);
    };
    const dumpFile = `${dir}/dump.json`;
    const check = async (text: string, what: string) => {
      await fresh(what);
      await ec(`(lp-dump ${JSON.stringify(dumpFile)})`);
      const dump = JSON.parse(await Deno.readTextFile(dumpFile)) as Dump;
      assertEquals(dump.text, text, `the buffer's text after ${what}`);
      assertEquals(dump.faces, expectedFaces(text, dump), `faces after ${what}`);
    };
    try {
      await ec(`(lp-open ${JSON.stringify(file)})`);
      let text = START;
      await check(text, "opening the file");
      for (const make of EDITS) {
        const e = make(text);
        if (e.kind === "delete") {
          await ec(`(lp-delete ${e.at + 1} ${e.to + 1})`);
          text = text.slice(0, e.at) + text.slice(e.to);
        } else {
          await ec(
            `(lp-${e.kind === "type" ? "type" : "insert"} ${e.at + 1} ${JSON.stringify(e.text)})`,
          );
          text = text.slice(0, e.at) + e.text + text.slice(e.at);
        }
        await check(text, JSON.stringify(e));
      }
      // The faces came through delta requests, and they are not all empty.
      assertGreater(Number(await ec("lp-delta-responses")), EDITS.length / 2);
      const dump = JSON.parse(await Deno.readTextFile(dumpFile)) as Dump;
      const seen = new Set(dump.faces.flat());
      for (const face of ["lsp-face-semhl-comment", "lsp-face-semhl-macro"]) {
        assertEquals(seen.has(face), true, `${face} in the buffer`);
      }
    } finally {
      // lp-quit shuts the server down and ends the daemon; wait until its socket answers no more.
      await ec("(lp-quit)").catch(() => {});
      for (let i = 0; i < 50; i++) {
        if (!(await ec("t").then(() => true, () => false))) break;
        await new Promise((r) => setTimeout(r, 100));
        if (i === 49) await ec("(kill-emacs 1)").catch(() => {});
      }
      await Deno.remove(dir, { recursive: true });
    }
  },
});
