/**
 * The performance history: every run recorded with `deno task perf --record`, kept in SQLite
 * (`node:sqlite`) with its commit, date, machine and every figure.
 *
 * Two tables: `runs` (one row per run, with the whole JSON report) and `results` (one row per test
 * of a run, the figures as columns, for ad-hoc SQL).
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { dirname } from "@std/path";
import { machineKey } from "./machine_info.ts";
import type { PerfReport } from "./perf_report.ts";

/** The default database path, relative to the project root (ignored by git). */
export const DEFAULT_HISTORY_PATH = ".perf/history.sqlite";

/** A run read back from the history. */
export interface RecordedRun {
  /** Row id, increasing in recording order. */
  readonly id: number;
  /** The commit it ran on. */
  readonly commit: string;
  /** When it ran (ISO-8601). */
  readonly date: string;
  /** {@linkcode machineKey} of its machine. */
  readonly machineKey: string;
  /** The whole report. */
  readonly report: PerfReport;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  commit_hash TEXT NOT NULL,
  date TEXT NOT NULL,
  machine_key TEXT NOT NULL,
  deno TEXT NOT NULL,
  v8 TEXT NOT NULL,
  runs_per_test INTEGER NOT NULL,
  report_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  test TEXT NOT NULL,
  kind TEXT NOT NULL,
  size_kb REAL NOT NULL,
  operations INTEGER NOT NULL,
  mean_ms REAL NOT NULL,
  min_ms REAL NOT NULL,
  p50_ms REAL NOT NULL,
  p95_ms REAL NOT NULL,
  p99_ms REAL NOT NULL,
  max_ms REAL NOT NULL,
  ops_per_sec REAL NOT NULL,
  memory_mb REAL NOT NULL,
  lexer_bytes INTEGER NOT NULL,
  target_passed INTEGER NOT NULL,
  PRIMARY KEY (run_id, test)
);
CREATE INDEX IF NOT EXISTS runs_by_machine ON runs(machine_key, id);
`;

/**
 * The history database.
 *
 * @example Record a run and read it back
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const dir = Deno.makeTempDirSync();
 * const history = new PerfHistory(`${dir}/h.sqlite`);
 * const report = {
 *   schema_version: 1, date: "2026-01-01T00:00:00Z", commit: "abc",
 *   machine: { deno: "2", v8: "1", typescript: "5", os: "linux", arch: "x86_64", cpu_model: "X", cores: 2, label: "" },
 *   config: { runs: 1 }, detailed_results: [],
 * } as never;
 * history.record(report);
 * assertEquals(history.runs().map((r) => r.commit), ["abc"]);
 * history.close();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export class PerfHistory {
  #db: DatabaseSync;

  /**
   * Opens (and creates when needed, with its folder) the database.
   *
   * @param path The SQLite file.
   */
  constructor(path: string) {
    Deno.mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path);
    this.#db.exec(SCHEMA);
  }

  /**
   * Stores a run.
   *
   * @param report The run's report.
   * @returns The new run's id.
   */
  record(report: PerfReport): number {
    this.#db.exec("BEGIN");
    try {
      const run = this.#db.prepare(
        "INSERT INTO runs (commit_hash, date, machine_key, deno, v8, runs_per_test, report_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ).run(
        report.commit,
        report.date,
        machineKey(report.machine),
        report.machine.deno,
        report.machine.v8,
        report.config.runs,
        JSON.stringify(report),
      );
      const id = Number(run.lastInsertRowid);
      const insert = this.#db.prepare(
        "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      );
      for (const r of report.detailed_results) {
        insert.run(
          id,
          r.name,
          r.kind,
          r.size_kb,
          r.operations,
          r.mean_ms,
          r.min_ms,
          r.p50_ms,
          r.p95_ms,
          r.p99_ms,
          r.max_ms,
          r.ops_per_sec,
          r.memory_mb,
          r.lexer_bytes,
          r.target.passed ? 1 : 0,
        );
      }
      this.#db.exec("COMMIT");
      return id;
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  /**
   * Reads recorded runs, oldest first.
   *
   * @param key Only runs of this {@linkcode machineKey}; all when omitted.
   * @returns The runs.
   */
  runs(key?: string): RecordedRun[] {
    const rows = key === undefined
      ? this.#db.prepare("SELECT * FROM runs ORDER BY id").all()
      : this.#db.prepare("SELECT * FROM runs WHERE machine_key = ? ORDER BY id").all(key);
    return rows.map((row) => ({
      id: Number(row.id),
      commit: String(row.commit_hash),
      date: String(row.date),
      machineKey: String(row.machine_key),
      report: JSON.parse(String(row.report_json)) as PerfReport,
    }));
  }

  /**
   * Finds the baseline for a new run: the latest recorded run of the same machine, optionally of a
   * given commit.
   *
   * @param key The machine key.
   * @param commitPrefix Only runs whose commit starts with this.
   * @returns The run, or `undefined` when there is none.
   */
  baseline(key: string, commitPrefix?: string): RecordedRun | undefined {
    const runs = this.runs(key).filter((r) =>
      commitPrefix === undefined || r.commit.startsWith(commitPrefix)
    );
    return runs[runs.length - 1];
  }

  /**
   * Finds the gate's baseline: the latest run of the same machine with the same operation counts
   * (runs with other counts measure other workloads), optionally of a given commit.
   *
   * @param query The machine key, the operation counts, and a commit prefix.
   * @returns The run, or `undefined` when there is none.
   */
  gateBaseline(query: {
    readonly machineKey: string;
    readonly operations: unknown;
    readonly commit?: string | undefined;
  }): RecordedRun | undefined {
    const ops = JSON.stringify(query.operations);
    const runs = this.runs(query.machineKey).filter((r) =>
      JSON.stringify(r.report.config.operations) === ops &&
      (query.commit === undefined || r.commit.startsWith(query.commit))
    );
    return runs[runs.length - 1];
  }

  /** Closes the database. */
  close(): void {
    this.#db.close();
  }
}
