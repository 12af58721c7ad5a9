import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDb } from '../db/client.js';
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

describe('kept checklist across processes (API and bots split, same database)', () => {
  it('an item deactivated by the other process is refused by id, as alone', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rv-')), 'x.db');
    const h1 = await openDb(`file:${file}`);
    await migrateDb(h1.db);
    const clock = fixedClock('2026-11-23T02:00:00.000Z');
    await bootstrapDb(h1.db, { districtName: 'x', now: clock() });
    const h2 = await openDb(`file:${file}`);
    const deps1 = { db: h1.db, writer: dbWriter(h1.db), clock, notifier: recordingNotifier(), files: memoryFileStore() };
    const deps2 = { ...deps1, db: h2.db, writer: dbWriter(h2.db) };
    const w = await makeWorld(h1.db);
    const ent2 = await makeEnterprise(h1.db, w.gridA1);
    const [item] = await h1.db.select().from(checkItems).where(eq(checkItems.active, true)).limit(1);
    const worker1 = await ctxFor(deps1, w.workerA1.id);
    await reportHazard(worker1, { enterpriseId: w.entA1.id, description: '甲', force: true }); // bots process keeps the checklist
    const { id, ...rest } = item as any;
    await updateCheckItem(await ctxFor(deps2, w.district.id), item.id, { category: rest.category, title: rest.title, keywords: rest.keywords, majorByDefault: rest.majorByDefault, sort: rest.sort, active: false });
    const r = await reportHazard(worker1, { enterpriseId: ent2.id, description: '乙', checkItemId: item.id, force: true })
      .then((x) => `accepted, checkItemId ${x.hazard.checkItemId}`, (e) => `refused ${e.code}`);
    expect(r).toBe('refused validation_failed');
  });
});
