import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client.js';
import type { Writer } from '../api/core/write.js';
import { DomainError, domainErrorOf } from '../api/core/errors.js';
import type { BundledMigration } from './migrations-source.js';

// The Worker has no start-up step and no file system: its first request applies the migrations
// bundled into it (db/migrations-bundle.ts) that the database lacks. What was applied is recorded
// in both ledgers other tools read, so neither re-applies it:
//  - d1_migrations, exactly as `wrangler d1 migrations apply` creates and fills it (wrangler 4.84.1,
//    src/d1/migrations/helpers.ts: id, name = the file name, applied_at; a migration counts as
//    applied when its name is there);
//  - __drizzle_migrations, as drizzle's migrator (`npm start` on the same libsql server) does: hash
//    and created_at = the journal's `when`; it applies what is newer than the latest created_at.
// A migration is pending unless either ledger has it.

const D1_LEDGER = `CREATE TABLE IF NOT EXISTS d1_migrations(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;
const DRIZZLE_LEDGER = `CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (
			id SERIAL PRIMARY KEY,
			hash text NOT NULL,
			created_at numeric
		)`;

export const migrationFailed = () =>
  new DomainError('database_not_migrated', '数据库尚未初始化：自动迁移未能完成，请稍后重试；如仍失败，请执行 wrangler d1 migrations apply 并查看服务日志');

/** The statements of one migration file, split where drizzle-kit marks them (as its migrator does). */
export const statementsOf = (m: BundledMigration) => m.sql.split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);

export type FirstUseMigration = {
  db: Db;
  /** For the ledger and its reads: the ordinary, short bound. */
  writer: Writer;
  /** For the migrations themselves: a longer bound (a backfill on a populated database takes time). */
  migrationWriter: Writer;
  migrations: readonly BundledMigration[];
  log?: (message: string, e: unknown) => void;
};

/**
 * Applies the pending migrations, each in ONE batch with its two ledger rows (D1 and libsql run a
 * batch as a transaction): a migration is applied and recorded, or neither. The d1_migrations row
 * goes first and its name is unique, so when two isolates migrate at once the second's batch fails
 * and rolls back whole; it then re-reads the ledger, finds the migration applied and goes on.
 * Returns the names applied. A failure that is not that race throws database_not_migrated.
 */
export async function migrateOnFirstUse(m: FirstUseMigration): Promise<string[]> {
  const { db } = m;
  const raw = (text: string) => db.run(sql.raw(text)) as unknown as BatchItem<'sqlite'>;
  await m.writer.batch([raw(D1_LEDGER), raw(DRIZZLE_LEDGER)]);
  let applied = await ledger(db);
  const done: string[] = [];
  for (const migration of m.migrations) {
    if (applied.has(migration)) continue;
    try {
      await m.migrationWriter.batch([
        db.run(sql`insert into d1_migrations (name) values (${migration.name})`) as unknown as BatchItem<'sqlite'>,
        ...statementsOf(migration).map(raw),
        db.run(sql`insert into "__drizzle_migrations" ("hash", "created_at") values (${migration.hash}, ${sql.raw(String(migration.when))})`) as unknown as BatchItem<'sqlite'>,
      ]);
      done.push(migration.name);
    } catch (e) {
      // A timeout is itself (database_unavailable); anything else may be another isolate's win.
      if (domainErrorOf(e)) throw e;
      applied = await ledger(db);
      if (applied.has(migration)) continue;
      m.log?.(`数据库迁移 ${migration.name} 未能执行`, e);
      throw migrationFailed();
    }
  }
  return done;
}

type Ledger = { has(m: BundledMigration): boolean };

async function ledger(db: Db): Promise<Ledger> {
  const names = new Set((await db.all<{ name: string }>(sql`select name from d1_migrations`)).map((r) => r.name));
  const [last] = await db.all<{ at: number | null }>(sql`select max(cast(created_at as integer)) as at from "__drizzle_migrations"`);
  const drizzleUpTo = Number(last?.at ?? -Infinity);
  return { has: (mig) => names.has(mig.name) || mig.when <= drizzleUpTo };
}
