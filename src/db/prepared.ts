/**
 * Statements every command runs, built once per database handle. drizzle's building of a
 * statement (its SQL text and parameter list, from the query builder's objects) costs more CPU than
 * PostgreSQL's answer to a short read; a prepared statement is built once and then only executed.
 * The handle is the key: the process's own handle lives as long as the process, so a statement
 * run outside a transaction is built once per process; a transaction's handle is new each time
 * (its statements are built per transaction, as without this).
 *
 * A placeholder's value reaches the driver as it is, without its column's encoding: pass times as
 * ISO text.
 */
import type { Db } from './engine.js';

export function preparedPerHandle<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statements = built.get(db);
    if (statements === undefined) {
      statements = build(db);
      built.set(db, statements);
    }
    return statements;
  };
}
