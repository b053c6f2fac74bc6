import { assert, assertEquals, assertThrows } from "@std/assert";
import fc from "fast-check";
import type { Tree } from "@lezer/common";
import { Text } from "@codemirror/state";
import { fcParams } from "../../lexer/testdata/fc_params.ts";
import { editRangeOf, editSpec, fragment } from "../../lexer/testdata/latex_arbitrary.ts";
import { generateDocument } from "../../bench/generate_document.ts";
import { LatexTree, type LatexTreeOptions } from "./latex_tree.ts";
import { LEAF_TYPE_COUNT, NodeId } from "./node_types.ts";
import { batchLeaves, leaves } from "../testdata/tree_leaves.ts";

/** Checks what every structure node must look like, and returns how many there are. */
function assertWellFormed(tree: Tree, text: string): number {
  let count = 0;
  tree.iterate({
    enter(n) {
      const node = n.node;
      const first = node.firstChild, last = node.lastChild;
      switch (n.type.id) {
        case NodeId.Group:
          count++;
          assert(/BeginGroup$/.test(first!.name) && /EndGroup$/.test(last!.name), n.name);
          break;
        case NodeId.Environment: {
          count++;
          assertEquals([first!.name, last!.name], ["EnvBegin", "EnvEnd"]);
          const name = (s: string) => s.slice(s.indexOf("{") + 1, -1);
          assertEquals(
            name(text.slice(last!.from, last!.to)),
            name(text.slice(first!.from, first!.to)),
          );
          break;
        }
        case NodeId.LeftRight:
          count++;
          assertEquals([first!.name, last!.name], ["LeftDelim", "RightDelim"]);
          break;
        case NodeId.Math:
          count++;
          assert(first!.from === n.from && last!.to === n.to);
          break;
      }
    },
  });
  return count;
}

const lf = (s: string) => s.replace(/\r\n?/g, "\n");
const extra = fc.constantFrom("\\left(", "\\right)", "\\begin{x}", "\\end{x}", "\\item ", "$x$");
const piece = fc.oneof(fragment.map(lf), extra);
const doc = fc.array(piece, { maxLength: 60 }).map((p) => p.join(""));
const edits = fc.array(
  editSpec.map((e) => ({ ...e, insert: lf(e.insert) })),
  { maxLength: 12 },
);

function checkEdits(options: LatexTreeOptions, compareStructure: boolean) {
  fc.assert(
    fc.property(doc, edits, (text, list) => {
      const d = new LatexTree(text, options);
      let expected = text;
      for (const spec of list) {
        const [from, to] = editRangeOf(spec, expected.length);
        d.edit(from, to, spec.insert);
        expected = expected.slice(0, from) + spec.insert + expected.slice(to);
        assertEquals(leaves(d.tree), batchLeaves(expected), JSON.stringify(expected));
        assertEquals(d.tree.length, expected.length);
        assertWellFormed(d.tree, expected);
      }
      if (compareStructure) {
        assertEquals(d.tree.toString(), new LatexTree(expected, options).tree.toString());
      }
    }),
    fcParams(300),
  );
}

Deno.test("LatexTree.edit(): the tree's leaves equal a batch lex after any sequence of edits", () => {
  checkEdits({}, true);
});

Deno.test("LatexTree.edit(): leaves equal a batch lex with blocks of 1 to 3 lines", () => {
  checkEdits({ minBlockLines: 1, maxBlockLines: 3 }, false);
});

Deno.test("LatexTree groups tokens as groups, environments, math, \\left..\\right, verbatim", () => {
  const text = "\\begin{itemize}\n\\item $a^{2} \\left( b \\right)$ {c}\n\\end{itemize}\n" +
    "\\begin{verbatim}\n$x\n\\end{verbatim}\n";
  const tree = new LatexTree(text).tree;
  const names: string[] = [];
  tree.iterate({ enter: (n) => void (n.type.id > LEAF_TYPE_COUNT && names.push(n.name)) });
  assertEquals(names, [
    "Block",
    "Environment",
    "EnvBegin",
    "Math",
    "Group",
    "LeftRight",
    "LeftDelim",
    "RightDelim",
    "Group",
    "EnvEnd",
    "Environment",
    "EnvBegin",
    "VerbatimBody",
    "EnvEnd",
  ]);
  assertEquals(assertWellFormed(tree, text), 6);
});

