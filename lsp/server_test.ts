import { assertEquals, assertNotEquals, assertRejects, assertStringIncludes } from "@std/assert";
import { ErrorCodes, LSPErrorCodes } from "vscode-languageserver/node";
import { FC_SEED } from "../lexer/testdata/fc_params.ts";
import {
  applyDelta,
  decodeTokens,
  expectedAnalysis,
  expectedTokens,
  ROOT,
  type SemanticTokens,
  type SemanticTokensDelta,
  startClient,
  type TestClient,
} from "./_test_client.ts";

const CORPUS = new URL("../../shared/corpus/", import.meta.url);
const corpusPresent = (() => {
  try {
    return Deno.statSync(CORPUS).isDirectory;
  } catch {
    return false;
  }
})();
if (!corpusPresent) {
  console.warn("lsp/server_test.ts: ../shared/corpus is absent; corpus steps skip");
}

/** Corpus files: CRLF line endings, non-ASCII text, a package (`@` a letter), a large file. */
const CORPUS_FILES = [
  "gh_OpenLogicProject_OpenLogic__content__methods__proofs__inference-patterns.tex", // CRLF
  "gh_OpenLogicProject_OpenLogic__content__set-theory__choice__vitali.tex", // CRLF
  "deb_texlive-latex-recommended-doc__doc__latex__polyglossia__example-arabic.tex",
  "gh_tuna_thuthesis__data__chap01.tex",
  "gh_HoTT_book__basics.tex",
  "deb_texlive-latex-recommended__tex__latex__fancyvrb__fancyvrb.sty",
];

/** A small seeded generator (mulberry32), so a failure replays with FC_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "x",
  " ",
  "é",
  "😀",
  "𝔸",
  "\n",
  "\r\n",
  "\n\n",
  "$",
  "$$",
  "\\(",
  "\\]",
  "{",
  "}",
  "%",
  "\\section{New}",
  "\\label{n}",
  "\\begin{itemize}",
  "\\end{itemize}",
  "\\begin{verbatim}",
  "\\end{verbatim}",
  "\\end{foo}",
  "\\ref{n}",
  "\\cite{k}",
];

/** An offset that splits neither a surrogate pair nor a `\r\n`. */
function safeOffset(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  const p = text.charCodeAt(offset - 1);
  if (c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff) return offset - 1;
  if (c === 0x0a && p === 0x0d) return offset - 1;
  return offset;
}

/** One to three random changes, each against the text the ones before it leave. */
function randomChanges(
  text: string,
  next: () => number,
): { from: number; to: number; text: string }[] {
  const n = 1 + Math.floor(next() * 3);
  const out = [];
  for (let i = 0; i < n; i++) {
    const from = safeOffset(text, Math.floor(next() * (text.length + 1)));
    const to = safeOffset(text, Math.min(text.length, from + Math.floor(next() * 8)));
    let insert = "";
    const pieces = Math.floor(next() * 3);
    for (let k = 0; k < pieces; k++) insert += PIECES[Math.floor(next() * PIECES.length)]!;
    out.push({ from, to: Math.max(from, to), text: insert });
    text = text.slice(0, from) + insert + text.slice(Math.max(from, to));
  }
  return out;
}

/** Asks for a delta, applies it, and checks the tokens against a fresh lex of the client's text. */
async function checkDelta(
  c: TestClient,
  uri: string,
  base: SemanticTokens,
): Promise<SemanticTokens> {
  const r = await c.request<SemanticTokensDelta | SemanticTokens>(
    "textDocument/semanticTokens/full/delta",
    { textDocument: { uri }, previousResultId: base.resultId },
  );
  const data = "edits" in r ? applyDelta(base.data, r) : r.data;
  const text = c.text(uri);
  assertEquals(decodeTokens(data), expectedTokens(text, uri, c.encoding), JSON.stringify(text));
  return { resultId: r.resultId!, data };
}

async function full(c: TestClient, uri: string): Promise<SemanticTokens> {
  return await c.request<SemanticTokens>("textDocument/semanticTokens/full", {
    textDocument: { uri },
  });
}

