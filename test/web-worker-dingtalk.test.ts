import { startFakeH5LoginApi, type FakeH5LoginApi } from './fakes/dingtalk/h5-login-api.js';
import { wranglerApply } from './helpers/d1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Miniflare } from 'miniflare';
import { workerdWorker } from './helpers/workerd.js';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../db/schema/index.js';
import type { Db } from '../db/client.js';
import { chatIdentities } from '../db/schema/index.js';
import { makeWorld } from './helpers/fixtures.js';

// DingTalk H5 免登 on the Worker as Cloudflare runs it: entry/worker.ts bundled with esbuild and run by
// workerd (miniflare), trading the code at a fake DingTalk OpenAPI on loopback (DINGTALK_API_BASE and
// DINGTALK_OAPI_BASE), so only the Worker's own fetch can have made the calls.
let fake: FakeH5LoginApi;
let fakeBase = '';
let mf: Miniflare;
let db: Db;

beforeAll(async () => {
  fake = await startFakeH5LoginApi({ 'code-bound': 'staff-w1' }, 'worker-app-token');
  fakeBase = fake.base;
  mf = await workerdWorker({
    DISTRICT_NAME: '云端区', DINGTALK_CLIENT_ID: 'ding-worker-app', DINGTALK_CLIENT_SECRET: 'worker-s3cret',
    DINGTALK_API_BASE: fakeBase, DINGTALK_OAPI_BASE: fakeBase, DINGTALK_CORP_ID: 'ding-corp-w',
  });
  const d1 = await mf.getD1Database('DB');
  // Applied as wrangler does (its d1_migrations ledger), so the Worker finds nothing left to migrate.
  await wranglerApply(d1 as never);
  db = drizzle(d1 as never, { schema }) as unknown as Db;
}, 90_000);
afterAll(async () => {
  await mf?.dispose();
  await fake.close();
});

describe('DingTalk H5 免登 on the Worker (workerd)', () => {
  it('serves the 免登 page and its script, signs in the bound person, refuses strangers', async () => {
    expect((await mf.dispatchFetch('http://worker/health')).status).toBe(200);
    const w = await makeWorld(db);
    await db.insert(chatIdentities).values({ personId: w.workerA1.id, platform: 'dingtalk', externalId: 'staff-w1', createdAt: new Date() });

    const page = await mf.dispatchFetch('http://worker/auth/dingtalk');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-corp="ding-corp-w"');
    expect(html).toContain('src="/assets/dingtalk-jsapi.js"');
    expect(await (await mf.dispatchFetch('http://worker/assets/dingtalk-jsapi.js')).text()).toContain('runtime.permission.requestAuthCode');
    expect(await (await mf.dispatchFetch('http://worker/auth/login')).text()).toContain('href="/auth/dingtalk"');

    const post = (code: string) => mf.dispatchFetch('http://worker/auth/dingtalk', {
      method: 'POST', body: new URLSearchParams({ code }).toString(), redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://worker' },
    });
    const ok = await post('code-bound');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/app');
    const cookie = ok.headers.get('set-cookie')!.split(';')[0];
    const home = await mf.dispatchFetch('http://worker/app', { headers: { cookie } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(w.workerA1.name);
    expect(fake.seen.some((s) => s.startsWith('POST /v1.0/oauth2/accessToken') && s.includes('"appKey":"ding-worker-app"'))).toBe(true);
    expect(fake.seen.some((s) => s.startsWith('POST /topapi/v2/user/getuserinfo') && s.includes('"code":"code-bound"'))).toBe(true);

    const bad = await post('code-wrong');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    expect(await bad.text()).toContain('钉钉免登失败');
  }, 60_000);
});
