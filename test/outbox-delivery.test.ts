import { describe, it, expect } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { testDeps } from './helpers/deps.js';
import { makePerson } from './helpers/fixtures.js';
import { addIdentity, fakePacing, fakeSender, sh } from './helpers/jobs-fixtures.js';
import { notifications } from '../db/schema/index.js';
import { dbOutbox } from '../jobs/outbox/enqueue.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import { endOfSendingDay } from '../jobs/shanghai-window.js';
import { defaultJobsConfig } from '../jobs/config.js';
import type { PlannedNotification } from '../jobs/types.js';

const msg = (personId: number, key: string, extra: Partial<PlannedNotification> = {}): PlannedNotification => ({
  dedupeKey: `t:${key}:${personId}`, personId, kind: 'digest', urgent: false, title: '今日待办', text: `巡查：到期 ${key} 家`, expiresAt: null, ...extra,
});
const rowsOf = (t: Awaited<ReturnType<typeof testDeps>>, ids: number[]) =>
  t.db.select().from(notifications).where(inArray(notifications.personId, ids)).orderBy(notifications.id);

describe('outbox delivery', () => {
  it('holds routine messages in quiet hours until 08:00 and lets urgent ones through', async () => {
    const t = await testDeps();
    const p = await makePerson(t.db, 'worker');
    await addIdentity(t.db, p.id, 'dingtalk');
    const night = sh(23, 22, 0);
    await dbOutbox(t.db).enqueue([msg(p.id, 'routine'), msg(p.id, 'urgent', { urgent: true, kind: 'urgent_major_hazard' })], night);
    const ding = fakeSender('dingtalk');
    const r = await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: night });
    expect(r).toMatchObject({ sent: 1, held: 1 });
    expect(ding.sent.map((s) => s.message.text)).toEqual(['巡查：到期 urgent 家']);
    const [routine] = await rowsOf(t, [p.id]);
    expect(routine.status).toBe('pending');
    expect(routine.notBefore.toISOString()).toBe(sh(24, 8, 0).toISOString());
    await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(24, 7, 59) });
    expect(ding.sent).toHaveLength(1);
    await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(24, 8, 0) });
    expect(ding.sent).toHaveLength(2);
  });

  it('drops routine messages whose day has passed instead of sending them late', async () => {
    const t = await testDeps();
    const p = await makePerson(t.db, 'worker');
    await addIdentity(t.db, p.id, 'dingtalk');
    const morning = sh(23, 8, 30);
    await dbOutbox(t.db).enqueue([msg(p.id, 'stale', { expiresAt: endOfSendingDay(morning, defaultJobsConfig) })], morning);
    const ding = fakeSender('dingtalk');
    // Nothing could send all day (no adapter), then at 21:30 the day is over.
    await drainOutbox({ db: t.db, senders: {}, now: morning });
    const r = await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(23, 21, 30) });
    expect(r.dropped).toBe(1);
    expect(ding.sent).toHaveLength(0);
    expect((await rowsOf(t, [p.id]))[0]).toMatchObject({ status: 'dropped' });
  });

  it('retries DingTalk flow-controlled users later with backoff, then sends', async () => {
    const t = await testDeps();
    const a = await makePerson(t.db, 'worker');
    const b = await makePerson(t.db, 'worker');
    await addIdentity(t.db, a.id, 'dingtalk');
    const bId = await addIdentity(t.db, b.id, 'dingtalk');
    const now = sh(23, 8, 30);
    await dbOutbox(t.db).enqueue([msg(a.id, 'x', { text: '同一条' }), msg(b.id, 'x', { text: '同一条' })], now);
    let throttle = true;
    const ding = fakeSender('dingtalk', { batch: true, respond: (u) => (throttle && u === bId ? { ok: false, retryable: true, error: 'flow' } : { ok: true }) });
    const first = await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now });
    expect(first).toMatchObject({ sent: 1, retried: 1 });
    expect(ding.calls).toEqual([[expect.any(String), bId]]);
    const [, rb] = await rowsOf(t, [a.id, b.id]);
    expect(rb).toMatchObject({ status: 'pending', attempts: 1 });
    expect(rb.notBefore.getTime()).toBe(now.getTime() + 60_000);
    throttle = false;
    expect((await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: new Date(+now + 30_000) })).sent).toBe(0);
    expect((await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: new Date(+now + 60_000) })).sent).toBe(1);
    expect((await rowsOf(t, [b.id]))[0]).toMatchObject({ status: 'sent', platform: 'dingtalk', attempts: 2 });
  });

  it('groups identical DingTalk messages into batchSend calls of at most 20 users', async () => {
    const t = await testDeps();
    const ids: number[] = [];
    for (let i = 0; i < 45; i++) {
      const p = await makePerson(t.db, 'district_admin');
      await addIdentity(t.db, p.id, 'dingtalk');
      ids.push(p.id);
    }
    await dbOutbox(t.db).enqueue(ids.map((id) => msg(id, 'all', { text: '全区督办', title: '全区督办' })), sh(23));
    const ding = fakeSender('dingtalk', { batch: true });
    expect((await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(23) })).sent).toBe(45);
    expect(ding.calls.map((c) => c.length)).toEqual([20, 20, 5]);
  });

  it('fails permanently rejected and unreachable messages with the reason', async () => {
    const t = await testDeps();
    const a = await makePerson(t.db, 'worker');
    const nobody = await makePerson(t.db, 'worker');
    await addIdentity(t.db, a.id, 'dingtalk');
    await dbOutbox(t.db).enqueue([msg(a.id, 'bad'), msg(nobody.id, 'bad')], sh(23));
    const ding = fakeSender('dingtalk', { batch: true, respond: () => ({ ok: false, retryable: false, error: 'invalid staff id' }) });
    expect((await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(23) })).failed).toBe(2);
    const rows = await rowsOf(t, [a.id, nobody.id]);
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([['failed', 'invalid staff id'], ['failed', '未绑定任何聊天账号']]);
  });

  it('sends a person with DingTalk and WeChat one copy, on the preferred platform', async () => {
    const t = await testDeps();
    const p = await makePerson(t.db, 'worker');
    const q = await makePerson(t.db, 'worker');
    await addIdentity(t.db, p.id, 'dingtalk');
    await addIdentity(t.db, p.id, 'wechat', true);
    await addIdentity(t.db, q.id, 'wechat');
    await addIdentity(t.db, q.id, 'dingtalk', true);
    const text = '巡查：到期 1 家\n回复“我的任务”查看全部';
    await dbOutbox(t.db).enqueue([msg(p.id, 'one', { text }), msg(q.id, 'one', { text })], sh(23));
    const ding = fakeSender('dingtalk', { batch: true });
    const wechat = fakeSender('wechat');
    await drainOutbox({ db: t.db, senders: { dingtalk: ding, wechat }, now: sh(23), pacing: fakePacing() });
    await drainOutbox({ db: t.db, senders: { dingtalk: ding, wechat }, now: sh(23, 9), pacing: fakePacing() });
    expect(wechat.sent.map((s) => s.to[0])).toEqual([expect.stringMatching(`^wechat-${p.id}-`)]);
    expect(ding.sent.map((s) => s.to[0])).toEqual([expect.stringMatching(`^dingtalk-${q.id}-`)]);
    expect(wechat.sent[0].message).toEqual({ title: '今日待办', text });
    expect(ding.sent[0].message.markdown).toContain('dtmd://dingtalkclient/sendMessage?content=%E6%88%91%E7%9A%84%E4%BB%BB%E5%8A%A1');
  });

  it('paces WeChat sends with jittered gaps and caps them per drain', async () => {
    const t = await testDeps();
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const p = await makePerson(t.db, 'worker');
      await addIdentity(t.db, p.id, 'wechat');
      ids.push(p.id);
    }
    await dbOutbox(t.db).enqueue(ids.map((id) => msg(id, 'w')), sh(23));
    const wechat = fakeSender('wechat');
    const pacing = fakePacing();
    const config = { ...defaultJobsConfig, outbox: { ...defaultJobsConfig.outbox, wechatPerDrain: 3 } };
    const r = await drainOutbox({ db: t.db, senders: { wechat }, now: sh(23), pacing, config });
    expect(r).toMatchObject({ sent: 3, waiting: 1 });
    expect(pacing.waits).toEqual([5500, 5500]);
    expect((await drainOutbox({ db: t.db, senders: { wechat }, now: new Date(+sh(23) + 30_000), pacing, config })).sent).toBe(0);
    expect((await drainOutbox({ db: t.db, senders: { wechat }, now: sh(23, 8, 31), pacing, config })).sent).toBe(1);
  });

  it('does not let rows for a platform without an adapter starve the rows behind them', async () => {
    const t = await testDeps();
    const wx = await makePerson(t.db, 'worker');
    await addIdentity(t.db, wx.id, 'wechat');
    const ding = await makePerson(t.db, 'worker');
    await addIdentity(t.db, ding.id, 'dingtalk');
    await dbOutbox(t.db).enqueue(Array.from({ length: 25 }, (_, i) => msg(wx.id, `wx${i}`)), sh(23, 8, 0));
    await dbOutbox(t.db).enqueue([msg(ding.id, 'late')], sh(23, 8, 10));
    const sender = fakeSender('dingtalk');
    const config = { ...defaultJobsConfig, outbox: { ...defaultJobsConfig.outbox, claimBatch: 10 } };
    const rounds = [];
    for (let i = 0; i < 3; i++) rounds.push((await drainOutbox({ db: t.db, senders: { dingtalk: sender }, now: sh(23), config })).sent);
    expect(rounds).toEqual([0, 0, 1]);
    const waiting = await rowsOf(t, [wx.id]);
    expect(waiting.every((r) => r.status === 'pending' && r.notBefore.getTime() === +sh(23) + 300_000)).toBe(true);
  });

  it('sends at most 20 group robot messages a minute', async () => {
    const t = await testDeps();
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...msg(0, `g${i}`), personId: null as unknown as number }));
    await dbOutbox(t.db).enqueue(rows, sh(23));
    await t.db.update(notifications).set({ target: 'cidGroup==', platform: 'dingtalk' }).where(eq(notifications.kind, 'digest'));
    const ding = fakeSender('dingtalk', { batch: true });
    expect((await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(23) })).sent).toBe(20);
    expect((await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(23, 8, 30) })).sent).toBe(0);
    expect((await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(23, 8, 32) })).sent).toBe(5);
    expect(ding.sent.every((s) => s.group === 'cidGroup==')).toBe(true);
  });

  it('never sends a row twice when two drainers run at once', async () => {
    const t = await testDeps();
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const p = await makePerson(t.db, 'worker');
      await addIdentity(t.db, p.id, 'dingtalk');
      ids.push(p.id);
    }
    await dbOutbox(t.db).enqueue(ids.map((id) => msg(id, 'race')), sh(23));
    const a = fakeSender('dingtalk');
    const b = fakeSender('dingtalk');
    await Promise.all([
      drainOutbox({ db: t.db, senders: { dingtalk: a }, now: sh(23) }),
      drainOutbox({ db: t.db, senders: { dingtalk: b }, now: sh(23) }),
    ]);
    const to = [...a.sent, ...b.sent].flatMap((s) => s.to);
    expect(to).toHaveLength(30);
    expect(new Set(to).size).toBe(30);
  });
});
