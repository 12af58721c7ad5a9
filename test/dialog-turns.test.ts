import { describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { attachments, drafts, hazardEvents, hazards, patrols } from '../db/schema/index.js';
import { createDialog } from '../bot/dialog/handle.js';
import { createInbox } from '../bot/inbox.js';
import { dialogWorld } from './helpers/dialog-world.js';
import { workerDigest } from '../jobs/worker-digest.js';
import { defaultJobsConfig } from '../jobs/config.js';
import type { PlannedNotification } from '../jobs/types.js';

// The multi-turn rules (bot/dialog/pending.ts), each as a short conversation.
describe('a pending question consumes only its answer', () => {
  it('作废 YH…0007 不属实 during the reason question for 0006 voids 0007 only; 0006 keeps waiting and says so', async () => {
    const c = await dialogWorld();
    await c.say(c.w.adminA, '上报 华美化工 消防通道堵塞');
    await c.say(c.w.adminA, '上报 华美塑料 配电箱未接地');
    const [h6, h7] = await c.db.select().from(hazards).orderBy(hazards.id);
    expect(await c.say(c.w.adminA, `作废 ${h6.code}`)).toContain('请说明作废原因');
    const reply = await c.say(c.w.adminA, `作废 ${h7.code} 不属实`);
    expect(reply).toContain(`已作废 ${h7.code}`);
    expect(reply).toContain('您之前的作废');
    expect(reply).toContain('尚未记录');
    const after = await c.db.select().from(hazards).orderBy(hazards.id);
    expect(after.map((h) => [h.code, h.status, h.duplicateOfId])).toEqual([[h6.code, 'reported', null], [h7.code, 'void', null]]);
    // The kept question still takes its answer.
    expect(await c.say(c.w.adminA, '不属实')).toContain(`已作废 ${h6.code}`);
  });

  it('a report waiting for its enterprise is kept while a query is answered, and completes afterwards', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上报 华美 灭火器过期')).toContain('请选择企业');
    const tasks = await c.say(c.w.workerA1, '我的任务');
    expect(tasks).toContain('上报隐患（华美：灭火器过期）还在等您回复选择企业的序号，尚未记录');
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
    expect(await c.say(c.w.workerA1, '1')).toContain('隐患已登记');
    expect(await c.db.select().from(hazards)).toMatchObject([{ enterpriseId: c.huamei.id, description: '灭火器过期' }]);
  });

  it('a sentence naming another enterprise is no answer to 请选择企业: the waiting patrol is not put on it', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '巡查 华美 正常')).toContain('请选择企业');
    // A sentence of its own, not a name: before, the whole of it was matched as the name and the waiting
    // patrol (正常) was recorded at whichever enterprise it matched. It is read as itself: several
    // enterprises visited, all well (patrol-several.ts), each name matched on its own.
    const reply = await c.say(c.w.workerA1, '华美塑料 恒泰 都看过了 没问题');
    expect(reply).toContain('常州华美塑料制品有限公司：正常');
    expect(reply).toContain('未记录（在您的范围内没有找到）：恒泰');
    // The waiting patrol of 华美 is neither recorded at 华美塑料 nor lost: it still waits for its choice.
    expect(reply).toContain('您之前的巡查记录（华美）还在等您回复选择企业的序号，尚未记录');
    expect(await c.db.select({ enterpriseId: patrols.enterpriseId }).from(patrols)).toEqual([{ enterpriseId: c.huameiPlastic.id }]);
    expect(await c.say(c.w.workerA1, '1')).toContain('巡查已记录');
    expect(await c.db.select({ n: count() }).from(patrols)).toEqual([{ n: 2 }]);
  });

  it('a report made while a question waits keeps its photo target; the question still waits afterwards', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工');
    expect(await c.say(c.w.workerA1, '上报 华美塑料 配电箱未接地')).toContain('还在等您回复隐患描述');
    const [h] = await c.db.select().from(hazards);
    expect(await c.say(c.w.workerA1, '', { photos: 2 })).toContain(`已将 2 张照片补充到隐患 ${h.code}`);
    expect(await c.db.select({ n: count() }).from(attachments).where(eq(attachments.hazardId, h.id))).toEqual([{ n: 2 }]);
    expect(await c.say(c.w.workerA1, '消防通道堵塞')).toContain('隐患已登记');
    const rows = await c.db.select().from(hazards).orderBy(hazards.id);
    expect(rows.map((r) => r.enterpriseId)).toEqual([c.huameiPlastic.id, c.huamei.id]);
  });

  it('a deadline alone while the report waits for its enterprise is kept, and the question stands', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美 灭火器过期');
    expect(await c.say(c.w.workerA1, '3天内')).toContain('已记下整改期限。请继续回复选择企业的序号');
    expect(await c.say(c.w.workerA1, '1')).toContain('期限 11月26日');
    expect(await c.db.select().from(hazards)).toMatchObject([{ enterpriseId: c.huamei.id, status: 'rectifying' }]);
  });

  it('a command that asks its own question replaces the pending one, and the reply says it was dropped', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工');
    const reply = await c.say(c.w.workerA1, '巡查 华美塑料');
    expect(reply).toContain('巡查结果如何');
    expect(reply).toContain('您之前的上报隐患（常州华美化工有限公司）未完成，已放弃（未记录）');
    expect(await c.db.select().from(drafts)).toMatchObject([{ intent: 'patrol', awaiting: 'patrol_result' }]);
  });

  it('an expired question is announced once in the next reply, never dropped silently', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工');
    c.advance(31 * 60_000);
    const reply = await c.say(c.w.workerA1, '消防通道堵塞');
    expect(reply).toContain('超过 30 分钟未回复，已失效（未记录）');
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
    expect(await c.say(c.w.workerA1, '帮助')).not.toContain('已失效');
  });

  it('an expired question the worker never came back to is said in the next 08:30 digest, once', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上报 华美化工')).toContain('请简要描述隐患情况');
    // 10:00 on the 23rd; the digest of the 24th at 08:30 Shanghai (00:30 UTC), then the one of the 25th.
    const digestAt = async (iso: string) => {
      const planned: PlannedNotification[] = [];
      await workerDigest({ db: c.db, now: new Date(iso), config: defaultJobsConfig, outbox: { enqueue: async (p) => (planned.push(...p), p.length) } });
      return planned.find((p) => p.personId === c.w.workerA1.id)?.text ?? '';
    };
    const next = await digestAt('2026-11-24T00:30:00.000Z');
    expect(next).toContain('未完成：您在聊天中的上报隐患（常州华美化工有限公司）超过 30 分钟未回复，已失效（未记录）');
    expect(await digestAt('2026-11-25T00:30:00.000Z')).not.toContain('已失效');
    // Nobody else's digest says it.
    const others: PlannedNotification[] = [];
    await workerDigest({ db: c.db, now: new Date('2026-11-24T00:30:00.000Z'), config: defaultJobsConfig, outbox: { enqueue: async (p) => (others.push(...p), p.length) } });
    expect(others.filter((p) => p.personId !== c.w.workerA1.id && p.text.includes('已失效'))).toEqual([]);
  });

  it('an expired question the next reply announced is not said again in the digest', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工');
    c.advance(31 * 60_000);
    expect(await c.say(c.w.workerA1, '我的任务')).toContain('已失效');
    const planned: PlannedNotification[] = [];
    await workerDigest({ db: c.db, now: new Date('2026-11-24T00:30:00.000Z'), config: defaultJobsConfig, outbox: { enqueue: async (p) => (planned.push(...p), p.length) } });
    expect(planned.filter((p) => p.text.includes('已失效'))).toEqual([]);
  });

  it('one sender’s question never takes another sender’s message', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工');
    expect(await c.say(c.w.workerA2, '消防通道堵塞')).not.toContain('隐患已登记');
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
    expect(await c.say(c.w.workerA1, '消防通道堵塞')).toContain('隐患已登记');
  });

  it('a restart in the middle of a question (new inbox and dialog on the same database) completes the report', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上报 华美化工')).toContain('请简要描述隐患情况');
    const restarted = createInbox({ deps: c.deps, handle: createDialog({ deps: c.deps, photoSettleMs: 0 }), log: () => {} });
    const reply = await restarted.receive(c.message(c.w.workerA1, '二楼配电房堆放杂物'));
    expect(reply?.text).toContain('隐患已登记');
    expect(await c.db.select().from(hazards)).toMatchObject([{ enterpriseId: c.huamei.id, description: '二楼配电房堆放杂物' }]);
  });
});

