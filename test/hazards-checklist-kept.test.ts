import { describe, it, expect } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import type { Client } from '@libsql/client';
import * as schema from '../db/schema/index.js';
import { openDb, type Db } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { fixedClock } from '../lib/clock.js';
import { recordingNotifier } from '../api/core/notifier.js';
import { memoryFileStore } from '../api/core/file-store.js';
import { dbWriter } from '../api/core/write.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { reportHazard } from '../api/hazards/report.js';
import { updateCheckItem } from '../api/policy/update-check-item.js';
import { checkItems } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';

// A libsql server answers after a round trip; model it by delaying reads of the checklist.
describe('kept checklist vs a remote database', () => {
  it('an item deactivated in THIS process is refused by id afterwards (as it would be alone)', async () => {
    const handle = await openDb(':memory:');
    await migrateDb(handle.db);
    let slow = false;
    const client = new Proxy(handle.client, {
      get(target, prop, recv) {
        if (prop === 'execute') {
          return async (stmt: any) => {
            const text = typeof stmt === 'string' ? stmt : stmt.sql;
            const r = await target.execute(stmt);
            if (slow && /from "check_items" where "check_items"."active"/.test(text)) await new Promise((res) => setTimeout(res, 50));
            return r;
          };
        }
        const v = Reflect.get(target, prop, recv);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as Client;
    const db = drizzle(client, { schema }) as unknown as Db;
    const clock = fixedClock('2026-11-23T02:00:00.000Z');
    await bootstrapDb(db, { districtName: 'x', now: clock() });
    const deps = { db, writer: dbWriter(db), clock, notifier: recordingNotifier(), files: memoryFileStore() };
    const w = await makeWorld(db);
    const ent2 = await makeEnterprise(db, w.gridA1);
    const worker = await ctxFor(deps, w.workerA1.id);
    const admin = await ctxFor(deps, w.district.id);
    const [item] = await db.select().from(checkItems).where(eq(checkItems.active, true)).limit(1);

    slow = true;
    const first = reportHazard(worker, { enterpriseId: w.entA1.id, description: '甲', checkItemId: item.id, force: true });
    await new Promise((res) => setTimeout(res, 10)); // the group's checklist read is on the wire
    const { id, ...rest } = item as any;
    await updateCheckItem(admin, item.id, { category: rest.category, title: rest.title, keywords: rest.keywords, majorByDefault: rest.majorByDefault, sort: rest.sort, active: false });
    await first; // began before the edit: may legitimately use the item
    slow = false;

    const second = await reportHazard(worker, { enterpriseId: ent2.id, description: '乙', checkItemId: item.id, force: true }).then(
      (r) => `accepted with check item ${r.hazard.checkItemId ?? JSON.stringify(r.hazard)}`, (e) => `refused ${e.code}`);
    expect(second).toBe('refused validation_failed');
  });
});
