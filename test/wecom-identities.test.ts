import { describe, it, expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makePerson } from './helpers/fixtures.js';
import { call, upload } from './helpers/org-request.js';
import { CSV } from './helpers/imports-fixtures.js';
import { chatIdentities, people } from '../db/schema/index.js';
import { backoffDelay, DEFAULT_WECOM_BACKOFF } from '../bot/adapters/wecom/connection.js';
import { mention } from '../bot/adapters/wecom/normalise.js';

// The WeCom userid is a person's identity the way the DingTalk staffId is: set by the people import
// (column 企业微信ID) and by PUT /v1/people/{id}/identities.
describe('WeCom identities', () => {
  it('imports 企业微信ID next to 钉钉ID; a re-import replaces it; a taken one is a row error', async () => {
    const t = await testApp();
    const admin = await makePerson(t.db, 'district_admin');
    const first = await upload(t.app, '/v1/imports/people', admin.auth, CSV,
      '姓名,手机号,钉钉ID,企业微信ID\n张伟,13800000101,dt-zw,zhangwei\n李娜,13800000102,,lina\n');
    expect(first.status).toBe(200);
    const zhang = (await t.db.select().from(people).where(eq(people.phone, '13800000101')).get())!;
    const ids = await t.db.select({ platform: chatIdentities.platform, externalId: chatIdentities.externalId })
      .from(chatIdentities).where(eq(chatIdentities.personId, zhang.id)).orderBy(chatIdentities.platform);
    expect(ids).toEqual([{ platform: 'dingtalk', externalId: 'dt-zw' }, { platform: 'wecom', externalId: 'zhangwei' }]);

    await upload(t.app, '/v1/imports/people', admin.auth, CSV, '姓名,手机号,企业微信账号\n张伟,13800000101,zhangwei2\n');
    const after = await t.db.select().from(chatIdentities).where(and(eq(chatIdentities.personId, zhang.id), eq(chatIdentities.platform, 'wecom')));
    expect(after.map((i) => i.externalId)).toEqual(['zhangwei2']);
    // The DingTalk identity is untouched by a file without that column.
    expect(await t.db.select().from(chatIdentities).where(and(eq(chatIdentities.personId, zhang.id), eq(chatIdentities.platform, 'dingtalk')))).toHaveLength(1);

    const taken = await upload(t.app, '/v1/imports/people', admin.auth, CSV, '姓名,手机号,企业微信ID\n王五,13800000103,lina\n');
    expect(taken.status).toBe(400);
    expect(JSON.stringify(taken.body)).toContain('该企业微信 ID 已绑定给其他人员');
    expect(await t.db.select().from(people).where(eq(people.phone, '13800000103'))).toHaveLength(0);
  });

  it('sets and clears a WeCom identity through the identities API without touching DingTalk', async () => {
    const t = await testApp();
    const admin = await makePerson(t.db, 'district_admin');
    const w = await makePerson(t.db, 'worker');
    await call(t.app, 'PUT', `/v1/people/${w.id}/identities`, admin.auth, { dingtalk: 'staff-x' });
    const set = await call(t.app, 'PUT', `/v1/people/${w.id}/identities`, admin.auth, { wecom: 'wangwu' });
    expect(set.body.identities).toEqual([{ platform: 'dingtalk', externalId: 'staff-x' }, { platform: 'wecom', externalId: 'wangwu' }]);
    const other = await makePerson(t.db, 'worker');
    expect((await call(t.app, 'PUT', `/v1/people/${other.id}/identities`, admin.auth, { wecom: 'wangwu' })).status).toBe(409);
    const cleared = await call(t.app, 'PUT', `/v1/people/${w.id}/identities`, admin.auth, { wecom: null });
    expect(cleared.body.identities).toEqual([{ platform: 'dingtalk', externalId: 'staff-x' }]);
  });
});

describe('WeCom adapter rules', () => {
  it('reconnect delays grow but never exceed 10 s', () => {
    const delays = [1, 2, 3, 4, 5, 10, 50].map((n) => backoffDelay(n, DEFAULT_WECOM_BACKOFF, () => 1));
    expect(delays[0]).toBe(1200);
    expect(Math.max(...delays)).toBe(10_000);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('decides a group mention from the text: the bot name, or any leading @name when unnamed', () => {
    expect(mention('@安全助手 上报 华美 堵塞', '安全助手')).toEqual({ text: '上报 华美 堵塞', mentioned: true });
    expect(mention('上报 华美 @安全助手', '安全助手')).toEqual({ text: '上报 华美', mentioned: true });
    expect(mention('@安全助手们 上报', '安全助手')).toEqual({ text: '@安全助手们 上报', mentioned: false });
    expect(mention('@李四 上报 华美', '安全助手').mentioned).toBe(false);
    expect(mention('@安全助手 上报 华美')).toEqual({ text: '上报 华美', mentioned: true });
    expect(mention('上报 华美').mentioned).toBe(false);
  });
});