describe('every report reply says what was understood', () => {
  it('a checklist item that is major by default says so, and keeps the worker’s deadline as the suggested one', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '上报 华美化工 污水池作业无人监护 3天内整改');
    expect(reply).toContain('企业：常州华美化工有限公司');
    expect(reply).toContain('等级：重大隐患');
    expect(reply).toContain('检查项“有限空间作业审批、检测、监护到位”默认为重大隐患');
    expect(reply).toContain('建议期限：11月26日');
    // The test world's notifier queues nothing: the reply must not claim anyone was told.
    expect(reply).toContain('提醒未能发出');
    const [h] = await c.db.select().from(hazards);
    const [ev] = await c.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, h.id));
    expect(ev.data).toMatchObject({ suggestedDeadline: expect.stringMatching(/^2026-11-26/) });
    // The admin who assigns sees the suggestion.
    expect(await c.say(c.w.adminA, `查询 ${h.code}`)).toContain('上报人建议期限：11月26日');
  });

  it('a general report states its deadline, or that none was set', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上报 华美化工 灭火器过期 5天内整改')).toContain('期限 11月28日');
    expect(await c.say(c.w.workerA1, '上报 华美塑料 配电箱未接地')).toContain('期限：未设定');
  });
});

describe('corrections of the last report in plain words', () => {
  it('改成重大, 期限改为5天, 不是…是…, 撤回: each through the correct verb, with an event', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 灭火器过期');
    const [h] = await c.db.select().from(hazards);
    expect(await c.say(c.w.workerA1, '期限改为5天')).toContain(`已更正 ${h.code}`);
    expect((await c.db.select().from(hazards))[0]).toMatchObject({ status: 'rectifying' });
    const fixed = await c.say(c.w.workerA1, '不是华美化工，是华美塑料');
    expect(fixed).toContain('企业：常州华美塑料制品有限公司');
    const major = await c.say(c.w.workerA1, '改成重大');
    expect(major).toContain('等级：重大隐患');
    expect(major).toContain('建议期限：11月28日');
    expect((await c.db.select().from(hazards))[0]).toMatchObject({ level: 'major', deadlineAt: null, enterpriseId: c.huameiPlastic.id, status: 'reported' });
    expect(await c.say(c.w.workerA1, '撤回')).toContain(`已撤回 ${h.code}`);
    expect((await c.db.select().from(hazards))[0].status).toBe('void');
    const events = await c.db.select().from(hazardEvents).where(and(eq(hazardEvents.hazardId, h.id), eq(hazardEvents.action, 'correct')));
    expect(events).toHaveLength(4);
  });

  it('a correction survives an unrelated question asked in between; the question still waits', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 灭火器过期');
    const [h] = await c.db.select().from(hazards);
    // Something else, which asks a question of its own, before the worker corrects the report.
    expect(await c.say(c.w.workerA1, '巡查 华美塑料')).toContain('巡查结果如何');
    const major = await c.say(c.w.workerA1, '改成重大');
    expect(major).toContain(`已更正 ${h.code}`);
    expect(major).toContain('等级：重大隐患');
    expect(major).toContain('还在等您回复');
    expect(await c.say(c.w.workerA1, '期限改为5天')).toContain(`已更正 ${h.code}`);
    expect((await c.db.select().from(hazards))[0]).toMatchObject({ level: 'major' });
    expect(await c.say(c.w.workerA1, '不是华美化工，是华美塑料')).toContain('企业：常州华美塑料制品有限公司');
    const events = await c.db.select().from(hazardEvents).where(and(eq(hazardEvents.hazardId, h.id), eq(hazardEvents.action, 'correct')));
    expect(events).toHaveLength(3);
    // The patrol question still takes its answer (and, another record made, the window closes as usual).
    expect(await c.say(c.w.workerA1, '正常')).toContain('巡查已记录');
    expect(await c.say(c.w.workerA1, '撤回')).not.toContain('已撤回');
  });

  it('取消 of a question asked after a report cancels the question only; 撤回 then withdraws the report', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 灭火器过期');
    const [h] = await c.db.select().from(hazards);
    await c.say(c.w.workerA1, '巡查 华美塑料');
    const cancelled = await c.say(c.w.workerA1, '取消');
    expect(cancelled).toContain('已取消');
    expect(cancelled).toContain(`刚才上报的 ${h.code} 不受影响`);
    expect(await c.say(c.w.workerA1, '撤回')).toContain(`已撤回 ${h.code}`);
    expect((await c.db.select().from(hazards))[0].status).toBe('void');
  });

  it('after 10 minutes, or on someone else’s report, a correction is refused in words', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 灭火器过期');
    c.advance(9 * 60_000);
    expect(await c.say(c.w.workerA1, '改成重大')).toContain('已更正');
    c.advance(2 * 60_000);
    // The photo window has passed too: nothing is corrected, and the reply says why (never 没看懂).
    const late = await c.say(c.w.workerA1, '改成重大');
    expect(late).not.toContain('已更正');
    expect(late).toContain('没有可修改的上报');
    expect((await c.db.select().from(hazards))[0].level).toBe('major');
  });
});

