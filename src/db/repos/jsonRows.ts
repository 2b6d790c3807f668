/**
 * Rows that came back inside JSON (`json_agg`, `row_to_json`), read as drizzle reads a table's
 * own rows: each column by its database name through the column's own mapping (timestamps to
 * dates, jsonb to objects). One statement can then return several tables' rows.
 */
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

type Json = Record<string, unknown>;

/** One row of `table`, from its JSON form (column names as keys). */
export function rowFromJson<T extends PgTable>(table: T, json: Json): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}

/** The rows of `table` from a JSON array of them (null or absent when there are none). */
export function rowsFromJson<T extends PgTable>(table: T, json: unknown): T['$inferSelect'][] {
  const list = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
  return Array.isArray(list) ? list.map((item) => rowFromJson(table, item as Json)) : [];
}

/** A subquery's rows as one JSON array (`[]` when none), keeping the subquery's order. */
export function jsonRows(query: SQL | { getSQL(): SQL }): SQL {
  return sql`(select coalesce(json_agg(r), '[]'::json) from (${query}) r)`;
}
