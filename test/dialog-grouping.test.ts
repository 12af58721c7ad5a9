import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { attachments, drafts, hazards } from '../db/schema/index.js';
import { draftStore } from '../bot/dialog/drafts.js';
import { dialogWorld } from './helpers/dialog-world.js';

// The dialog's reads (draft, recent photos, the worker's enterprises) and draft writes are shared by
// the messages of one turn. Each message must still see only its own sender's state.

describe('dialog: drafts of one turn', () => {
  it("a person's writes in one turn apply in call order; other people's are independent", async () => {
    const c = await dialogWorld();
    const store = draftStore(c.db, c.deps.writer);
    const now = c.deps.clock();
    const [a, b, d] = [c.w.workerA1.id, c.w.workerA2.id, c.w.adminA.id];
    await store.save(d, { intent: 'report', slots: { old: true }, awaiting: 'description' }, now);
    await Promise.all([
      store.save(a, { intent: 'report', slots: { n: 1 }, awaiting: 'enterprise' }, now),
      store.drop(a),
      store.drop(b),
      store.save(b, { intent: 'patrol', slots: { n: 2 }, awaiting: 'patrol_result' }, now),
      store.save(d, { intent: 'attach', slots: { hazardId: 7 }, awaiting: null }, now, 60_000),
    ]);
    const [la, lb, ld] = await Promise.all([store.load(a, now), store.load(b, now), store.load(d, now)]);
    expect(la).toBeNull();
    expect(lb).toMatchObject({ intent: 'patrol', slots: { n: 2 }, awaiting: 'patrol_result' });
    expect(ld).toEqual({ intent: 'attach', slots: { hazardId: 7 }, awaiting: null, expiresAt: new Date(now.getTime() + 60_000) });
    expect(await c.db.select().from(drafts).where(eq(drafts.personId, d))).toHaveLength(1);
  });

  it('read together, each message sees the draft as live or expired at its own time', async () => {
    const c = await dialogWorld();
    const store = draftStore(c.db, c.deps.writer);
    const now = c.deps.clock();
    await store.save(c.w.workerA1.id, { intent: 'report', slots: {}, awaiting: 'enterprise' }, now, 60_000);
    const [early, late] = await Promise.all([
      store.load(c.w.workerA1.id, new Date(now.getTime() + 59_000)),
      store.load(c.w.workerA1.id, new Date(now.getTime() + 60_000)),
    ]);
    expect(early?.awaiting).toBe('enterprise');
    expect(late).toBeNull();
  });

  it('two people answering their own questions in the same turn each continue their own draft', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上报 华美化工')).toContain('隐患');
    expect(await c.say(c.w.workerB1, '上报 精密机械')).toContain('隐患');
    const [ra, rb] = await Promise.all([c.say(c.w.workerA1, '消防通道堵塞'), c.say(c.w.workerB1, '配电箱未接地')]);
    expect(ra).toContain('隐患已登记');
    expect(rb).toContain('隐患已登记');
    const rows = await c.db.select().from(hazards);
    expect(rows.map((h) => [h.enterpriseId, h.description]).sort()).toEqual([[c.huamei.id, '消防通道堵塞'], [c.other.id, '配电箱未接地']].sort());
  });
});

describe('dialog: photos and enterprises read for a whole turn', () => {
  it("concurrent reports of two workers each take only their own sender's waiting photos", async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '', { photos: 2 });
    await c.say(c.w.workerB1, '', { photos: 1 });
    c.advance(60_000);
    const [ra, rb, rx] = await Promise.all([
      c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞'),
      c.say(c.w.workerB1, '上报 精密机械 配电箱未接地'),
      c.say(c.w.workerA2, '上报 华美塑料 灭火器过期'),
    ]);
    expect(ra).toContain('已附 2 张照片');
    expect(rb).toContain('已附 1 张照片');
    // Worker A2 has neither photos nor worker A1's enterprises.
    expect(rx).not.toContain('张照片');
    expect(rx).toContain('没有找到');
    const attached = await c.db.select({ uploader: attachments.uploaderId, reporter: hazards.reporterId })
      .from(attachments).innerJoin(hazards, eq(hazards.id, attachments.hazardId));
    expect(attached).toHaveLength(3);
    expect(attached.every((r) => r.uploader === r.reporter)).toBe(true);
  });

  it('photos sent 10 minutes before one message but not another of the same turn go only to the one within the window', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '', { photos: 1 });
    c.advance(10 * 60_000 + 1);
    await c.say(c.w.workerB1, '', { photos: 1 });
    const [ra, rb] = await Promise.all([
      c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞'),
      c.say(c.w.workerB1, '上报 精密机械 配电箱未接地'),
    ]);
    expect(ra).not.toContain('张照片');
    expect(rb).toContain('已附 1 张照片');
  });
});

describe('dialog: a turn larger than one statement takes', () => {
  it('150 drafts saved in one turn are all kept (rows packed under the bound-parameter limit)', async () => {
    const c = await dialogWorld();
    const store = draftStore(c.db, c.deps.writer);
    const now = c.deps.clock();
    const ids = Array.from({ length: 150 }, (_, i) => 100_000 + i);
    await Promise.all(ids.map((id) => store.save(id, { intent: 'report', slots: { id }, awaiting: 'description' }, now)));
    const loaded = await Promise.all(ids.map((id) => store.load(id, now)));
    expect(loaded.map((d) => d?.slots.id)).toEqual(ids);
  });
});
