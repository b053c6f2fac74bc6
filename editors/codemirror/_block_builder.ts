/**
 * Builds the Lezer tree of one block of lines from the lexer's tokens: a postfix buffer of
 * `(type, from, to, size)` quads handed to `Tree.build`.
 *
 * The grouping is a stack matcher over the block's tokens. A closer closes only the innermost
 * open structure of its kind (an `\end{x}` also closes the groups left open inside its
 * `\begin{x}`); anything left open at the block's end, or a closer that matches nothing, stays
 * a plain leaf. Math and verbatim runs are wrapped within one parent, never across its edges.
 *
 * @module
 */

import { type NodeSet, Tree } from "@lezer/common";
import { type Token, TOKEN_KINDS } from "../../mod.ts";
import { leafTypeId, NodeId } from "./node_types.ts";

const KIND_CODE: Readonly<Record<string, number>> = Object.fromEntries(
  TOKEN_KINDS.map((k, i) => [k, i]),
);

/** Runs that wrap consecutive children of one parent. */
const Run = { None: 0, Math: 1, Verbatim: 2 } as const;
type Run = typeof Run[keyof typeof Run];

interface Frame {
  type: number;
  /** Where the frame's first buffer entry (its opener) starts. */
  bufStart: number;
  from: number;
  /** The environment's name, for `Environment` frames. */
  name: string;
  /** Whether the frame was opened in math: no `Math` runs are wrapped inside it. */
  inMath: boolean;
  run: Run;
  runStart: number;
  runFrom: number;
  runTo: number;
}

/** A block's tokens with their offsets from the block's start. */
export interface BlockTokens {
  /** The tokens, in order. */
  tokens: Token[];
  /** Each token's start, relative to the block. */
  starts: number[];
  /** Each token's semantic type index, or -1 when the classifier left it out. */
  semantics: number[];
  /** Each token's modifier bits (for an unclassified token, 1 when in math, else 0). */
  modifiers: number[];
  /** The block's length, line endings included. */
  length: number;
}

/**
 * Builds a block's tree.
 *
 * @param block The block's tokens.
 * @param nodeSet The node set (the language's, with its props).
 * @returns The tree, of type `Block`, positions relative to the block's start.
 */
export function buildBlock(block: BlockTokens, nodeSet: NodeSet): BuiltBlock {
  const strays: StrayEnv[] = [];
  const tree = Tree.build({
    buffer: blockBuffer(block, strays),
    nodeSet,
    topID: NodeId.Block,
    length: block.length,
  });
  strays.sort((a, b) => a.from - b.from);
  return { tree, strays };
}

/** An `\begin{x}` or `\end{x}` the block could not pair: its partner is in another block. */
export interface StrayEnv {
  /** Whether it is a `\begin`. */
  begin: boolean;
  /** The environment's name. */
  name: string;
  /** Where it starts, relative to the block. */
  from: number;
}

/** A block's tree, and its unpaired environment ends in order. */
export interface BuiltBlock {
  /** The tree. */
  tree: Tree;
  /** The unpaired `\begin`s and `\end`s, by position. */
  strays: StrayEnv[];
}

/**
 * The postfix buffer of a block's nodes.
 *
 * @param block The block's tokens.
 * @param strays Where to put the environment ends left unpaired.
 * @returns The `(type, from, to, size)` quads.
 */
