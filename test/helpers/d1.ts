import { Miniflare } from 'miniflare';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { MIGRATIONS_DIR } from '../../db/migrate.js';
import type { D1Batcher } from '../../db/d1-writer.js';

/**
 * A real D1 database and R2 bucket (Cloudflare's workerd, run locally by miniflare; no network), the database migrated from
 * the committed migrations the way `wrangler d1 migrations apply` runs them: its ledger table first
 * (the DDL of wrangler 4.84.1), then file by file, statement by statement, each file's name recorded.
 */
export async function wranglerApply(d1: { prepare(q: string): { run(): Promise<unknown> } }) {
  await d1.prepare(`CREATE TABLE IF NOT EXISTS d1_migrations(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`).run();
  const applied = new Set(((await (d1.prepare('select name from d1_migrations') as unknown as { all(): Promise<{ results: { name: string }[] }> }).all()).results).map((r) => r.name));
  const done: string[] = [];
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    if (applied.has(file)) continue;
    for (const statement of readFileSync(join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint')) {
      if (statement.trim()) await d1.prepare(statement).run();
    }
    await d1.prepare(`INSERT INTO d1_migrations (name) values ('${file}')`).run();
    done.push(file);
  }
  return done;
}

export async function localD1(opts: { migrate?: boolean } = {}) {
  const mf = new Miniflare({
    modules: true, script: 'export default { fetch() { return new Response(null) } }', d1Databases: ['DB'], r2Buckets: ['FILES'],
  });
  const d1 = await mf.getD1Database('DB');
  const files = await mf.getR2Bucket('FILES');
  const migrate = () => wranglerApply(d1);
  // migrate: false leaves it as `wrangler dev` finds it before `wrangler d1 migrations apply`.
  if (opts.migrate !== false) await migrate();
  const db = drizzle(d1 as never, { schema }) as unknown as Db;
  return { d1: d1 as unknown as D1Batcher, binding: d1, files, db, migrate, dispose: () => mf.dispose() };
}
