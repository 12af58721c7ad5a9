import { startFakeH5LoginApi, type FakeH5LoginApi } from './fakes/dingtalk/h5-login-api.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { createApp } from '../api/app.js';
import { chatIdentities } from '../db/schema/index.js';

// A fake DingTalk on loopback speaking the two calls of H5 免登: the app token, then code → userid.
let fake: FakeH5LoginApi;
let fakeBase = '';

beforeAll(async () => {
  fake = await startFakeH5LoginApi({ 'code-bound': 'staff001', 'code-stranger': 'staff999' });
  fakeBase = fake.base;
});
afterAll(() => fake.close());

describe('DingTalk H5 免登', () => {
  it('signs in the person bound to the userid; strangers and bad codes get no session', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    await t.db.insert(chatIdentities).values({ personId: w.workerA1.id, platform: 'dingtalk', externalId: 'staff001', createdAt: new Date() });
    const app = createApp(t.deps, { web: { dingtalk: { clientId: 'ding-app', clientSecret: 's3cret', apiBase: fakeBase, oapiBase: fakeBase, corpId: 'ding-corp' } } });
    const page = await app.request('/auth/dingtalk');
    const html = await page.text();
    expect(html).toContain('src="/assets/dingtalk-jsapi.js"');
    expect(html).toContain('data-corp="ding-corp"');
    const jsapi = await app.request('/assets/dingtalk-jsapi.js');
    expect(await jsapi.text()).toContain('runtime.permission.requestAuthCode');

    const post = (code: string) => app.request('/auth/dingtalk', {
      method: 'POST', body: new URLSearchParams({ code }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    });
    const ok = await post('code-bound');
    expect(ok.status).toBe(303);
    const cookie = ok.headers.get('set-cookie')!.split(';')[0];
    const home = await app.request('/app', { headers: { cookie } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(w.workerA1.name);

    const stranger = await post('code-stranger');
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('set-cookie')).toBeNull();
    expect(await stranger.text()).toContain('尚未关联');
    const bad = await post('code-wrong');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    expect(fake.seen.some((s) => s.includes('"appKey":"ding-app"'))).toBe(true);

    // DingTalk unreachable (nothing listens on the port): a Chinese message, no session, no stack.
    const down = createApp(t.deps, { web: { dingtalk: { clientId: 'ding-app', clientSecret: 's3cret', apiBase: 'http://127.0.0.1:9', oapiBase: 'http://127.0.0.1:9' } } });
    const refused = await down.request('/auth/dingtalk', {
      method: 'POST', body: new URLSearchParams({ code: 'code-bound' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    });
    expect(refused.status).toBe(500);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const downPage = await refused.text();
    expect(downPage).toContain('钉钉接口暂时不可用');
    expect(downPage).not.toMatch(/ECONNREFUSED|at fetch|node:/);
    t.close();
  });
});
