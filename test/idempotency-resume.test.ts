import { describe, it, expect } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { hazardEvents, hazards, idempotencyKeys, patrols } from '../db/schema/index.js';
import { createApp } from '../api/app.js';
import type { Writer } from '../api/core/write.js';
import type { EnterpriseNotice, Notifier, UrgentAlert } from '../api/core/notifier.js';
import { conflict, retryable } from '../api/core/errors.js';
import { testDeps } from './helpers/deps.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';

// The process dying in the middle of a request, played in one process: the writer refuses the
// batches a predicate picks, as if the process had stopped right before them.
const sqlOf = (s: unknown) => {
  const q = s as { toSQL?: () => { sql: string }; _prepare?: () => { getQuery(): { sql: string } } };
  return q.toSQL?.().sql ?? q._prepare?.().getQuery().sql ?? '';
};

async function world(notifier?: Notifier) {
  let now = Date.parse('2026-11-23T02:00:00.000Z');
  const t = await testDeps({ clock: () => new Date(now) });
  let dies: ((sql: string[]) => boolean) | null = null;
  const writer: Writer = {
    batch(statements) {
      if (dies?.(statements.map(sqlOf))) return Promise.reject(new Error('process stopped'));
      return t.deps.writer.batch(statements);
    },
  };
  const app = createApp({ ...t.deps, writer, ...(notifier ? { notifier } : {}) }, { logError: () => {} });
  const town = await makeTown(t.db);
  const worker = await makePerson(t.db, 'worker', { townId: town.id });
  const ent = await makeEnterprise(t.db, await makeGrid(t.db, town.id, worker.id));
  const admin = await makePerson(t.db, 'district_admin');
  const post = (path: string, key: string, body: unknown, as = worker) => app.request(path, {
    method: 'POST', headers: { ...as.auth, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body),
  });
  return { ...t, app, ent, worker, admin, post, dieWhen: (p: typeof dies) => (dies = p), later: (ms: number) => (now += ms) };
}

const storesResponse = (sql: string[]) => sql.some((s) => /^update "idempotency_keys"/.test(s));
const writesHazards = (sql: string[]) => sql.some((s) => /insert into hazards/i.test(s));

