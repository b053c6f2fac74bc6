/**
 * Interning of lexer states: each distinct state gets a small integer id, so the lexer stores
 * states as `Int32Array` entries and compares them with `===`.
 *
 * @module
 */

import { LATEX_CATCODES } from "./catcodes.ts";
import type { CatcodeChange, LexState } from "./state.ts";

/** A table of interned states; one per lexer, so it is dropped with the lexer. */
export class StateTable {
  #ids = new Map<string, number>();
  #states: LexState[] = [];
  #cats: Uint8Array[] = [];
  #catCache = new Map<readonly CatcodeChange[], Uint8Array>();
  // Sub-structures (frames, catcodes, defined environments) get small ids, first by identity,
  // then by content, so the key of a state is short and cheap to build.
  #partByRef = new Map<readonly unknown[], number>();
  #partByContent = new Map<string, number>();

  /** How many states are interned. */
  get size(): number {
    return this.#states.length;
  }

  /**
   * The id of a state, interning it when it is new.
   *
   * @param state The state.
   * @returns Its id: equal for equal states.
   */
  intern(state: LexState): number {
    const key = `${state.mode},${state.depth},${state.argBits},${state.afterArg ? 1 : 0},` +
      `${this.#part(state.frames)},${this.#part(state.catcodes)},${
        this.#part(state.verbatimEnvs)
      },` +
      `${state.defDepth},${state.defStage},${state.env.length}:${state.env}${state.defName}`;
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    const id = this.#states.length;
    this.#ids.set(key, id);
    this.#states.push(state);
    this.#cats.push(this.#catTable(state.catcodes));
    return id;
  }

  #part(list: readonly unknown[]): number {
    if (list.length === 0) return 0;
    let id = this.#partByRef.get(list);
    if (id === undefined) {
      const content = JSON.stringify(list);
      id = this.#partByContent.get(content);
      if (id === undefined) {
        id = this.#partByContent.size + 1;
        this.#partByContent.set(content, id);
      }
      this.#partByRef.set(list, id);
    }
    return id;
  }

  /**
   * The state with an id.
   *
   * @param id An id from {@linkcode StateTable.intern}.
   * @returns The state.
   */
  state(id: number): LexState {
    return this.#states[id]!;
  }

  /**
   * The full catcode table (ASCII) of the state with an id.
   *
   * @param id An id from {@linkcode StateTable.intern}.
   * @returns A table not to be modified.
   */
  catcodes(id: number): Uint8Array {
    return this.#cats[id]!;
  }

  #catTable(changes: readonly CatcodeChange[]): Uint8Array {
    if (changes.length === 0) return LATEX_CATCODES;
    let t = this.#catCache.get(changes);
    if (t === undefined) {
      t = LATEX_CATCODES.slice();
      for (const c of changes) t[c.char] = c.cat;
      this.#catCache.set(changes, t);
    }
    return t;
  }

  /**
   * Builds a table holding only the given ids, and the map from old ids to new ones.
   *
   * @param live The ids still in use.
   * @returns The new table and the id map (`-1` for dropped ids).
   */
  compacted(live: Iterable<number>): { table: StateTable; map: Int32Array } {
    const table = new StateTable();
    const map = new Int32Array(this.#states.length).fill(-1);
    for (const id of live) {
      if (map[id] === -1) map[id] = table.intern(this.#states[id]!);
    }
    return { table, map };
  }
}
