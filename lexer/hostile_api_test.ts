/**
 * Hostile arguments (issue 10): symbols, bigints, sparse arrays claiming huge lengths, getters
 * that answer differently each time, non-finite numbers. Each gets a TypeError or RangeError in
 * the API's own words, never JavaScript's (`Cannot convert a Symbol value…`), never a hang, and
 * a session is unchanged after a throw.
 */

import { assertEquals, assertStrictEquals, assertThrows } from "@std/assert";
import {
  decodeState,
  EditorSession,
  encodeState,
  INITIAL_STATE,
  initialState,
  lexLine,
  sameState,
  stateKey,
  tokenize,
} from "../mod.ts";

const HOSTILE: unknown[] = [Symbol("s"), 10n, NaN, Infinity, null, undefined, 1.5, -1, "x"];

function assertOurs(f: () => unknown): void {
  const e = assertThrows(f);
  if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
  if (!/^(Invalid|Cannot apply|Cannot lex)/.test(e.message)) throw e;
}

Deno.test("state functions reject a non-state in their own words", () => {
  for (const v of HOSTILE) {
    if (v !== undefined) assertOurs(() => lexLine("a", v as never));
    assertOurs(() => encodeState(v as never));
    assertOurs(() => stateKey(v as never));
    assertOurs(() => sameState(v as never, INITIAL_STATE));
  }
  assertOurs(() => stateKey({} as never));
});

Deno.test("decodeState answers undefined for non-arrays and sparse huge arrays, at once", () => {
  for (const v of HOSTILE) assertStrictEquals(decodeState(v as never), undefined);
  const enc = encodeState(INITIAL_STATE);
  for (let i = 0; i < enc.length; i++) {
    // A claimed string (or count) of 2^31 units over holes: the reader stops at the first hole.
    const data: number[] = enc.slice(0, i);
    data.push(2 ** 31);
    data.length = 2 ** 32 - 1;
    assertStrictEquals(decodeState(data), undefined);
  }
});

Deno.test("EditorSession rejects symbols in its own words", () => {
  const s = new EditorSession("ab\ncd\n");
  const sym = Symbol("s");
  assertOurs(() => new EditorSession("a", sym as never));
  assertOurs(() => new EditorSession("a", { positionEncoding: sym } as never));
  assertOurs(() => s.offsetAt(sym as never));
  assertOurs(() => s.applyChanges(sym as never));
  assertOurs(() => s.applyChanges([sym] as never));
  assertOurs(() => s.applyChanges([{ text: "x", range: sym }] as never));
  assertEquals(s.text, "ab\ncd\n");
});

Deno.test("EditorSession checks selfCheck numbers instead of looping on them", () => {
  for (const v of [Infinity, NaN, -1, 1.5, 10n, Symbol("s"), "3", 0]) {
    if (v !== 0) {
      assertOurs(() => new EditorSession("a\nb", { selfCheck: { lines: v } } as never));
      assertOurs(() => new EditorSession("a\nb", { selfCheck: { seed: v } } as never));
    }
    assertOurs(() => new EditorSession("a\nb", { selfCheck: { every: v } } as never));
  }
  const s = new EditorSession("a\nb", { selfCheck: { every: 1, lines: 0, seed: 0 } });
  s.edit(0, 0, "x");
  assertEquals(s.text, "xa\nb");
});

Deno.test("applyChanges reads each change's fields once: its undo restores the text", () => {
  const s = new EditorSession("abc\ndef\n");
  let reads = 0;
  // A text getter that grows on each read: the edit and its undo must use the same value.
  const shifty = {
    get text() {
      reads++;
      return "Z".repeat(reads);
    },
    range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } },
  };
  let rangeReads = 0;
  const shiftyRange = {
    text: "Q",
    get range() {
      rangeReads++;
      return rangeReads === 1
        ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
        : undefined;
    },
  };
  const bad = {
    text: "x",
    range: { start: { line: 99, character: 0 }, end: { line: 99, character: 0 } },
  };
  assertOurs(() => s.applyChanges([shifty, shiftyRange, bad] as never));
  assertEquals(s.text, "abc\ndef\n");
  assertEquals([reads, rangeReads], [1, 1]);
});

Deno.test("a range's positions are read once (a getter cannot move them between checks)", () => {
  const s = new EditorSession("a\u{1F600}b\nc\n");
  let n = 0;
  const range = {
    get start() {
      n++;
      return n === 1 ? { line: 0, character: 0 } : { line: 5, character: 0 };
    },
    end: { line: 0, character: 1 },
  };
  s.applyChanges([{ range, text: "x" }]);
  assertEquals([s.text, n], ["x\u{1F600}b\nc\n", 1]);
});

Deno.test("lexLine keys its options by own properties: an inherited flag gets no lexer of its own", () => {
  // Before: the key read `o.atLetter` through the prototype and resolveOptions() did not, so an
  // object inheriting `atLetter: true` cached an `@`-is-other lexer under the key of an own one.
  lexLine("\\@x", undefined, Object.create({ atLetter: true }));
  const own = { atLetter: true };
  assertEquals(lexLine("\\@x", initialState(own), own).tokens, tokenize("\\@x", own));
});

Deno.test("lexLine checks name lists before keying them", () => {
  const sparse: string[] = [];
  sparse.length = 2 ** 32 - 1;
  const getter = Object.defineProperty([], 0, {
    get() {
      throw new Error("getter ran");
    },
    enumerable: true,
  });
  for (const list of [sparse, [10n], [Symbol("s")], getter, Object.freeze([1]), "verbatim"]) {
    assertOurs(() => lexLine("a", undefined, { verbatimEnvironments: list } as never));
    assertOurs(() => initialState({ mathEnvironments: list } as never));
  }
  assertOurs(() => lexLine("a", undefined, { atLetter: Symbol("s") } as never));
  const frozen = Object.freeze(["code"]);
  const o = { verbatimEnvironments: frozen };
  const line = "\\begin{code}$x$";
  assertEquals(lexLine(line, initialState(o), o).tokens, tokenize(line, o));
  assertEquals(lexLine(line, initialState(o), o).tokens, tokenize(line, o));
});

Deno.test("a state whose getter answers the check and the lexer apart gets 'Invalid state'", () => {
  const base = initialState();
  for (const key of Object.keys(base)) {
    for (const bad of [1e9, -5, "x", null, [1, 2, 3], { a: 1 }]) {
      let reads = 0;
      const state: Record<string, unknown> = { ...base };
      Object.defineProperty(state, key, {
        get: () => ++reads === 1 ? (base as unknown as Record<string, unknown>)[key] : bad,
        enumerable: true,
      });
      try {
        const end = lexLine("\\begin{verbatim} $x$ {a} \\verb|x|", state as never).endState;
        encodeState(lexLine("b $ { \\end{verbatim}", end).endState); // what it gave is a state
      } catch (e) {
        if (!(e instanceof TypeError) || !e.message.startsWith("Invalid state: ")) throw e;
      }
    }
  }
});
