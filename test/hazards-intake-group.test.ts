import { describe, it, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { insertHazard, insertPhoto } from './helpers/hazards-fixtures.js';
import { reportHazard, type ReportHazardInputT } from '../api/hazards/report.js';
import { DomainError } from '../api/core/errors.js';
import { checkItems, hazardCodeCounters, hazardEvents, hazards } from '../db/schema/index.js';
import type { Ctx } from '../api/core/context.js';
import type { Writer } from '../api/core/write.js';
import { createCheckItem } from '../api/policy/create-check-item.js';
import { updateCheckItem } from '../api/policy/update-check-item.js';

type Outcome = { ok: true; code: string; created: boolean; description: string } | { ok: false; code: string; status: number };

/** What each report got: a hazard (its code and whether it was new) or the error code. */
async function settle(reports: Promise<{ hazard: { code: string; description: string }; created: boolean }>[]): Promise<Outcome[]> {
  const results = await Promise.allSettled(reports);
  return results.map((r) => {
    if (r.status === 'fulfilled') return { ok: true, code: r.value.hazard.code, created: r.value.created, description: r.value.hazard.description };
    if (!(r.reason instanceof DomainError)) throw r.reason;
    return { ok: false, code: r.reason.code, status: r.reason.status };
  });
}

/** A world plus one extra enterprise per worker grid and one open hazard on entA2, for the mixed cases. */
async function mixedWorld() {
  const t = await testDeps();
  const w = await makeWorld(t.db);
  const entA1b = await makeEnterprise(t.db, w.gridA1);
  await insertHazard(t.db, w.entA2, w.workerA2.id, { status: 'rectifying', description: '二楼配电房堆放杂物' });
  const ctx = { a1: await ctxFor(t.deps, w.workerA1.id), a2: await ctxFor(t.deps, w.workerA2.id), b1: await ctxFor(t.deps, w.workerB1.id) };
  return { t, w, entA1b, ctx };
}

/** Reports that each end differently when alone; run together they must end the same way. */
function mixedReports(m: Awaited<ReturnType<typeof mixedWorld>>): [Ctx, ReportHazardInputT][] {
  const { w, ctx, entA1b } = m;
  return [
    [ctx.a1, { enterpriseId: w.entA1.id, description: '消防通道堵塞' }],
    [ctx.a1, { enterpriseId: 999999, description: '不存在的企业' }],
    [ctx.a1, { enterpriseId: w.entB1.id, description: '别镇的企业' }],
    [ctx.a2, { enterpriseId: w.entA2.id, description: '二楼配电房堆放杂物。' }],
    [ctx.a2, { enterpriseId: w.entA2.id, description: '二楼配电房堆放杂物', force: true }],
    [ctx.a1, { enterpriseId: entA1b.id, description: '安全出口指示灯不亮', checkItemId: 999999 }],
    [ctx.a1, { enterpriseId: entA1b.id, description: '灭火器过期', patrolId: 999999 }],
    [ctx.b1, { enterpriseId: w.entB1.id, description: '配电箱未接地', level: 'major', deadlineDays: 3 }],
    [ctx.a1, { enterpriseId: entA1b.id, description: '员工未戴安全帽', deadline: '2020-01-01' }],
    [ctx.a1, { enterpriseId: entA1b.id, description: '原料堆场照明灯具损坏', deadlineDays: 7 }],
  ];
}

const shape = (o: Outcome[]) => o.map((x) => (x.ok ? { ok: true, created: x.created, description: x.description } : x));

describe('concurrent reports are checked and written together (intake groups)', () => {
  it('a mixed group ends exactly as the same reports one after another would, nothing refused is written', async () => {
    const together = await mixedWorld();
    const alone = await mixedWorld();
    const concurrent = await settle(mixedReports(together).map(([ctx, input]) => reportHazard(ctx, input)));
    const sequential: Outcome[] = [];
    for (const [ctx, input] of mixedReports(alone)) sequential.push(...(await settle([reportHazard(ctx, input)])));

    expect(shape(concurrent)).toEqual(shape(sequential));
    expect(concurrent.map((o) => (o.ok ? 'ok' : o.code))).toEqual([
      'ok', 'not_found', 'not_found', 'conflict', 'ok', 'validation_failed', 'validation_failed', 'ok', 'validation_failed', 'ok',
    ]);
    // Four new hazards (plus the one inserted before), each with exactly one report event.
    const rows = await together.t.db.select().from(hazards);
    expect(rows).toHaveLength(5);
    const events = await together.t.db.select().from(hazardEvents).where(eq(hazardEvents.action, 'report'));
    expect(events.map((e) => e.hazardId).sort()).toEqual(rows.filter((h) => h.code.startsWith('YH2026')).map((h) => h.id).sort());
    // The major hazard from a worker keeps its deadline as a suggestion only (SPEC §4), as when alone.
    const major = rows.find((h) => h.description === '配电箱未接地')!;
    expect(major.deadlineAt).toBeNull();
    expect(events.find((e) => e.hazardId === major.id)!.data).toMatchObject({ level: 'major', deadline: null, suggestedDeadline: expect.any(String) });
    // The urgent alerts are the same: one for the major hazard (entB1 is red too, but major wins).
    expect(together.t.notifier.alerts.map((a) => a.kind)).toEqual(['major_hazard']);
    expect(alone.t.notifier.alerts.map((a) => a.kind)).toEqual(['major_hazard']);
  });

  it('two near-identical reports of one enterprise at once: one is recorded, the other is told it is a duplicate of it', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const [a1, admin] = [await ctxFor(t.deps, w.workerA1.id), await ctxFor(t.deps, w.adminA.id)];
    const out = await settle([
      reportHazard(a1, { enterpriseId: w.entA1.id, description: '北门消防通道被货物堵塞' }),
      reportHazard(admin, { enterpriseId: w.entA1.id, description: '北门消防通道被货物堵塞。' }),
      reportHazard(a1, { enterpriseId: w.entA1.id, description: '食堂燃气报警器损坏' }),
    ]);
    expect(out.map((o) => o.ok)).toEqual([true, false, true]);
    expect(out[1]).toMatchObject({ code: 'conflict', status: 409 });
    const rows = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, w.entA1.id));
    expect(rows.map((h) => h.description).sort()).toEqual(['北门消防通道被货物堵塞', '食堂燃气报警器损坏'].sort());
  });

  it('the same chat message delivered twice at once makes one hazard; the second delivery gets it back', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const a1 = await ctxFor(t.deps, w.workerA1.id, 'dingtalk');
    const input = { enterpriseId: w.entA1.id, description: '配电箱门未关闭', source: { platform: 'dingtalk', messageId: 'msg-dup-1' } };
    const [first, second] = await Promise.all([reportHazard(a1, input), reportHazard(a1, input)]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(second.hazard.id).toBe(first.hazard.id);
    expect(await t.db.select().from(hazards)).toHaveLength(1);
    // Someone else's message id is refused, not shown to them.
    const a2 = await ctxFor(t.deps, w.workerA2.id);
    await expect(reportHazard(a2, { ...input, enterpriseId: w.entA2.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('each report of a group gets its own code, row and event, also past 9999 a day and across Shanghai midnight', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    await t.db.insert(hazardCodeCounters).values({ day: '20261123', seq: 9997 });
    const base = await ctxFor(t.deps, w.workerA1.id);
    const late: Ctx = { ...base, clock: () => new Date('2026-11-23T15:59:59Z') }; // 23:59:59 Shanghai, 23 Nov
    const early: Ctx = { ...base, clock: () => new Date('2026-11-23T16:00:00Z') }; // 00:00 Shanghai, 24 Nov
    const descriptions = ['甲 仓库消防栓被遮挡', '乙 二号车间电线私拉乱接', '丙 配电房无绝缘垫', '丁 叉车无证驾驶', '戊 危化品未分区存放'];
    const results = await Promise.all(descriptions.map((description, i) =>
      reportHazard(i === 2 ? early : late, { enterpriseId: w.entA1.id, description, force: true })));
    expect(results.map((r) => r.hazard.code)).toEqual([
      'YH20261123-9998', 'YH20261123-9999', 'YH20261124-0001', 'YH20261123-10000', 'YH20261123-10001',
    ]);
    for (const r of results) {
      const [row] = await t.db.select().from(hazards).where(eq(hazards.id, r.hazard.id));
      expect(row.code).toBe(r.hazard.code);
      expect(row.description).toBe(r.hazard.description);
      const [event] = await t.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, row.id));
      expect(event).toMatchObject({ action: 'report', toStatus: row.status, at: row.reportedAt });
    }
  });

  it('photos and check items land on their own hazard when reported together', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const a1 = await ctxFor(t.deps, w.workerA1.id);
    const [fire] = await t.db.select().from(checkItems).where(eq(checkItems.active, true)).limit(1);
    const photos = [await insertPhoto(t.db, w.workerA1.id), await insertPhoto(t.db, w.workerA1.id)];
    const [withPhoto, withItem] = await Promise.all([
      reportHazard(a1, { enterpriseId: w.entA1.id, description: '墙体裂缝', photoIds: [photos[0].id], force: true }),
      reportHazard(a1, { enterpriseId: w.entA1.id, description: '检查项问题', checkItemId: fire.id, photoIds: [photos[1].id], force: true }),
    ]);
    expect(withItem.hazard.checkItemId).toBe(fire.id);
    const events = await t.db.select().from(hazardEvents);
    expect(events.find((e) => e.hazardId === withPhoto.hazard.id)!.data).toMatchObject({ photoIds: [photos[0].id] });
    expect(events.find((e) => e.hazardId === withItem.hazard.id)!.data).toMatchObject({ photoIds: [photos[1].id], checkItemId: fire.id });
  });

  it("when a group's batch fails, each report is retried alone: only the failing one gets the error", async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    // A writer that refuses any batch carrying the poisoned text, like a constraint only that row breaks.
    const failing: Writer = {
      batch: (statements) => {
        const text = statements.map((s) => JSON.stringify((s as unknown as { getQuery?: () => unknown }).getQuery?.() ?? '')).join();
        return text.includes('有毒') ? Promise.reject(new Error('SQLITE_CONSTRAINT: poisoned row')) : t.deps.writer.batch(statements);
      },
    };
    const ctx = { ...(await ctxFor(t.deps, w.workerA1.id)), writer: failing };
    const out = await Promise.allSettled(['正常一 楼梯扶手松动', '有毒 的一条', '正常二 井盖缺失'].map((description) =>
      reportHazard(ctx, { enterpriseId: w.entA1.id, description, force: true })));
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await t.db.select().from(hazards);
    expect(rows.map((h) => h.description).sort()).toEqual(['正常一 楼梯扶手松动', '正常二 井盖缺失'].sort());
    expect(await t.db.select().from(hazardEvents)).toHaveLength(2);
  });

  it('the kept checklist follows edits at once in this process, and an id created elsewhere is confirmed from the database', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const a1 = await ctxFor(t.deps, w.workerA1.id);
    const admin = await ctxFor(t.deps, w.district.id);
    await reportHazard(a1, { enterpriseId: w.entA1.id, description: '第一条，读入检查表', force: true });

    const forklift = await createCheckItem(admin, { code: 'ZZ-FORK', category: '特种设备', title: '叉车', keywords: ['叉车超速'] });
    const found = await reportHazard(a1, { enterpriseId: w.entA1.id, description: '叉车超速行驶', force: true });
    expect(found.hazard.checkItemId).toBe(forklift.id);
    await updateCheckItem(admin, forklift.id, { active: false });
    await expect(reportHazard(a1, { enterpriseId: w.entA1.id, description: '再次', checkItemId: forklift.id, force: true }))
      .rejects.toMatchObject({ code: 'validation_failed' });

    // Written behind the verbs' back (another process): the id is still accepted at once.
    const [other] = await t.db.insert(checkItems).values({ code: 'ZZ-OTHER-PROC', category: '其他', title: '别处新增', keywords: [], sort: 999 }).returning();
    const named = await reportHazard(a1, { enterpriseId: w.entA1.id, description: '按编号上报', checkItemId: other.id, force: true });
    expect(named.hazard.checkItemId).toBe(other.id);
  });

  it('a large group of chat reports is split across statements under the bound-parameter limit, codes still consecutive', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const ents = [w.entA1, ...(await Promise.all(Array.from({ length: 4 }, () => makeEnterprise(t.db, w.gridA1))))];
    const a1 = await ctxFor(t.deps, w.workerA1.id, 'dingtalk');
    // 3 bound parameters a row (platform, message id, description): 60 rows need two hazard inserts.
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => reportHazard(a1, {
      enterpriseId: ents[i % ents.length].id, description: `第${i}号隐患：${'东南西北'[i % 4]}侧护栏松动编号${i * 7919}`,
      source: { platform: 'dingtalk', messageId: `bulk-${i}` }, force: true,
    })));
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.map((r) => Number(r.hazard.code.slice(-4))).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const r of results) {
      const [row] = await t.db.select().from(hazards).where(eq(hazards.id, r.hazard.id));
      expect([row.code, row.description, row.sourceMessageId]).toEqual([r.hazard.code, r.hazard.description, expect.stringMatching(/^bulk-/)]);
    }
    expect(await t.db.select().from(hazardEvents)).toHaveLength(60);
  });
});
