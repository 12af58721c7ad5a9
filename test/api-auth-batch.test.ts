import { describe, it, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { apiTokens } from '../db/schema/index.js';
import { actorForToken } from '../api/core/actor.js';

describe('bearer tokens resolved together (one query per turn of the event loop)', () => {
  it('concurrent requests with valid, unknown, revoked and repeated tokens each get their own answer', async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    await t.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.personId, w.workerB1.id));
    const who = [w.workerA1, w.adminB, w.workerB1, w.district, w.workerA1, w.deptUser];
    const tokens = [...who.map((p) => p.token), 'gs_not_a_real_token'];
    const actors = await Promise.all(tokens.map((token) => actorForToken(t.db, token)));
    expect(actors.map((a) => a?.personId ?? null)).toEqual([w.workerA1.id, w.adminB.id, null, w.district.id, w.workerA1.id, w.deptUser.id, null]);
    expect(actors[0]!.gridIds).toEqual([w.gridA1.id]);
    expect(actors[1]).toMatchObject({ role: 'town_admin', townId: w.townB.id, gridIds: [] });

    // Through the API at once: each request sees only its own person's scope.
    const statuses = await Promise.all([w.workerA1, w.workerA2, w.workerB1].map(async (p) =>
      (await t.app.request(`/v1/enterprises/${w.entA1.id}`, { headers: p.auth })).status));
    expect(statuses).toEqual([200, 404, 401]);
  });
});
