import { assertEquals, assertStrictEquals } from "@std/assert";
import { resolveOptions } from "./options.ts";
import { INITIAL_STATE, type LexState } from "./state.ts";
import { StateTable } from "./_state_table.ts";
import { LineScanner, type ScanWatcher, STOPPED } from "./_line_scanner.ts";
import { TokenBuffer } from "./_token_buffer.ts";
import { TOKEN_KINDS, tokenKindCode, tokenLength, tokenMath } from "./token_kind.ts";

interface Case {
  desc: string;
  start: Partial<LexState>;
  line: string;
  tokens: ([string, string] | [string, string, "math"])[];
  end: Partial<LexState>;
}

const { cases } = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/scanner_lines.json", import.meta.url)),
) as { cases: Case[] };

function scanner(): { scanner: LineScanner; table: StateTable } {
  const table = new StateTable();
  const config = resolveOptions();
  table.intern(config.initial);
  return { scanner: new LineScanner(config, table), table };
}

function decode(line: string, out: TokenBuffer): Case["tokens"] {
  const tokens: Case["tokens"] = [];
  let column = 0;
  for (let i = 0; i < out.count; i++) {
    const w = out.words[i]!;
    const text = line.slice(column, column + tokenLength(w));
    const kind = TOKEN_KINDS[tokenKindCode(w)]!;
    tokens.push(tokenMath(w) ? [kind, text, "math"] : [kind, text]);
    column += text.length;
  }
  return tokens;
}

for (const c of cases) {
  Deno.test(`LineScanner.scan(): ${c.desc}`, () => {
    const { scanner: s, table } = scanner();
    const start = table.intern({ ...INITIAL_STATE, ...c.start });
    const out = new TokenBuffer(4);
    const end = s.scan(c.line, start, out);
    assertEquals(decode(c.line, out), c.tokens);
    assertEquals(table.state(end), { ...INITIAL_STATE, ...c.end });
  });
}

Deno.test("LineScanner.scan() appends to its buffer and returns the start id for an unchanged state", () => {
  const { scanner: s } = scanner();
  const out = new TokenBuffer(1);
  assertEquals(s.scan("a b", 0, out), 0);
  assertEquals(s.scan("c", 0, out), 0);
  assertEquals(out.count, 4);
});

Deno.test("LineScanner.scan() calls a watcher at token boundaries only, and stops when told", () => {
  const { scanner: s } = scanner();
  const seen: number[] = [];
  const watcher: ScanWatcher = {
    reached(pos, _scanner, tokens) {
      seen.push(pos, tokens);
      return pos >= 8 ? STOPPED : pos + 1;
    },
  };
  const out = new TokenBuffer();
  assertEquals(s.scan("\\emph{ab} cd", 0, out, { watcher, watchFrom: 1 }), STOPPED);
  // Boundaries: 5 (after \emph), 6 ({), 8 (ab): the watcher stops there.
  assertEquals(seen, [5, 1, 6, 2, 8, 3]);
  assertEquals(out.count, 3);
});

Deno.test("LineScanner.scan() resumed from a snapshot lexes the rest of the line as a full scan does", () => {
  const line = "$a \\text{b} c$ \\catcode`\\|=13 |x| \\verb+y+ z";
  const { scanner: s } = scanner();
  const full = new TokenBuffer();
  const endFull = s.scan(line, 0, full);
  const snaps: { pos: number; tokens: number; snap: ReturnType<LineScanner["snapshot"]> }[] = [];
  const watcher: ScanWatcher = {
    reached(pos, sc, tokens) {
      snaps.push({ pos, tokens, snap: sc.snapshot(pos) });
      return pos + 1;
    },
  };
  s.scan(line, 0, new TokenBuffer(), { watcher, watchFrom: 0 });
  for (const { pos, tokens, snap } of snaps) {
    const out = new TokenBuffer();
    const end = s.scan(line, 0, out, { resume: snap, resumeAt: pos });
    assertEquals([...out.words.subarray(0, out.count)], [
      ...full.words.subarray(tokens, full.count),
    ]);
    assertStrictEquals(end, endFull);
  }
});

Deno.test("LineScanner.scan(): \\ensuremath's argument is math in text and its group ends it", () => {
  const { scanner: s, table } = scanner();
  const out = new TokenBuffer();
  const line = "a \\ensuremath{x^2} b";
  const end = s.scan(line, 0, out);
  const tokens = decode(line, out);
  assertEquals(tokens.slice(3, 8), [
    ["begin_group", "{"],
    ["text", "x", "math"],
    ["superscript", "^", "math"],
    ["text", "2", "math"],
    ["end_group", "}"],
  ]);
  assertEquals(tokens.at(-1), ["text", "b"]);
  assertEquals(table.state(end), INITIAL_STATE);
});

Deno.test("LineScanner.scan(): \\ensuremath in math changes nothing; as for \\text, its `{` must be on its line", () => {
  const { scanner: s, table } = scanner();
  const out = new TokenBuffer();
  assertEquals(decode("$\\ensuremath{y}$", (s.scan("$\\ensuremath{y}$", 0, out), out)).at(-1), [
    "math_shift",
    "$",
    "math",
  ]);
  const out2 = new TokenBuffer();
  const mid = s.scan("\\ensuremath", 0, out2);
  const end = s.scan("{z} w", mid, out2);
  assertEquals(decode("\\ensuremath{z} w", out2).slice(1, 4), [
    ["begin_group", "{"],
    ["text", "z"],
    ["end_group", "}"],
  ]);
  assertEquals(table.state(end).mode, INITIAL_STATE.mode);
});