/** Checks folding, symbols and the last published diagnostics against a fresh analysis. */
async function checkAnalysis(c: TestClient, uri: string): Promise<void> {
  const expected = expectedAnalysis(c.text(uri), uri);
  const folds = await c.request("textDocument/foldingRange", { textDocument: { uri } });
  const symbols = await c.request("textDocument/documentSymbol", { textDocument: { uri } });
  assertEquals(folds, expected.folds);
  assertEquals(symbols, expected.symbols);
  assertEquals(c.diagnostics.get(uri)?.diagnostics, expected.diagnostics);
}

async function withClient(
  options: { encodings?: string[]; tap?: boolean },
  run: (c: TestClient) => Promise<void>,
): Promise<void> {
  const c = startClient({ tap: options.tap ?? false });
  try {
    await c.initialize(options.encodings ? { encodings: options.encodings } : {});
    await run(c);
    const { code, stderr } = await c.stop();
    assertEquals(code, 0, `exit code; stderr:\n${stderr}`);
    // Logs go to stderr only: the server wrote nothing on stdout the client could not read.
    assertEquals(c.clientErrors.filter((e) => !e.includes("without id")), []);
  } catch (e) {
    await c.kill();
    throw e;
  }
}

Deno.test("lsp: initialize announces the capabilities and negotiates the position encoding", async () => {
  for (
    const [offered, chosen] of [
      [undefined, "utf-16"],
      [["utf-8", "utf-16"], "utf-8"],
      [["utf-32"], "utf-32"],
      [["latin1", "utf-16"], "utf-16"],
    ] as const
  ) {
    await withClient({ ...(offered ? { encodings: [...offered] } : {}) }, (c) => {
      assertEquals(c.encoding, chosen);
      return Promise.resolve();
    });
  }
});

Deno.test("lsp: initialize result has incremental sync, semantic tokens, folding, symbols", async () => {
  const c = startClient();
  try {
    const init = await c.initialize() as { capabilities: Record<string, unknown> };
    const caps = init.capabilities;
    assertEquals(caps.textDocumentSync, { openClose: true, change: 2 });
    assertEquals((caps.semanticTokensProvider as Record<string, unknown>).full, { delta: true });
    assertEquals((caps.semanticTokensProvider as Record<string, unknown>).range, true);
    assertEquals(caps.foldingRangeProvider, true);
    assertEquals(caps.documentSymbolProvider, true);
    await c.stop();
  } catch (e) {
    await c.kill();
    throw e;
  }
});

Deno.test({
  name: "lsp: corpus files (CRLF, non-ASCII, .sty) open with tokens equal to a batch lex",
  ignore: !corpusPresent,
  fn: async () => {
    await withClient({}, async (c) => {
      for (const name of CORPUS_FILES) {
        const uri = `file:///corpus/${name}`;
        const text = await Deno.readTextFile(new URL(name, CORPUS));
        await c.open(uri, text);
        const r = await full(c, uri);
        assertEquals(decodeTokens(r.data), expectedTokens(text, uri, "utf-16"), name);
        await checkAnalysis(c, uri);
      }
    });
  },
});

