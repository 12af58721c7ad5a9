import { getTableName, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';

/**
 * Multi-row INSERT whose rows travel as ONE bound JSON parameter, unpacked by SQLite's json_each.
 * Measured here on 10,000 enterprise rows: drizzle's values() builder spends ~2 s turning 170,000
 * bound cells into SQL, SQLite needs ~0.3 s to insert them; one JSON parameter per chunk keeps the
 * statement text tiny and the cost in SQLite. json_each exists in libsql and D1 alike. Each row is a
 * JSON array read with `value ->> i`: 50,000 enterprises into the city db took 0.84 s CPU this way
 * against 1.09 s as objects read with json_extract(value, '$.key').
 *
 * `columns` maps each row key to its column (keys and column names come from code, never from the
 * file). Dates become epoch ms like drizzle's timestamp_ms; arrays/objects are stored as JSON text.
 * `conflict` is an optional ON CONFLICT clause (see upsertSet); SQLite needs the `where true` so it
 * does not read ON CONFLICT as a join constraint of the SELECT.
 */
export function insertRowsAsJson<K extends string>(
  db: Db,
  table: SQLiteTable,
  columns: Record<K, SQLiteColumn>,
  rows: readonly object[],
  conflict = '',
): BatchItem<'sqlite'> {
  const keys = Object.keys(columns) as K[];
  const names = keys.map((k) => `"${columns[k].name}"`).join(', ');
  const values = keys.map((_, i) => `value ->> ${i}`).join(', ');
  const payload = rows.map((r) => keys.map((k) => cell((r as Record<string, unknown>)[k])));
  return db.run(
    sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(values)} from json_each(${JSON.stringify(payload)}) where true ${sql.raw(conflict)}`,
  );
}

/** `on conflict (target) do update set c = excluded.c, …` for the given columns. */
export function upsertSet(target: SQLiteColumn[], update: SQLiteColumn[]): string {
  const set = update.map((c) => `"${c.name}" = excluded."${c.name}"`).join(', ');
  return `on conflict (${target.map((c) => `"${c.name}"`).join(', ')}) do update set ${set}`;
}

/**
 * Multi-row UPDATE from one JSON parameter (UPDATE … FROM json_each): each row names its `id`;
 * a key that is absent or null keeps the stored value, so a blank spreadsheet cell never erases data.
 */
export function updateRowsAsJson<K extends string>(
  db: Db,
  table: SQLiteTable,
  id: SQLiteColumn,
  columns: Record<K, SQLiteColumn>,
  rows: readonly ({ id: number } & object)[],
): BatchItem<'sqlite'> {
  const t = `"${getTableName(table)}"`;
  const keys = Object.keys(columns) as K[];
  // Qualified target columns: json_each has columns of its own (id, key, value …).
  // Element 0 is the id, element i + 1 the i-th column.
  const set = keys.map((k, i) => `"${columns[k].name}" = coalesce(v.value ->> ${i + 1}, ${t}."${columns[k].name}")`).join(', ');
  const payload = rows.map((r) => [r.id, ...keys.map((k) => cell((r as Record<string, unknown>)[k]))]);
  return db.run(
    sql`update ${table} set ${sql.raw(set)} from json_each(${JSON.stringify(payload)}) v where ${sql.raw(`${t}."${id.name}"`)} = v.value ->> 0`,
  );
}

/** A cell as JSON carries it: a Date as epoch ms (drizzle's timestamp_ms), an absent value as null. */
const cell = (v: unknown) => (v instanceof Date ? v.getTime() : v === undefined ? null : v);