Deno.test("LatexTree: an \\end closes the groups left open inside its \\begin; strays stay leaves", () => {
  const tree = new LatexTree("\\begin{a}{x\\end{a}} \\end{b}").tree;
  assertEquals(
    tree.toString(),
    "Document(Block(Environment(EnvBegin(ControlWord_environment,BeginGroup," +
      "Text_environmentName,EndGroup),BeginGroup,Text,EnvEnd(ControlWord_environment," +
      "BeginGroup,Text_environmentName,EndGroup)),EndGroup,Space,UnpairedEnvEnd(" +
      "ControlWord_environment,BeginGroup,Text_environmentName,EndGroup)))",
  );
});

Deno.test("LatexTree.edit() rebuilds one block for a keystroke and reuses every other block", () => {
  const text = generateDocument(200 * 1024);
  const d = new LatexTree(text);
  const blocksOf = (tree: Tree) => {
    const out = new Set<Tree>();
    const walk = (t: Tree) => {
      for (const c of t.children) {
        if (!("children" in c)) continue;
        if (c.type.id === NodeId.Block) out.add(c);
        else walk(c);
      }
    };
    walk(tree);
    return out;
  };
  const before = blocksOf(d.tree);
  assert(before.size > 50, `${before.size} blocks`);
  const at = text.indexOf("paragraph 501 ");
  const r = d.edit(at, at, "x");
  assertEquals(r.rebuiltBlocks, 1);
  assert(r.rebuiltLines <= 2 * 48 + 4, `${r.rebuiltLines} lines rebuilt`);
  const after = blocksOf(d.tree);
  assertEquals(after.size, before.size);
  const kept = [...after].filter((b) => before.has(b)).length;
  assertEquals(kept, before.size - 1);
  // A `$` that opens math up to the next paragraph break re-lexes a few lines, no more.
  const r2 = d.edit(at, at, "$");
  assert(r2.rebuiltBlocks <= 2);
  assertEquals(leaves(d.tree), batchLeaves(d.text));
});

Deno.test("LatexTree refuses texts and inserts with a \\r", () => {
  assertThrows(() => new LatexTree("a\r\nb"), TypeError, "line endings");
  assertThrows(() => new LatexTree("a").edit(0, 0, "\r"), TypeError, "line endings");
});

Deno.test("LatexTree.strayEnvEnd() and strayEnvBegin() pair \\begin and \\end across blocks, nesting by name", () => {
  const lines = [
    "\\begin{a}", // 0
    "x",
    "\\begin{a}",
    "y",
    "\\begin{b}",
    "\\end{a}", // closes the inner a
    "z",
    "\\end{b}",
    "\\end{a}", // closes the outer a
  ];
  const text = lines.join("\n");
  const d = new LatexTree(text, { minBlockLines: 1, maxBlockLines: 1 });
  assert(d.blockCount >= 9);
  const at = (n: number) => lines.slice(0, n).join("\n").length + (n > 0 ? 1 : 0);
  assertEquals(d.strayEnvEnd(at(0)), at(8));
  assertEquals(d.strayEnvEnd(at(2)), at(5));
  assertEquals(d.strayEnvEnd(at(4)), at(7));
  assertEquals(d.strayEnvEnd(at(1)), undefined);
  assertEquals(d.strayEnvBegin(at(8)), at(0));
  assertEquals(d.strayEnvBegin(at(5)), at(2));
  assertEquals(d.strayEnvBegin(at(7)), at(4));
  assertEquals(d.strayEnvBegin(at(6)), undefined);
  assertEquals(new LatexTree("x\n\\end{a}").strayEnvBegin(2), undefined); // nothing opens it
  assertEquals(new LatexTree("\\begin{a}\n\\end{a}").strayEnvEnd(0), undefined); // paired
});

