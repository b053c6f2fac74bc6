import { assertEquals, assertThrows } from "@std/assert";
import fc from "fast-check";
import { lexDocument, tokenize } from "./document_lexer.ts";
import { IncrementalLexer } from "./incremental.ts";
import { fcParams } from "./testdata/fc_params.ts";

/** Whether an error is the API's own: a TypeError or RangeError in its wording. */
function isApiError(error: unknown): boolean {
  return (error instanceof TypeError || error instanceof RangeError) &&
    /^(Invalid |Cannot apply edit)/.test(error.message);
}

const hostile = fc.oneof(
  fc.anything(),
  fc.constant(Symbol("s")),
  fc.constant(() => {}),
  fc.constant(Object.create(null)),
  fc.constant(new Proxy({}, {})),
  fc.constant(2 ** 53),
  fc.constant(-0),
  fc.constant(NaN),
  fc.constant(1n),
);
const hostilePosition = fc.oneof(
  hostile,
  fc.record({ line: hostile, character: hostile }),
  fc.record({ line: fc.integer({ min: -2, max: 4 }), character: fc.integer({ min: -2, max: 9 }) }),
);

Deno.test("IncrementalLexer.editRange() on any range throws the API's error or edits, never another error", () => {
  const text = "a $x$\n\\verb|y|\n% z";
  fc.assert(
    fc.property(
      fc.oneof(hostile, fc.record({ start: hostilePosition, end: hostilePosition })),
      fc.oneof(fc.string(), hostile),
      (range, insert) => {
        const lexer = new IncrementalLexer(text);
        try {
          lexer.editRange(range as never, insert as never);
        } catch (error) {
          if (!isApiError(error)) throw error;
          // A refused edit leaves the lexer as it was.
          assertEquals(lexer.text, text);
          return;
        }
        assertEquals(lexer.tokens(), tokenize(lexer.text));
      },
    ),
    fcParams(500),
  );
});

Deno.test("IncrementalLexer.edit(), lineTokens() and friends word symbols and bigints as the API does", () => {
  const lexer = new IncrementalLexer("ab\ncd");
  const symbol = Symbol("s") as never;
  assertThrows(
    () => lexer.edit(symbol, 0, ""),
    TypeError,
    "Invalid edit start: expected an integer, got a symbol",
  );
  assertThrows(() => lexer.edit(0, 1n as never, ""), TypeError, "got a bigint");
  assertThrows(
    () => lexer.edit(0, 0, symbol),
    TypeError,
    "Invalid inserted text: expected a string, got a symbol",
  );
  assertThrows(
    () => lexer.lineTokens(symbol),
    TypeError,
    "Invalid line: expected an integer, got a symbol",
  );
  assertThrows(
    () => lexer.editRange(symbol, ""),
    TypeError,
    "Invalid range: expected {start, end}, got a symbol",
  );
  assertThrows(
    () => lexer.editRange({ start: symbol, end: { line: 0, character: 0 } }, ""),
    TypeError,
    "Invalid range start: expected {line, character}, got a symbol",
  );
  assertThrows(() => lexer.editRange([] as never, ""), TypeError, "got an array");
  assertThrows(
    () => new IncrementalLexer(symbol),
    TypeError,
    "Invalid text: expected a string, got a symbol",
  );
  assertThrows(() => lexDocument("x").lineTokens(symbol), TypeError, "got a symbol");
  assertEquals(lexer.text, "ab\ncd");
});
