import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createDingTalkAdapter, type DingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { robotMsgParam, MSG_PARAM_MAX_BYTES } from '../bot/adapters/dingtalk/outgoing.js';
import { startFakeDingTalk, FAKE_CLIENT, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';

const BATCH = '/v1.0/robot/oToMessages/batchSend';
const GROUP = '/v1.0/robot/groupMessages/send';
const TOKEN = '/v1.0/oauth2/accessToken';
const reminder = { title: '巡查提醒', text: '今天有 3 家企业待巡查', markdown: '### 巡查提醒\n- 今天有 3 家企业待巡查' };

// Proactive sends (the reminder jobs) through the OpenAPI; no Stream connection is needed.
describe('DingTalk adapter: proactive sends', () => {
  let fake: FakeDingTalk;
  let adapter: DingTalkAdapter;
  let nowMs: number;

  beforeEach(async () => {
    fake = await startFakeDingTalk();
    nowMs = Date.parse('2026-11-23T02:00:00Z');
    adapter = createDingTalkAdapter({ ...FAKE_CLIENT, robotCode: 'robot-x', apiBase: fake.apiBase, now: () => new Date(nowMs) });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends to 45 people in 3 calls of at most 20 with one cached token; throttled people come back retryable', async () => {
    const users = Array.from({ length: 45 }, (_, i) => `staff${String(i).padStart(3, '0')}`);
    fake.api.flowControlled = new Set(['staff003', 'staff031']);
    fake.api.invalidStaff = new Set(['staff044']);
    const result = await adapter.sendBatch(users, reminder);

    const calls = fake.api.callsTo(BATCH);
    expect(calls.map((c) => (c.body.userIds as string[]).length)).toEqual([20, 20, 5]);
    expect(calls.flatMap((c) => c.body.userIds as string[])).toEqual(users);
    expect(fake.api.callsTo(TOKEN)).toHaveLength(1);
    expect(new Set(calls.map((c) => c.token)).size).toBe(1);
    expect(calls[0].body).toMatchObject({ robotCode: 'robot-x', msgKey: 'sampleMarkdown' });
    expect(JSON.parse(calls[0].body.msgParam as string)).toEqual({ title: reminder.title, text: reminder.markdown });

    expect(result.retryable).toEqual(['staff003', 'staff031']);
    expect(result.failed).toEqual([{ userId: 'staff044', error: 'invalid staff id' }]);
    expect(result.sent).toHaveLength(42);

    // Still cached for the next job run; refreshed only near expireIn (7200 s).
    await adapter.send({ userId: 'staff001' }, reminder);
    nowMs += 7000 * 1000;
    await adapter.send({ userId: 'staff001' }, reminder);
    expect(fake.api.callsTo(TOKEN)).toHaveLength(2);
  });

  it('reports one person’s outcome from send(): ok, retryable when flow-controlled', async () => {
    fake.api.flowControlled = new Set(['busy']);
    expect(await adapter.send({ userId: 'fine' }, { title: 't', text: '纯文本' })).toEqual({ ok: true });
    expect(await adapter.send({ userId: 'busy' }, reminder)).toMatchObject({ ok: false, retryable: true });
    const [plain] = fake.api.callsTo(BATCH);
    expect(plain.body).toMatchObject({ msgKey: 'sampleText', msgParam: JSON.stringify({ content: '纯文本' }) });
  });

  it('refreshes an expired token once on 401 and retries the call', async () => {
    expect(await adapter.send({ userId: 'a' }, reminder)).toEqual({ ok: true });
    fake.api.expireTokens();
    expect(await adapter.send({ userId: 'b' }, reminder)).toEqual({ ok: true });
    expect(fake.api.callsTo(TOKEN)).toHaveLength(2);
    const tokens = fake.api.callsTo(BATCH).map((c) => c.token);
    expect(tokens).toHaveLength(3); // a, b with the stale token (401), b again
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).not.toBe(tokens[1]);
  });

  it('sends to a group, and a throttled group robot (130101) is retryable', async () => {
    expect(await adapter.send({ groupId: 'cidGroup==' }, reminder)).toEqual({ ok: true });
    expect(fake.api.callsTo(GROUP)[0].body).toMatchObject({ robotCode: 'robot-x', openConversationId: 'cidGroup==', msgKey: 'sampleMarkdown' });
    fake.api.groupThrottled = true;
    const throttled = await adapter.send({ groupId: 'cidGroup==' }, reminder);
    expect(throttled).toMatchObject({ ok: false, retryable: true });
    expect(throttled.ok === false && throttled.error).toContain('130101');
  });

  it('does not retry a wrong secret, and never puts the secret or token in the error', async () => {
    const wrong = createDingTalkAdapter({ ...FAKE_CLIENT, clientSecret: 'wrong-secret', apiBase: fake.apiBase });
    const r = await wrong.send({ userId: 'a' }, reminder);
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(JSON.stringify(r)).not.toContain('wrong-secret');
    expect(fake.api.callsTo(BATCH)).toHaveLength(0);
  });

  it('cuts an over-long message politely to fit msgParam’s 15,000 bytes', async () => {
    const long = { title: '周报', text: '长', markdown: '隐患😀'.repeat(6000) };
    const { msgParam } = robotMsgParam(long);
    expect(Buffer.byteLength(msgParam)).toBeLessThanOrEqual(MSG_PARAM_MAX_BYTES);
    expect(Buffer.byteLength(msgParam)).toBeGreaterThan(MSG_PARAM_MAX_BYTES - 100);
    const text = JSON.parse(msgParam).text as string;
    expect(text).toMatch(/已截断/);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half emoji
    expect(await adapter.send({ userId: 'a' }, long)).toEqual({ ok: true }); // the fake rejects > 15,000 bytes
  });

  it('defaults to api.dingtalk.com, which the test network never reaches', async () => {
    const real = createDingTalkAdapter({ ...FAKE_CLIENT });
    const r = await real.send({ userId: 'a' }, reminder);
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('api.dingtalk.com:443/v1.0/oauth2/accessToken') });
    expect(fake.api.calls).toHaveLength(0);
  });
});
