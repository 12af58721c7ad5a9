import { describe, it, expect, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { apiTokens } from '../db/schema/index.js';
import { sha256Hex } from '../lib/hash.js';
import { openDb } from '../db/client.js';
import { dbWriter } from '../api/core/write.js';
import { nullNotifier } from '../api/core/notifier.js';
import { memoryFileStore } from '../api/core/file-store.js';
import { systemClock } from '../lib/clock.js';
import { redeemBindingCode } from '../api/people/redeem-binding-code.js';

const run = promisify(execFile);

describe('API tokens', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  it('district admin mints a token that works on /v1/me and is stored only hashed', async () => {
    const minted = await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/tokens`, w.district.auth, { label: '小程序' });
    expect(minted.status).toBe(201);
    expect(minted.body.token).toMatch(/^gs_/);
    const me = await call(t.app, 'GET', '/v1/me', { authorization: `Bearer ${minted.body.token}` });
    expect(me.body).toMatchObject({ personId: w.workerA1.id, role: 'worker', gridIds: [w.gridA1.id] });
    const row = await t.db.select().from(apiTokens).where(eq(apiTokens.id, minted.body.id)).get();
    expect(row!.tokenHash).toBe(sha256Hex(minted.body.token));
    expect(Object.values(row!)).not.toContain(minted.body.token);
  });

  it('a person mints and revokes their own token; revoked tokens stop working', async () => {
    const minted = await call(t.app, 'POST', `/v1/people/${w.workerA2.id}/tokens`, w.workerA2.auth);
    expect(minted.status).toBe(201);
    const auth = { authorization: `Bearer ${minted.body.token}` };
    const revoked = await call(t.app, 'DELETE', `/v1/tokens/${minted.body.id}`, auth);
    expect(revoked.status).toBe(200);
    expect((await call(t.app, 'GET', '/v1/me', auth)).status).toBe(401);
  });

  it('nobody else mints or revokes a person\'s tokens', async () => {
    expect((await call(t.app, 'POST', `/v1/people/${w.workerA2.id}/tokens`, w.adminA.auth)).status).toBe(403);
    expect((await call(t.app, 'POST', `/v1/people/${w.district.id}/tokens`, w.workerA1.auth)).status).toBe(403);
    const own = await call(t.app, 'POST', `/v1/people/${w.workerB1.id}/tokens`, w.workerB1.auth);
    expect((await call(t.app, 'DELETE', `/v1/tokens/${own.body.id}`, w.workerA1.auth)).status).toBe(404);
    expect((await call(t.app, 'GET', '/v1/me', { authorization: `Bearer ${own.body.token}` })).status).toBe(200);
    const bad = await call(t.app, 'POST', `/v1/people/${w.workerB1.id}/tokens`, w.workerB1.auth, { label: 1 });
    expect(bad.status).toBe(400);
  });
});

describe('scripts/token.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridsafe-token-'));
  const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'cli.db')}`, BOOTSTRAP_ADMIN_TOKEN: 'bootstrap-token-for-cli-test-0001', GRIDSAFE_SECRET: '' };
  const tsx = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { env });

  it('mints a token and a binding code for a person named by name, and explains unknown people', async () => {
    const token = await tsx('--person', '系统管理员');
    const minted = /gs_\S+/.exec(token.stdout)?.[0];
    expect(minted).toBeDefined();
    // The first run created and migrated the database; the rest can share it at once.
    expect(token.stdout).toMatch(/有效期 90 天/);
    const [binding, unknown, help, bot, badDays] = await Promise.all([
      tsx('--person', '1', '--binding'),
      tsx('--person', '无此人').catch((e: { code: number; stderr: string }) => e),
      tsx('--help'),
      tsx('--person', '1', '--bot', '--days', '30'),
      tsx('--person', '1', '--days', '0').catch((e: { code: number; stderr: string }) => e),
    ]);
    expect(binding.stdout).toMatch(/绑定 \d{10}\n/);
    expect(binding.stdout).toMatch(/有效期 3 天/);
    expect(bot.stdout).toMatch(/机器人服务令牌[\s\S]*gs_\S+[\s\S]*有效期 30 天/);
    expect(badDays).toMatchObject({ code: 2, stderr: expect.stringMatching(/--days/) });

    // The code minted by that other process is checked here with the secret it kept in the database.
    const code = /绑定 (\d{10})\n/.exec(binding.stdout)![1];
    const handle = await openDb(env.DATABASE_URL);
    try {
      const deps = { db: handle.db, writer: dbWriter(handle.db), clock: systemClock, notifier: nullNotifier, files: memoryFileStore() };
      expect(await redeemBindingCode(deps, { platform: 'wechat', externalId: 'wx-cli', code })).toMatchObject({ personId: 1 });
    } finally {
      handle.close();
    }
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/找不到人员/) });
    expect(help.stdout).toMatch(/--binding/);
  }, 60_000);
});
