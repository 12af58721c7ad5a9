import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createWecomAdapter, type WecomAdapter } from '../bot/adapters/wecom/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { chatIdentities, hazards } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { loopbackOnly } from './fakes/dingtalk/loopback-only.js';
import { FAKE_BOT, startFakeWecom, text, wecomBody, type FakeWecom } from './fakes/wecom/fake-wecom.js';

// A numbered question closes its reply stream with a button_interaction card; a click arrives as a
// template_card_event whose key is the answer, and the dialog takes it as that answer.
describe('WeCom choice buttons (template card)', () => {
  let fake: FakeWecom;
  let adapter: WecomAdapter;
  let t: Awaited<ReturnType<typeof testDeps>>;
  let restoreNet: () => void;
  let userid: string;
  let yongan: { id: number };

  beforeEach(async () => {
    restoreNet = loopbackOnly();
    t = await testDeps();
    const town = await makeTown(t.db);
    const worker = await makePerson(t.db, 'worker', { townId: town.id, name: '张三' });
    const grid = await makeGrid(t.db, town.id, worker.id);
    yongan = await makeEnterprise(t.db, grid, { name: '常州永安化工有限公司', shortName: '永安化工' });
    await makeEnterprise(t.db, grid, { name: '常州永安塑料制品有限公司', shortName: '永安塑料' });
    userid = `zhangsan${Date.now() % 100000}`;
    await t.db.insert(chatIdentities).values({ personId: worker.id, platform: 'wecom', externalId: userid, createdAt: new Date() });
    fake = await startFakeWecom();
    adapter = createWecomAdapter({ ...FAKE_BOT, wsUrl: fake.wsUrl, botName: '安全助手', log: () => {}, now: t.clock, reconnect: { minDelayMs: 200, maxDelayMs: 2000 } });
    const inbox = createInbox({ deps: t.deps, handle: createDialog({ deps: t.deps, photoSettleMs: 0 }), log: () => {} });
    adapter.onMessage((msg) => inbox.receive(msg));
    await adapter.start();
    await fake.until(() => fake.authedCount === 1 && adapter.connected, 5000, 'subscription');
  });
  afterEach(async () => {
    await adapter?.stop();
    await fake.close();
    await t.close();
    restoreNet();
  });

  it('offers the candidates as buttons; a click answers the question', async () => {
    const reqId = fake.push(wecomBody({ userid }, text('上报 永安 消防通道堵塞')));
    await fake.until(() => fake.replies.some((r) => r.reqId === reqId && (r.body.stream as { finish?: boolean } | undefined)?.finish), 5000, 'question');
    const question = fake.replies.find((r) => r.reqId === reqId && (r.body.stream as { finish?: boolean } | undefined)?.finish)!;
    expect(question.errcode).toBe(0);
    const card = question.body.template_card as { card_type: string; task_id: string; button_list: { text: string; key: string }[] };
    expect(card.card_type).toBe('button_interaction');
    expect(card.button_list).toHaveLength(2);
    const chosen = card.button_list.find((b) => b.text.includes('永安化工'))!;
    expect(chosen.key).toMatch(/^\d$/);

    fake.cardClick(userid, chosen.key, card.task_id);
    await fake.until(() => fake.sent.some((s) => s.body.msgtype === 'markdown'), 5000, 'answer');
    const rows = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, yongan.id));
    expect(rows).toHaveLength(1);
    const answer = fake.sent.find((s) => s.body.msgtype === 'markdown')!;
    expect(answer).toMatchObject({ chatid: userid, errcode: 0 });
    expect(String((answer.body.markdown as { content: string }).content)).toContain(rows[0].code);
  });
});