for (const encoding of ["utf-16", "utf-8", "utf-32"]) {
  Deno.test(`lsp: random didChange sequences keep tokens equal to batch (${encoding})`, async () => {
    const seed = (FC_SEED ^ encoding.length) | 0;
    const next = random(seed);
    await withClient({ encodings: [encoding] }, async (c) => {
      assertEquals(c.encoding, encoding);
      const uri = "file:///edit/paper.tex";
      await c.open(
        uri,
        "\\section{Intro}\r\nSome $x$ text é 😀.\n\n\\begin{itemize}\n\\item a\n\\end{itemize}\n",
      );
      let tokens = await full(c, uri);
      for (let step = 0; step < 150; step++) {
        const text = c.text(uri);
        const whole = step % 20 === 19;
        await c.change(
          uri,
          whole
            ? [{ text: text.slice(0, text.length >> 1) + "\\[y\\]" }]
            : randomChanges(text, next),
        );
        tokens = await checkDelta(c, uri, tokens);
        if (encoding === "utf-16") await checkAnalysis(c, uri);
        {
          // A range from the middle of the document: the tokens of its lines that overlap it.
          const t = c.text(uri);
          const a = c.position(t, safeOffset(t, t.length >> 2));
          const b = c.position(t, safeOffset(t, (3 * t.length) >> 2));
          const r = await c.request<{ data: number[] }>("textDocument/semanticTokens/range", {
            textDocument: { uri },
            range: { start: a, end: b },
          });
          const want = expectedTokens(t, uri, c.encoding).filter(([l, ch, len]) =>
            l! >= a.line && l! <= b.line &&
            !(l === a.line && ch! + len! <= a.character && len! > 0) &&
            !(l === b.line && ch! >= b.character)
          );
          assertEquals(decodeTokens(r.data), want, `range, FC_SEED=${FC_SEED}`);
        }
        if (step % 5 === 4) {
          // A full result in between: the next delta builds on it.
          tokens = await full(c, uri);
          const want = expectedTokens(c.text(uri), uri, c.encoding);
          assertEquals(decodeTokens(tokens.data), want, `full, FC_SEED=${FC_SEED}`);
        }
      }
      assertEquals(
        decodeTokens((await full(c, uri)).data),
        expectedTokens(c.text(uri), uri, c.encoding),
      );
    });
  });
}

Deno.test("lsp: diagnostics are published after edits, in the negotiated encoding", async () => {
  await withClient({ encodings: ["utf-32"] }, async (c) => {
    const uri = "file:///diag/a.tex";
    const published = c.nextDiagnostics();
    await c.open(uri, "😀 $x\n\ny\n");
    await published;
    const d = c.diagnostics.get(uri)!.diagnostics as {
      range: { start: { character: number } };
      message: string;
    }[];
    assertEquals(d.length, 1);
    assertStringIncludes(d[0]!.message, "Math opened here");
    // One code point before the `$`, then a space: UTF-32 column 2 (UTF-16 would say 3).
    assertEquals(d[0]!.range.start.character, 2);
    const fixed = c.nextDiagnostics();
    await c.change(uri, [{ from: 5, to: 5, text: "$" }]);
    await fixed;
    assertEquals(c.diagnostics.get(uri)!.diagnostics, []);
    assertEquals(c.diagnostics.get(uri)!.version, 2);
  });
});

Deno.test("lsp: math and braces left open before \\section are diagnosed, edit by edit", async () => {
  await withClient({}, async (c) => {
    const uri = "file:///diag/recovery.tex";
    const text = "Intro $x$ and {y}.\n\\section{B}\nBody.\n";
    let published = c.nextDiagnostics();
    await c.open(uri, text);
    await published;
    assertEquals(c.diagnostics.get(uri)!.diagnostics, []);
    const messages = () =>
      (c.diagnostics.get(uri)!.diagnostics as {
        range: { start: { line: number; character: number } };
        message: string;
      }[]).map((d) => [d.range.start.line, d.range.start.character, d.message]);
    // Delete the closing `$`: the math now runs into the \section, which closes it.
    published = c.nextDiagnostics();
    await c.change(uri, [{ from: 8, to: 9, text: "" }]);
    await published;
    assertEquals(messages(), [
      [0, 6, "Math opened here is still open where \\section ends the paragraph"],
    ]);
    await checkAnalysis(c, uri);
    // Put it back and delete the `}` instead, then open math after the \section on its line.
    published = c.nextDiagnostics();
    await c.change(uri, [{ from: 8, to: 8, text: "$" }, { from: 16, to: 17, text: "" }]);
    await published;
    assertEquals(messages(), [
      [0, 14, "Unbalanced braces: this `{` is still open where \\section ends the paragraph"],
    ]);
    published = c.nextDiagnostics();
    await c.change(uri, [{ from: 29, to: 29, text: " \\(z" }]);
    await published;
    assertEquals(messages(), [
      [0, 14, "Unbalanced braces: this `{` is still open where \\section ends the paragraph"],
      [1, 12, "Math opened here is still open at the end of the paragraph"],
    ]);
    await checkAnalysis(c, uri);
  });
});