describe('Idempotency-Key on a write of several batches (a patrol, then the hazards found on it)', () => {
  it('a retry after a crash between the patrol and its hazards writes the missing hazards, exactly once', async () => {
    const t = await world();
    const body = { enterpriseId: t.ent.id, hazards: [{ description: '消防通道堵塞' }, { description: '配电箱未接地' }] };
    t.dieWhen(writesHazards);
    expect((await t.post('/v1/patrols', 'p-1', body)).status).toBe(500);
    // The patrol committed with the key's claim; its hazards did not.
    expect((await t.db.select({ n: count() }).from(patrols))[0].n).toBe(1);
    expect((await t.db.select({ n: count() }).from(hazards))[0].n).toBe(0);
    const [claim] = await t.db.select().from(idempotencyKeys);
    expect(claim).toMatchObject({ key: 'p-1', statusCode: 0 });
    expect(claim.resource).toMatch(/^patrol:\d+$/);

    t.dieWhen(null);
    const retry = await t.post('/v1/patrols', 'p-1', body);
    const answer = await retry.json() as { created: boolean; patrol: { id: number }; hazards: { description: string }[] };
    expect(retry.status, JSON.stringify(answer)).toBe(201);
    expect(answer.created).toBe(true);
    expect(`patrol:${answer.patrol.id}`).toBe(claim.resource);
    expect(answer.hazards.map((h) => h.description).sort()).toEqual(['消防通道堵塞', '配电箱未接地'].sort());
    // Stored now: the next retry gets the same bytes, and nothing is written again.
    const again = await t.post('/v1/patrols', 'p-1', body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(answer);
    expect((await t.db.select({ n: count() }).from(patrols))[0].n).toBe(1);
    expect((await t.db.select({ n: count() }).from(hazards))[0].n).toBe(2);
  });

  it('a retry after a crash between the first and the second hazard writes only the second', async () => {
    const t = await world();
    const body = { enterpriseId: t.ent.id, hazards: [{ description: '灭火器过期' }, { description: '安全出口上锁' }] };
    let hazardBatches = 0;
    t.dieWhen((sql) => writesHazards(sql) && ++hazardBatches === 2);
    expect((await t.post('/v1/patrols', 'p-2', body)).status).toBe(500);
    expect((await t.db.select({ n: count() }).from(hazards))[0].n).toBe(1);
    t.dieWhen(null);
    const retry = await t.post('/v1/patrols', 'p-2', body);
    expect(retry.status).toBe(201);
    const rows = await t.db.select({ d: hazards.description }).from(hazards);
    expect(rows.map((r) => r.d).sort()).toEqual(['安全出口上锁', '灭火器过期'].sort());
  });

  it('a report whose response was never stored: the retry also completes its urgent alert', async () => {
    const alerts: UrgentAlert[] = [];
    let notifierUp = false;
    const notifier: Notifier = {
      urgent: async (a) => { if (!notifierUp) throw new Error('process stopped'); alerts.push(a); },
      notice: async () => {},
    };
    const t = await world(notifier);
    t.dieWhen(storesResponse);
    const body = { enterpriseId: t.ent.id, description: '液氨储罐泄漏', level: 'major' };
    expect((await t.post('/v1/hazards', 'r-major', body)).status).toBe(500);
    expect(alerts).toEqual([]);
    t.dieWhen(null);
    notifierUp = true;
    const retry = await t.post('/v1/hazards', 'r-major', body);
    expect(retry.status).toBe(201);
    const { hazard } = await retry.json() as { hazard: { id: number } };
    expect(alerts).toEqual([{ kind: 'major_hazard', hazardId: hazard.id }]);
    // Stored now: a later retry replays without alerting again.
    await t.post('/v1/hazards', 'r-major', body);
    expect(alerts).toHaveLength(1);
  });
});

describe('Idempotency-Key on a lifecycle step whose response was never stored', () => {
  it('a 交办 retried after the crash gets the hazard as it stands and its notice, done once', async () => {
    const notices: EnterpriseNotice[] = [];
    let notifierUp = false;
    const notifier: Notifier = {
      urgent: async () => {},
      notice: async (n) => { if (!notifierUp) throw new Error('process stopped'); notices.push(n); },
    };
    const t = await world(notifier);
    const reported = await t.post('/v1/hazards', 'r-1', { enterpriseId: t.ent.id, description: '配电箱无防护罩' });
    const { hazard } = await reported.json() as { hazard: { id: number } };
    t.dieWhen(storesResponse);
    const assign = () => t.post(`/v1/hazards/${hazard.id}/assign`, 'a-1', { deadlineDays: 5, responsible: '企业负责人' }, t.admin);
    expect((await assign()).status).toBe(500);
    t.dieWhen(null);
    notifierUp = true;
    const retry = await assign();
    const view = await retry.json() as { id: number; status: string; responsible: string };
    expect(retry.status, JSON.stringify(view)).toBe(200);
    expect(view).toMatchObject({ id: hazard.id, status: 'rectifying', responsible: '企业负责人' });
    expect(notices).toEqual([{ kind: 'deadline', hazardId: hazard.id, publicUrl: undefined }]);
    expect((await assign()).status).toBe(200);
    expect(notices).toHaveLength(1);
    const steps = await t.db.select().from(hazardEvents).where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.action, 'assign')));
    expect(steps).toHaveLength(1);
  });
});

describe('transient answers are never stored under the key', () => {
  it('a 429, a 503 or a retryable 409 leaves the key free: the retry does the work', async () => {
    const t = await world();
    let answer: 'throttled' | 'unavailable' | 'busy' | 'done' = 'throttled';
    let done = 0;
    t.app.post('/v1/transient-probe', async (c) => {
      if (answer === 'throttled') return c.json({ error: { code: 'rate_limited', message: '操作过于频繁' } }, 429);
      if (answer === 'unavailable') return c.json({ error: { code: 'database_unavailable', message: '数据库暂时无响应' } }, 503);
      if (answer === 'busy') throw retryable(conflict('该隐患刚被他人处理，请刷新后重试'));
      done += 1;
      return c.json({ done }, 201);
    });
    expect((await t.post('/v1/transient-probe', 'k', {})).status).toBe(429);
    answer = 'unavailable';
    expect((await t.post('/v1/transient-probe', 'k', {})).status).toBe(503);
    answer = 'busy';
    const busy = await t.post('/v1/transient-probe', 'k', {});
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'k'))).toEqual([]);
    answer = 'done';
    const ok = await t.post('/v1/transient-probe', 'k', {});
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ done: 1 });
    const replay = await t.post('/v1/transient-probe', 'k', {});
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(done).toBe(1);
  });

  it('the in-progress answer carries Retry-After and leaves the claim as it was', async () => {
    const t = await world();
    t.dieWhen(storesResponse);
    const body = { name: '崔桥镇' };
    expect((await t.post('/v1/towns', 't-1', body, t.admin)).status).toBe(500);
    t.dieWhen(null);
    const soon = await t.post('/v1/towns', 't-1', body, t.admin);
    expect(soon.status).toBe(409);
    expect(soon.headers.get('retry-after')).toBe('1');
    const [claim] = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 't-1'));
    expect(claim.statusCode).toBe(0);
  });
});