Deno.test("LatexTree lexes and builds in steps; the complete tree is the one lexed at once", () => {
  const text = generateDocument(120 * 1024) + "\\begin{verbatim}\n$x\n" + "a\n".repeat(2000);
  const whole = new LatexTree(text, { lexChunk: Infinity });
  assertEquals(whole.lexedLines, whole.lexer.lineCount);
  const expected = whole.tree.toString();
  for (const lexChunk of [1, 700, 32 * 1024]) {
    const d = new LatexTree(text, { lexChunk });
    assert(d.lexer.length < text.length, `${lexChunk}: lexed ${d.lexer.length}`);
    assertEquals(d.length, text.length);
    assertEquals(d.complete, false);
    let steps = 0, lastBuilt = 0;
    while (d.builtLength < 5000) {
      assert(d.step());
      steps++;
    }
    // The first screen's tree: a prefix of blocks, its leaves the batch lexer's.
    const partial = d.partialTree();
    assertEquals(partial.length, d.builtLength);
    const prefix = batchLeaves(text).filter((l) => Number(l.split(" ")[2]) <= partial.length);
    assertEquals(leaves(partial), prefix);
    while (d.step()) {
      assert(d.builtLength >= lastBuilt);
      lastBuilt = d.builtLength;
      steps++;
    }
    assert(d.complete);
    assert(steps > 10, `${steps} steps`);
    assertEquals(d.blockCount, whole.blockCount);
    assertEquals(d.tree.toString(), expected);
  }
  assertEquals(leaves(whole.tree), batchLeaves(text));
});

Deno.test("LatexTree reads a CodeMirror Text piece by piece, to the same tree", () => {
  const text = generateDocument(150 * 1024);
  const doc = Text.of(text.split("\n"));
  const d = new LatexTree(doc, { lexChunk: 5000 });
  assert(d.lexer.length < 10_000);
  assertEquals(d.text, text);
  assertEquals(d.tree.toString(), new LatexTree(text).tree.toString());
  assertEquals(leaves(d.tree), batchLeaves(text));
  // A source's pieces are checked for \r as they are read.
  const later = "a\n".repeat(5) + "b\r\n";
  const crlf = new LatexTree({ length: later.length, sliceString: (a, b) => later.slice(a, b) }, {
    lexChunk: 2,
  });
  assertThrows(() => crlf.tree, TypeError, "line endings");
});

Deno.test("LatexTree: an edit before the text is all lexed lexes the rest first", () => {
  const text = generateDocument(200 * 1024);
  const d = new LatexTree(text, { lexChunk: 1000 });
  const at = text.length - 10;
  d.edit(at, at, "$");
  const expected = text.slice(0, at) + "$" + text.slice(at);
  assertEquals(d.text, expected);
  assertEquals(leaves(d.tree), batchLeaves(expected));
});

Deno.test("LatexTree: the spine's kept groups follow edits that add and remove blocks", () => {
  let text = generateDocument(40 * 1024);
  const d = new LatexTree(text, { minBlockLines: 2, maxBlockLines: 4 });
  void d.tree;
  assert(d.blockCount > 10 * 32, `${d.blockCount} blocks`);
  const edits: [number, number, string][] = [
    [0.5, 0, "x"], // one block rebuilt, same count
    [0.3, 0, "\n\n\n\n\n\n\n\n\n\n\n\n"], // more blocks
    [0.7, 4000, ""], // fewer blocks
    [0.1, 1, "$"], // math to the next paragraph break
    [0.9, 0, "\\begin{verbatim}\n"], // an open verbatim to the end
    [0.95, 0, "y"],
  ];
  for (const [f, length, insert] of edits) {
    const from = Math.floor(f * text.length);
    const to = Math.min(text.length, from + length);
    d.edit(from, to, insert);
    text = text.slice(0, from) + insert + text.slice(to);
    assertEquals(d.tree.length, text.length);
    assertEquals(leaves(d.tree), batchLeaves(text));
  }
});
