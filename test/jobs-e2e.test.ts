import { describe, it, expect, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDeps } from './helpers/deps.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { sh } from './helpers/jobs-fixtures.js';
import { mockWechat, until } from './helpers/wechat-mock.js';
import { startFakeDingTalk, FAKE_CLIENT } from './fakes/dingtalk/fake-dingtalk.js';
import { chatIdentities, people } from '../db/schema/index.js';
import { createDingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { startScheduler } from '../entry/scheduler.js';
import { fixedClock } from '../lib/clock.js';

const BATCH = '/v1.0/robot/oToMessages/batchSend';

// The Node scheduler (entry/scheduler.ts) at 08:30 catches up the digest and drains it through the
// real adapters: DingTalk's OpenAPI path against a local fake, WeChat through wechaty's mock puppet.
describe('digest end to end through the real adapters', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  it('reaches a DingTalk worker by batchSend and a WeChat worker by the mock puppet', async () => {
    const t = await testDeps();
    const fake = await startFakeDingTalk();
    cleanup.push(() => fake.close());
    const dingtalk = createDingTalkAdapter({ ...FAKE_CLIENT, robotCode: 'robot-e2e', apiBase: fake.apiBase, log: () => {} });
    const w = await mockWechat();
    cleanup.push(() => w.stop());

    const town = await makeTown(t.db);
    const dingWorker = await makePerson(t.db, 'worker', { townId: town.id });
    const wxWorker = await makePerson(t.db, 'worker', { townId: town.id });
    for (const p of [dingWorker, wxWorker]) {
      const g = await makeGrid(t.db, town.id, p.id);
      await makeEnterprise(t.db, g, { name: `常州华美化工有限公司${p.id}`, registeredAt: new Date('2026-11-01T00:00:00Z') });
    }
    await t.db.insert(chatIdentities).values([
      { personId: dingWorker.id, platform: 'dingtalk', externalId: 'staff0123', createdAt: new Date() },
      { personId: wxWorker.id, platform: 'dingtalk', externalId: 'staff0456', createdAt: new Date() },
      { personId: wxWorker.id, platform: 'wechat', externalId: w.worker.id, createdAt: new Date() },
    ]);
    await t.db.update(people).set({ preferredPlatform: 'wechat' }).where(eq(people.id, wxWorker.id));

    const logs: string[] = [];
    const scheduler = startScheduler({
      db: t.db, clock: fixedClock(sh(23, 8, 30)), senders: { dingtalk, wechat: w.adapter }, log: (l) => logs.push(l), drainEveryMs: 3_600_000,
    });
    cleanup.push(() => scheduler.stop());
    await scheduler.ready;

    const calls = fake.api.callsTo(BATCH);
    expect(calls.map((c) => c.body.userIds)).toEqual([['staff0123']]);
    const param = JSON.parse(calls[0].body.msgParam as string);
    expect(param.title).toBe('今日待办（11月23日）');
    expect(param.text).toContain(`常州华美化工有限公司${dingWorker.id}`);
    expect(param.text).toContain('dtmd://dingtalkclient/sendMessage?content=');

    await until(() => w.said.length === 1);
    expect(w.said[0].to).toBe(w.worker.id);
    expect(w.said[0].text).toContain('巡查：到期 1 家');
    expect(w.said[0].text).toContain('回复“我的任务”查看全部');
    expect(logs.some((l) => l.includes('worker-digest') && l.includes('新入队 2 条'))).toBe(true);
  });
});
