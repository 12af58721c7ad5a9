import { describe, expect, it } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { firstRunHint } from '../web/auth/first-run.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { exchangeTicket } from '../web/auth/sessions.js';

describe('first run', () => {
  it('says how to create an admin, then prints a one-time link until someone signs in', async () => {
    const t = await testDeps();
    expect(await firstRunHint(t.deps, 'http://127.0.0.1:8787')).toContain('BOOTSTRAP_ADMIN_TOKEN');
    await bootstrapDb(t.db, { districtName: '测试区', adminToken: 'x'.repeat(32), now: t.clock() });
    const hint = await firstRunHint(t.deps, 'http://127.0.0.1:8787');
    const ticket = /http:\/\/127\.0\.0\.1:8787\/t\/([0-9a-f]{32})/.exec(hint)?.[1];
    expect(ticket).toBeDefined();
    await exchangeTicket(t.deps, ticket!, t.clock());
    expect(await firstRunHint(t.deps, 'http://127.0.0.1:8787')).not.toContain('/t/');
    t.close();
  });
});
