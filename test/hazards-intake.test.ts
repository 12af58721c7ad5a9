import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { hazardCounts, insertHazard, post, reportVia } from './helpers/hazards-fixtures.js';
import { checkItems, hazardEvents, hazards } from '../db/schema/index.js';
import { reportHazard } from '../api/hazards/report.js';
import { detectCheckItem } from '../api/hazards/check-item.js';
import { bigramSimilarity, normaliseText } from '../api/hazards/duplicate-guard.js';

describe('hazard intake', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });
  const freshEnterprise = (riskColor: 'red' | 'yellow' = 'yellow') => makeEnterprise(t.db, w.gridA1, { riskColor });

  describe('idempotency and redelivery', () => {
    it('the same Idempotency-Key twice yields one hazard and the same body; another body is a conflict', async () => {
      const ent = await freshEnterprise();
      const body = { enterpriseId: ent.id, description: '车间照明线路裸露' };
      const headers = { 'idempotency-key': `k-${ent.id}` };
      const first = await post(t.app, '/v1/hazards', w.workerA1, body, headers);
      const second = await post(t.app, '/v1/hazards', w.workerA1, body, headers);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(await second.text()).toBe(await first.text());
      expect(await t.db.select().from(hazards).where(eq(hazards.enterpriseId, ent.id))).toHaveLength(1);
      const other = await post(t.app, '/v1/hazards', w.workerA1, { ...body, description: '另一件事' }, headers);
      expect(other.status).toBe(409);
      expect((await other.json()).error.code).toBe('conflict');
      expect(await t.db.select().from(hazards).where(eq(hazards.enterpriseId, ent.id))).toHaveLength(1);
    });

    it('a redelivered chat message returns the existing hazard (200, created:false) and writes nothing', async () => {
      const ent = await freshEnterprise();
      const body = { enterpriseId: ent.id, description: '消防通道堆放货物', source: { platform: 'dingtalk', messageId: `msg-${ent.id}` } };
      const first = await post(t.app, '/v1/hazards', w.workerA1, body);
      expect(first.status).toBe(201);
      const created = await first.json();
      const before = await hazardCounts(t.db);
      const again = await post(t.app, '/v1/hazards', w.workerA1, body);
      expect(again.status).toBe(200);
      const replay = await again.json();
      expect(replay).toMatchObject({ created: false, hazard: { id: created.hazard.id, code: created.hazard.code } });
      expect(await hazardCounts(t.db)).toEqual(before);
    });

    it('concurrent deliveries of one message create one hazard', async () => {
      const ent = await freshEnterprise();
      const ctx = await ctxFor(t.deps, w.workerA1.id, 'dingtalk');
      const input = { enterpriseId: ent.id, description: '配电柜门未关', source: { platform: 'dingtalk', messageId: `race-${ent.id}` } };
      const results = await Promise.all([1, 2, 3].map(() => reportHazard(ctx, input)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.hazard.id)).size).toBe(1);
      expect(await t.db.select().from(hazards).where(eq(hazards.enterpriseId, ent.id))).toHaveLength(1);
      const [ev] = await t.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, results[0].hazard.id));
      expect(ev.channel).toBe('dingtalk');
    });
  });

  describe('check item detection and duplicate guard', () => {
    it('detects the check item from keywords; a major-by-default item makes the hazard major', async () => {
      const ent = await freshEnterprise();
      const [ext] = await t.db.select().from(checkItems).where(eq(checkItems.code, 'FIRE-EXT'));
      const r1 = await (await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '二楼灭火器过期' })).json();
      expect(r1.hazard).toMatchObject({ checkItemId: ext.id, level: 'general' });
      const [confined] = await t.db.select().from(checkItems).where(eq(checkItems.code, 'CONFINED'));
      const r2 = await (await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '污水池作业无人监护' })).json();
      expect(r2.hazard).toMatchObject({ checkItemId: confined.id, level: 'major' });
      const r3 = await (await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '污水池旁护栏缺失', level: 'general', force: true })).json();
      expect(r3.hazard.level).toBe('general');
    });

    it('the longest matching keyword wins; no keyword, no check item', async () => {
      const box = await t.db.select().from(checkItems).where(eq(checkItems.code, 'ELEC-BOX')).get();
      expect((await detectCheckItem(t.db, '配电房电线老化'))?.id).toBe(box!.id);
      expect(await detectCheckItem(t.db, '员工未按规定着装')).toBeUndefined();
      await t.db.update(checkItems).set({ active: false }).where(eq(checkItems.id, box!.id));
      expect((await detectCheckItem(t.db, '配电房电线老化'))?.code).toBe('ELEC-WIRE');
      await t.db.update(checkItems).set({ active: true }).where(eq(checkItems.id, box!.id));
    });

    it('same check item alone is not a duplicate; the same hazard said again is; force skips the guard', async () => {
      const ent = await freshEnterprise();
      const first = await reportVia(t.app, w.workerA1, { enterpriseId: ent.id, description: '灭火器压力不足' });
      const other = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '车间灭火器已过期' });
      expect(other.status).toBe(201);
      const before = await hazardCounts(t.db);
      const dup = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '灭火器的压力不足' });
      expect(dup.status).toBe(409);
      const err = (await dup.json()).error;
      expect(err).toMatchObject({ code: 'conflict', details: { reason: 'possible_duplicate', hazard: { id: first.id, code: first.code, description: '灭火器压力不足' } } });
      expect(err.message).toContain(first.code);
      expect(err.message).toMatch(/是否补充/);
      expect(await hazardCounts(t.db)).toEqual(before);
      const forced = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '灭火器的压力不足', force: true });
      expect(forced.status).toBe(201);
    });

    it('near-identical text is a duplicate even without a check item; unrelated text and OTHER items are not', async () => {
      const ent = await freshEnterprise();
      const [other] = await t.db.select().from(checkItems).where(eq(checkItems.code, 'OTHER'));
      await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '仓库门口有大量纸箱杂物堆放', checkItemId: other.id });
      const near = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '仓库门口有大量纸箱杂物堆放！', checkItemId: other.id });
      expect(near.status).toBe(409);
      const similar = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '仓库门口有大量的纸箱杂物堆放' });
      expect(similar.status).toBe(409);
      const unrelated = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '员工未佩戴安全帽', checkItemId: other.id });
      expect(unrelated.status).toBe(201);
    });

    it('closed hazards and other enterprises do not count', async () => {
      const ent = await freshEnterprise();
      await insertHazard(t.db, { id: ent.id, gridId: ent.gridId, townId: ent.townId }, w.workerA1.id, { status: 'closed', description: '消防通道堵塞' });
      expect((await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '消防通道堵塞' })).status).toBe(201);
      const ent2 = await freshEnterprise();
      expect((await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ent2.id, description: '消防通道堵塞' })).status).toBe(201);
    });

    it('similarity ignores width, case, spaces and punctuation', () => {
      expect(normaliseText('消防通道 堵塞。ＡＢ')).toBe('消防通道堵塞ab');
      expect(bigramSimilarity('配电箱未接地', '配电箱未接地。')).toBe(1);
      expect(bigramSimilarity('配电箱未接地', '员工未戴安全帽')).toBeLessThan(0.2);
    });
  });

  describe('urgent alerts', () => {
    it('a major hazard and any hazard at a red enterprise alert at once; a general one does not', async () => {
      const yellow = await freshEnterprise('yellow');
      const red = await freshEnterprise('red');
      const major = await reportVia(t.app, w.workerA1, { enterpriseId: yellow.id, description: '储罐区可燃气体报警器失效', level: 'major' });
      const atRed = await reportVia(t.app, w.workerA1, { enterpriseId: red.id, description: '电线老化' });
      const general = await reportVia(t.app, w.workerA1, { enterpriseId: yellow.id, description: '地面油污未清理' });
      expect(t.notifier.alerts).toContainEqual({ kind: 'major_hazard', hazardId: major.id });
      expect(t.notifier.alerts).toContainEqual({ kind: 'red_enterprise_hazard', hazardId: atRed.id });
      expect(t.notifier.alerts.some((a) => a.hazardId === general.id)).toBe(false);
    });

    it('a failing notifier never fails the report', async () => {
      const ent = await freshEnterprise('red');
      const ctx = { ...(await ctxFor(t.deps, w.workerA1.id)), notifier: { urgent: async () => { throw new Error('outbox down'); } } };
      const errors: unknown[] = [];
      const orig = console.error;
      console.error = (...a: unknown[]) => void errors.push(a);
      try {
        const r = await reportHazard(ctx, { enterpriseId: ent.id, description: '危化品仓库无通风' });
        expect(r.created).toBe(true);
      } finally {
        console.error = orig;
      }
      expect(errors).toHaveLength(1);
    });
  });
});