export function blockBuffer(block: BlockTokens, strays: StrayEnv[] = []): number[] {
  const { tokens, starts, semantics, modifiers } = block;
  const buf: number[] = [];
  const root = frame(NodeId.Block, 0, 0, "", false);
  const frames: Frame[] = [root];
  const top = () => frames[frames.length - 1]!;

  const childStart = (f: Frame, run: Run, from: number) => {
    if (run === Run.Math && f.inMath) run = Run.None;
    if (run === f.run) return;
    closeRun(f);
    if (run !== Run.None) {
      f.run = run;
      f.runStart = buf.length;
      f.runFrom = from;
    }
  };
  const childEnd = (f: Frame, to: number) => {
    f.runTo = to;
  };
  const closeRun = (f: Frame) => {
    if (f.run === Run.None) return;
    const type = f.run === Run.Math ? NodeId.Math : NodeId.VerbatimBody;
    buf.push(type, f.runFrom, f.runTo, buf.length - f.runStart + 4);
    f.run = Run.None;
  };
  const leaf = (i: number) => {
    const t = tokens[i]!;
    const from = starts[i]!;
    buf.push(
      leafTypeId(KIND_CODE[t.kind]!, semantics[i]!, modifiers[i]!),
      from,
      from + t.length,
      4,
    );
  };
  const runOf = (t: Token): Run =>
    t.kind === "verbatim" ? Run.Verbatim : t.math ? Run.Math : Run.None;
  /** Ends the top frame with its node. */
  const close = (to: number) => {
    const f = frames.pop()!;
    closeRun(f);
    buf.push(f.type, f.from, to, buf.length - f.bufStart + 4);
    childEnd(top(), to);
  };
  /** Drops the top frame without a node: its children become its parent's. */
  const unwind = (to: number) => {
    const f = frames.pop()!;
    if (f.type === NodeId.Environment) {
      strays.push({ begin: true, name: f.name, from: f.from });
      // Its `EnvBegin` entry follows the four leaves of `\begin{x}`.
      buf[f.bufStart + 16] = NodeId.UnpairedEnvBegin;
    }
    closeRun(f);
    childEnd(top(), to);
  };
  let lastTo = 0;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const from = starts[i]!;
    const f = top();
    const env = envCommand(tokens, starts, i);
    if (env !== undefined && env.begin) {
      childStart(f, runOf(t), from);
      frames.push(frame(NodeId.Environment, buf.length, from, env.name, f.inMath || t.math));
      for (let k = i; k < i + 4; k++) leaf(k);
      buf.push(NodeId.EnvBegin, from, env.to, 20);
      i += 3;
      lastTo = env.to;
      continue;
    }
    if (env !== undefined) {
      let depth = frames.length - 1;
      while (
        depth > 0 &&
        !(frames[depth]!.type === NodeId.Environment && frames[depth]!.name === env.name)
      ) depth--;
      if (depth > 0) {
        while (frames.length - 1 > depth) unwind(lastTo);
        childStart(top(), Run.None, from);
      } else {
        childStart(f, runOf(t), from);
      }
      for (let k = i; k < i + 4; k++) leaf(k);
      buf.push(depth > 0 ? NodeId.EnvEnd : NodeId.UnpairedEnvEnd, from, env.to, 20);
      i += 3;
      lastTo = env.to;
      if (depth > 0) close(env.to);
      else {
        childEnd(f, env.to);
        strays.push({ begin: false, name: env.name, from });
      }
      continue;
    }
    const to = from + t.length;
    if (t.kind === "begin_group") {
      childStart(f, runOf(t), from);
      frames.push(frame(NodeId.Group, buf.length, from, "", f.inMath || t.math));
      leaf(i);
    } else if (t.kind === "end_group" && f.type === NodeId.Group) {
      childStart(f, Run.None, from);
      leaf(i);
      close(to);
    } else if (t.kind === "control_word" && t.text === "\\left") {
      childStart(f, runOf(t), from);
      frames.push(frame(NodeId.LeftRight, buf.length, from, "", f.inMath || t.math));
      leaf(i);
      buf.push(NodeId.LeftDelim, from, to, 8);
    } else if (t.kind === "control_word" && t.text === "\\right") {
      const matched = f.type === NodeId.LeftRight;
      childStart(f, matched ? Run.None : runOf(t), from);
      leaf(i);
      buf.push(NodeId.RightDelim, from, to, 8);
      if (matched) close(to);
      else childEnd(f, to);
    } else {
      childStart(f, runOf(t), from);
      leaf(i);
      childEnd(f, to);
    }
    lastTo = to;
  }
  while (frames.length > 1) unwind(lastTo);
  closeRun(root);
  return buf;
}

function frame(type: number, bufStart: number, from: number, name: string, inMath: boolean): Frame {
  return { type, bufStart, from, name, inMath, run: Run.None, runStart: 0, runFrom: 0, runTo: 0 };
}

/** `\begin{name}` or `\end{name}` written as four adjacent tokens at `i`, or undefined. */
function envCommand(
  tokens: Token[],
  starts: number[],
  i: number,
): { begin: boolean; name: string; to: number } | undefined {
  const t = tokens[i]!;
  if (t.kind !== "control_word" || (t.text !== "\\begin" && t.text !== "\\end")) return undefined;
  const open = tokens[i + 1], name = tokens[i + 2], close = tokens[i + 3];
  if (
    open?.kind !== "begin_group" || name?.kind !== "text" || close?.kind !== "end_group" ||
    open.line !== t.line || close.line !== t.line
  ) return undefined;
  const to = starts[i + 3]! + 1;
  return { begin: t.text === "\\begin", name: name.text, to };
}
