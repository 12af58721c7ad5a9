import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makePerson } from './helpers/fixtures.js';

describe('API core', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let admin: Awaited<ReturnType<typeof makePerson>>;
  beforeAll(async () => {
    t = await testApp();
    admin = await makePerson(t.db, 'district_admin');
  });

  it('serves /health and the OpenAPI document', async () => {
    expect((await t.app.request('/health')).status).toBe(200);
    const doc = await (await t.app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/me']).toBeDefined();
    expect((await t.app.request('/docs')).status).toBe(200);
  });

  it('rejects missing and unknown tokens with the error shape', async () => {
    const none = await t.app.request('/v1/me');
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('unauthorized');
    const bad = await t.app.request('/v1/me', { headers: { authorization: 'Bearer gs_nope' } });
    expect(bad.status).toBe(401);
  });

  it('resolves a token to its person and scope', async () => {
    const res = await t.app.request('/v1/me', { headers: admin.auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ personId: admin.id, role: 'district_admin' });
  });

  it('answers unknown routes with not_found in Chinese', async () => {
    const res = await t.app.request('/v1/nothing-here', { headers: admin.auth });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