Deno.test("lsp: .sty and .cls files are lexed with @ as a letter, .tex files not", async () => {
  await withClient({}, async (c) => {
    const text = "\\def\\x@y{\\end{z}}\n";
    await c.open("file:///p/a.sty", text);
    await c.open("file:///p/a.tex", text);
    const sty = decodeTokens((await full(c, "file:///p/a.sty")).data);
    const tex = decodeTokens((await full(c, "file:///p/a.tex")).data);
    assertEquals(sty, expectedTokens(text, "a.sty", "utf-16"));
    assertEquals(tex, expectedTokens(text, "a.tex", "utf-16"));
    assertNotEquals(sty, tex, "the two files lex differently");
  });
});

Deno.test("lsp: bad input gets JSON-RPC errors and the server keeps serving", async () => {
  await withClient({ tap: true }, async (c) => {
    const uri = "file:///bad/a.tex";
    await c.open(uri, "ab😀c\r\nd\n");
    const alive = async () => {
      const r = await full(c, uri);
      assertEquals(decodeTokens(r.data), expectedTokens(c.text(uri), uri, "utf-16"));
    };
    const code = async (p: Promise<unknown>, expected: number) => {
      const e = await assertRejects(() => p) as { code?: number };
      assertEquals(e.code, expected);
    };
    // Malformed JSON, and JSON that is no message: error responses with a null id.
    await c.writeRaw("{not json");
    await c.writeRaw("[1, 2]");
    await alive();
    assertStringIncludes(c.raw, `"id":null,"error":{"code":-32700`);
    assertStringIncludes(c.raw, `"id":null,"error":{"code":-32600`);
    // Unknown methods: an error for a request, nothing for a notification.
    await code(c.request("latex/nothing", {}), ErrorCodes.MethodNotFound);
    await c.connection.sendNotification("latex/nothing", {});
    await alive();
    // Positions out of range, a document never opened.
    await code(
      c.request("textDocument/semanticTokens/range", {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
      }),
      ErrorCodes.InvalidParams,
    );
    await code(full(c, "file:///bad/never.tex"), ErrorCodes.InvalidParams);
    // Changes the server refuses (a notification has no response: it shows an error message):
    // to a document never opened, splitting the surrogate pair, splitting the \r\n, past the end.
    const refused = [
      { uri: "file:///bad/never.tex", range: [0, 0, 0, 0] },
      { uri, range: [0, 3, 0, 3] },
      { uri, range: [0, 6, 0, 6] },
      { uri, range: [7, 0, 7, 0] },
    ];
    for (const { uri: u, range: [a, b, x, y] } of refused) {
      await c.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: u, version: 99 },
        contentChanges: [{
          range: { start: { line: a, character: b }, end: { line: x, character: y } },
          text: "!",
        }],
      });
      await alive(); // the client did not apply it: equal means the server did not either
    }
    assertEquals(c.messages.filter((m) => m.type === 1).length, refused.length);
    assertStringIncludes(c.messages[1]!.message, "surrogate");
    // A notification with two changes, the second bad: nothing applied.
    await c.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 100 },
      contentChanges: [{
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        text: "ok",
      }, {
        range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } },
        text: "!",
      }],
    });
    await alive();
    // Cancellation: a request cancelled before the server reads it is answered RequestCancelled.
    const request = JSON.stringify({
      jsonrpc: "2.0",
      id: "cancel-me",
      method: "textDocument/semanticTokens/full",
      params: { textDocument: { uri } },
    });
    const cancel = JSON.stringify({
      jsonrpc: "2.0",
      method: "$/cancelRequest",
      params: { id: "cancel-me" },
    });
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    await c.writeRaw(
      `${request}Content-Length: ${bytes(cancel)}\r\n\r\n${cancel}`,
      bytes(request),
    );
    await alive();
    assertStringIncludes(
      c.raw,
      `"id":"cancel-me","error":{"code":${LSPErrorCodes.RequestCancelled}`,
    );
  });
});

Deno.test("lsp: --help prints the usage on stdout and exits 0", async () => {
  const out = await new Deno.Command("deno", {
    args: ["task", "--quiet", "lsp", "--help"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.code, 0);
  assertStringIncludes(new TextDecoder().decode(out.stdout), "Usage: deno task lsp");
});
