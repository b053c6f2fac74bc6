/**
 * Interning of lexer states: each distinct state gets a small integer id, so the lexer stores
 * states as `Int32Array` entries and compares them with `===`.
 *
 * Everything is keyed by value, never by object identity: a state is found by a hash of its
 * packed common part, its strings and the ids of its three lists, then compared field by field;
 * lists get ids from their content. So re-lexing a line a million times adds nothing once its
 * states are known, and the table holds exactly what {@linkcode StateTable.bytes} counts: the
 * states, their lists, the lists' keys and one catcode table per distinct catcode list.
 *
 * @module
 */

import { LATEX_CATCODES } from "./catcodes.ts";
import type { LexState } from "./state.ts";
import {
  EMPTY_LIST,
  FieldKind,
  internHash,
  listKey,
  sameScalars,
  withLists,
} from "./_state_record.ts";
import { STATE_TABLE } from "./_tunables.ts";

/** A table of interned states; one per lexer, so it is dropped with the lexer. */
export class StateTable {
  /** The ids of the states of each intern hash. */
  #ids = new Map<number, number[]>();
  #states: LexState[] = [];
  /** Per state, the ids of its frames, catcodes and verbatim environments (3 entries each). */
  #stateLists: number[] = [];
  /** Canonical lists by id; id 0 is the empty list. */
  #lists: (readonly unknown[])[] = [EMPTY_LIST];
  #listIds = new Map<string, number>();
  /** The catcode table of each catcode list, by list id (`undefined` for other lists). */
  #catTables: (Uint8Array | undefined)[] = [LATEX_CATCODES];
  #stateCats: Uint8Array[] = [];
  /** The table's own records to their ids: weak, and the records are the table's anyway. */
  #byRecord = new WeakMap<LexState, number>();
  #bytes = 0;

  /** How many states are interned. */
  get size(): number {
    return this.#states.length;
  }

  /** An estimate of the bytes the table holds (states, lists, list keys, catcode tables). */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * The id of a state, interning it when it is new.
   *
   * @param state The state: read, not kept (the table keeps a frozen copy of a new one), so a
   *   working state may be passed as it is.
   * @param hint The id of a state whose lists `state` probably shares (the line's start state),
   *   which saves keying them by content; `-1` for none.
   * @returns Its id: equal for equal states.
   */
  intern(state: LexState, hint = -1): number {
    const h = hint >= 0 ? hint * 3 : -1;
    const frames = this.#listId(FieldKind.Frames, state.frames, h);
    const catcodes = this.#listId(FieldKind.Catcodes, state.catcodes, h < 0 ? -1 : h + 1);
    const verbatim = this.#listId(FieldKind.Names, state.verbatimEnvs, h < 0 ? -1 : h + 2);
    const hash = internHash(state, { frames, catcodes, verbatimEnvs: verbatim });
    let same = this.#ids.get(hash);
    if (same === undefined) {
      same = [];
      this.#ids.set(hash, same);
    }
    for (let i = 0; i < same.length; i++) {
      const known = same[i]!;
      const lists = this.#stateLists;
      if (
        lists[known * 3] === frames && lists[known * 3 + 1] === catcodes &&
        lists[known * 3 + 2] === verbatim && sameScalars(this.#states[known]!, state)
      ) return known;
    }
    const id = this.#states.length;
    same.push(id);
    this.#states.push(withLists(state, {
      frames: this.#lists[frames] as LexState["frames"],
      catcodes: this.#lists[catcodes] as LexState["catcodes"],
      verbatimEnvs: this.#lists[verbatim] as LexState["verbatimEnvs"],
    }));
    this.#byRecord.set(this.#states[id]!, id);
    this.#stateLists.push(frames, catcodes, verbatim);
    this.#stateCats.push(this.#catTable(catcodes));
    this.#bytes += STATE_TABLE.STATE_BYTES +
      (state.env.length + state.shortVerb.length + state.saved.length + state.defName.length) * 2;
    return id;
  }

  #listId(kind: FieldKind, list: readonly unknown[], hint: number): number {
    if (list.length === 0) return 0;
    if (hint >= 0) {
      const id = this.#stateLists[hint]!;
      const known = this.#lists[id]!;
      if (known === list) return id;
      // A frame pushed and popped in the line leaves a copy of the start's list: the same
      // elements (frozen records, shared by the copy), so the same content without a key.
      if (known.length === list.length) {
        let i = 0;
        while (i < list.length && known[i] === list[i]) i++;
        if (i === list.length) return id;
      }
    }
    const key = listKey(kind, list);
    let id = this.#listIds.get(key);
    if (id === undefined) {
      id = this.#lists.length;
      this.#listIds.set(key, id);
      this.#lists.push(Object.isFrozen(list) ? list : Object.freeze(list.slice()));
      this.#catTables.push(undefined);
      this.#bytes += STATE_TABLE.LIST_BYTES + key.length * 4;
    }
    return id;
  }

  #catTable(listId: number): Uint8Array {
    let t = this.#catTables[listId];
    if (t === undefined) {
      t = LATEX_CATCODES.slice();
      for (const c of this.#lists[listId] as LexState["catcodes"]) t[c.char] = c.cat;
      this.#catTables[listId] = t;
      this.#bytes += t.byteLength + STATE_TABLE.ARRAY_HEADER_BYTES;
    }
    return t;
  }

  /**
   * The id of a state this table handed out, by identity (states are frozen, so an object the
   * table returned is that state for good).
   *
   * @param state A state.
   * @returns Its id, or -1 when `state` is not one of the table's own records.
   */
  find(state: LexState): number {
    const id = this.#byRecord.get(state);
    return id === undefined ? -1 : id;
  }

  /**
   * The state with an id.
   *
   * @param id An id from {@linkcode StateTable.intern}.
   * @returns The state; its lists are the table's canonical ones.
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
    return this.#stateCats[id]!;
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