describe('photos', () => {
  it('a burst after a report gets one reply and lands on that hazard; more than 9 get a polite word', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [h] = await c.db.select().from(hazards);
    const replies = await Promise.all([4, 4, 3].map((n) => c.say(c.w.workerA1, '', { photos: n })));
    const spoken = replies.filter(Boolean);
    expect(spoken).toHaveLength(1);
    expect(spoken[0]).toContain(`已将 9 张照片补充到隐患 ${h.code}`);
    expect(spoken[0]).toContain('其余 2 张未附上');
    expect(await c.db.select({ n: count() }).from(attachments).where(eq(attachments.hazardId, h.id))).toEqual([{ n: 9 }]);
  });

  it('photos sent right before a new report go to the new one, never across it to the older hazard', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [older] = await c.db.select().from(hazards);
    const [p1, p2, report] = await Promise.all([
      c.say(c.w.workerA1, '', { photos: 1 }),
      c.say(c.w.workerA1, '', { photos: 1 }),
      c.say(c.w.workerA1, '上报 华美塑料 配电箱未接地'),
    ]);
    expect([p1, p2]).toEqual(['', '']);
    expect(report).toContain('已附 2 张照片');
    const newer = (await c.db.select().from(hazards).orderBy(hazards.id))[1];
    expect(await c.db.select({ n: count() }).from(attachments).where(eq(attachments.hazardId, older.id))).toEqual([{ n: 0 }]);
    expect(await c.db.select({ n: count() }).from(attachments).where(eq(attachments.hazardId, newer.id))).toEqual([{ n: 2 }]);
  });

  it('the history shows the report first and each step’s photos, however long it is', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '', { photos: 2 });
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [h] = await c.db.select().from(hazards);
    c.advance(11 * 60_000);
    for (let i = 0; i < 9; i++) await c.say(c.w.workerA1, `吹哨 ${h.code} 消防`);
    const detail = await c.say(c.w.workerA1, `查询 ${h.code}`);
    const steps = detail.split('\n').filter((l) => l.startsWith('· '));
    expect(steps[0]).toMatch(/上报（照片 2 张）$/);
  });
});
