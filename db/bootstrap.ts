import { eq, count } from 'drizzle-orm';
import type { Db } from './client.js';
import { districts, patrolPolicy, checkItems, people, apiTokens } from './schema/index.js';
import { sha256Hex } from '../lib/hash.js';
import checklist from './defaults/checklist.json' with { type: 'json' };

/** SPEC §3 defaults: key 30, above 60, below 90 days; red at most 7, orange at most 14. */
export const DEFAULT_POLICY = [
  { kind: 'class' as const, key: 'key', intervalDays: 30 },
  { kind: 'class' as const, key: 'above', intervalDays: 60 },
  { kind: 'class' as const, key: 'below', intervalDays: 90 },
  { kind: 'color' as const, key: 'red', intervalDays: 7 },
  { kind: 'color' as const, key: 'orange', intervalDays: 14 },
];

export const DEFAULT_CHECKLIST = checklist;

/**
 * Makes a fresh database usable: the district row, the default patrol policy and checklist (only
 * when empty, so a district's edits survive restarts), and the bootstrap admin when configured.
 */
export async function bootstrapDb(db: Db, opts: { districtName: string; adminToken?: string; now: Date }) {
  // Two Worker isolates may bootstrap the same fresh database at once: every insert here must be one
  // that a concurrent twin turns into a no-op, never a constraint error (a 500 on a first request).
  const [{ n }] = await db.select({ n: count() }).from(districts);
  if (n === 0) await db.insert(districts).values({ id: 1, name: opts.districtName, createdAt: opts.now }).onConflictDoNothing();
  await db.insert(patrolPolicy).values(DEFAULT_POLICY).onConflictDoNothing();
  const [{ items }] = await db.select({ items: count() }).from(checkItems);
  if (items === 0) {
    // Ten rows per insert: D1 binds at most 100 parameters per statement (7 per item here).
    const rows = DEFAULT_CHECKLIST.map((c, i) => ({ ...c, sort: i + 1 }));
    for (let i = 0; i < rows.length; i += 10) await db.insert(checkItems).values(rows.slice(i, i + 10)).onConflictDoNothing();
  }
  if (opts.adminToken) await ensureTokenAdmin(db, opts.adminToken, opts.now);
}

async function ensureTokenAdmin(db: Db, token: string, now: Date) {
  const tokenHash = sha256Hex(token);
  const existing = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).get();
  if (existing) return;
  const [admin] = await db
    .insert(people)
    .values({ name: '系统管理员', role: 'district_admin', createdAt: now })
    .returning({ id: people.id });
  const [minted] = await db.insert(apiTokens)
    .values({ personId: admin.id, tokenHash, label: 'BOOTSTRAP_ADMIN_TOKEN', createdAt: now })
    .onConflictDoNothing().returning({ id: apiTokens.id });
  // A concurrent bootstrap minted the token first: the admin row made here holds nothing, so it goes.
  if (!minted) await db.delete(people).where(eq(people.id, admin.id));
}
