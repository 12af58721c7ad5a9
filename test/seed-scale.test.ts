import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { seedScale, type SeedScaleResult } from '../scripts/seed-scale.js';
import { shanghaiDayKey } from '../lib/time.js';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const dir = mkdtempSync(join(tmpdir(), 'gridsafe-seed-'));
let result: SeedScaleResult;
let db: Client;

const one = async (sql: string) => Number((await db.execute(sql)).rows[0][0]);

beforeAll(async () => {
  result = await seedScale({ scale: 0.001, out: join(dir, 'city.db'), seed: 7, now: NOW });
  db = createClient({ url: `file:${join(dir, 'city.db')}` });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seed-scale at a tiny scale', () => {
  it('writes the organisation and enterprises at the scaled sizes, one worker per grid', async () => {
    expect(result.counts).toMatchObject({ towns: 3, grids: 16, enterprises: 400 });
    expect(await one('SELECT count(*) FROM enterprises')).toBe(400);
    expect(await one("SELECT count(*) FROM people WHERE role = 'worker'")).toBe(16);
    expect(await one("SELECT count(*) FROM people WHERE role = 'town_admin'")).toBe(3);
    expect(await one('SELECT count(DISTINCT worker_id) FROM grids')).toBe(16);
    expect(await one('SELECT count(*) FROM hazards')).toBe(result.counts.hazards);
    // ~5 hazards per enterprise on average (2,000,000 / 400,000).
    expect(result.counts.hazards).toBeGreaterThan(1400);
    expect(result.counts.hazards).toBeLessThan(2600);
    expect(await one("SELECT count(*) FROM enterprises WHERE class = 'key'")).toBeGreaterThan(15);
    expect(await one("SELECT count(*) FROM enterprises WHERE risk_color = 'blue'")).toBeGreaterThan(180);
  });

  it('keeps every row consistent with its enterprise, grid and worker', async () => {
    expect(await one('SELECT count(*) FROM enterprises e JOIN grids g ON g.id = e.grid_id WHERE e.town_id != g.town_id')).toBe(0);
    expect(await one('SELECT count(*) FROM hazards h LEFT JOIN enterprises e ON e.id = h.enterprise_id WHERE e.id IS NULL OR h.grid_id != e.grid_id OR h.town_id != e.town_id')).toBe(0);
    expect(await one('SELECT count(*) FROM hazards h JOIN grids g ON g.id = h.grid_id WHERE h.reporter_id != g.worker_id')).toBe(0);
    expect(await one('SELECT count(*) FROM patrols p JOIN enterprises e ON e.id = p.enterprise_id JOIN grids g ON g.id = e.grid_id WHERE p.worker_id != g.worker_id OR p.town_id != e.town_id')).toBe(0);
    expect(await one('SELECT count(*) FROM hazard_events v LEFT JOIN hazards h ON h.id = v.hazard_id WHERE h.id IS NULL')).toBe(0);
    expect(await one('SELECT count(*) FROM hazards h LEFT JOIN patrols p ON p.id = h.patrol_id WHERE h.patrol_id IS NOT NULL AND (p.id IS NULL OR p.enterprise_id != h.enterprise_id)')).toBe(0);
    expect(await one('SELECT count(*) FROM pragma_foreign_key_check')).toBe(0);
    // Nothing happens at an enterprise before it was registered.
    expect(await one('SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE h.reported_at < e.registered_at')).toBe(0);
    expect(await one('SELECT count(*) FROM patrols p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.patrolled_at < e.registered_at')).toBe(0);
  });

  it('gives unique hazard codes of the report day that agree with hazard_code_counters', async () => {
    expect(await one('SELECT count(DISTINCT code) FROM hazards')).toBe(result.counts.hazards);
    const rows = (await db.execute('SELECT code, reported_at FROM hazards')).rows;
    const maxSeq = new Map<string, number>();
    for (const r of rows) {
      const m = /^YH(\d{8})-(\d{4,})$/.exec(String(r.code));
      expect(m?.[1]).toBe(shanghaiDayKey(Number(r.reported_at)));
      maxSeq.set(m![1], Math.max(maxSeq.get(m![1]) ?? 0, Number(m![2])));
    }
    const counters = (await db.execute('SELECT day, seq FROM hazard_code_counters')).rows;
    expect(new Map(counters.map((c) => [String(c.day), Number(c.seq)]))).toEqual(maxSeq);
  });

  it('derives each hazard status, deadline and closed time from its events', async () => {
    const events = (await db.execute('SELECT hazard_id, action, from_status, to_status, at, data FROM hazard_events ORDER BY hazard_id, at, id')).rows;
    const hazards = (await db.execute('SELECT id, status, deadline_at, closed_at, reported_at, updated_at FROM hazards')).rows;
    const byHazard = new Map<number, typeof events>();
    for (const e of events) byHazard.set(Number(e.hazard_id), [...(byHazard.get(Number(e.hazard_id)) ?? []), e]);
    for (const h of hazards) {
      const list = byHazard.get(Number(h.id)) ?? [];
      expect(list[0]?.action).toBe('report');
      expect(Number(list[0].at)).toBe(Number(h.reported_at));
      let status: unknown = null;
      for (const e of list) {
        expect(e.from_status).toBe(e.action === 'report' ? null : status);
        status = e.to_status;
        expect(Number(e.at)).toBeLessThanOrEqual(NOW.getTime());
      }
      expect(status).toBe(h.status);
      expect(Number(list.at(-1)!.at)).toBe(Number(h.updated_at));
      const pass = list.find((e) => e.action === 'review_pass');
      expect(h.closed_at === null ? undefined : Number(h.closed_at)).toBe(pass ? Number(pass.at) : undefined);
      if (h.status === 'reported') expect(h.deadline_at).toBeNull();
      if (h.status === 'rectifying' || h.status === 'review') expect(h.deadline_at).not.toBeNull();
    }
    // A realistic tail: most hazards closed, some open, some of those overdue.
    const open = await one("SELECT count(*) FROM hazards WHERE status IN ('reported','rectifying','review')");
    const overdue = await one(`SELECT count(*) FROM hazards WHERE status IN ('reported','rectifying','review') AND deadline_at < ${NOW.getTime()}`);
    expect(await one("SELECT count(*) FROM hazards WHERE status = 'closed'")).toBeGreaterThan(result.counts.hazards * 0.8);
    expect(open).toBeGreaterThan(0);
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(open);
  });

  it('caches the latest patrol on the enterprise and leaves a share of patrols due', async () => {
    expect(await one('SELECT count(*) FROM enterprises e WHERE e.last_patrol_at IS NOT (SELECT max(patrolled_at) FROM patrols p WHERE p.enterprise_id = e.id)')).toBe(0);
    // Every patrol knows the due day it answered; a first patrol's is its enterprise's registration day.
    expect(await one('SELECT count(*) FROM patrols WHERE due_at IS NULL')).toBe(0);
    expect(await one(`SELECT count(*) FROM patrols p JOIN enterprises e ON e.id = p.enterprise_id
      WHERE NOT EXISTS (SELECT 1 FROM patrols p2 WHERE p2.enterprise_id = p.enterprise_id AND p2.patrolled_at < p.patrolled_at)
        AND p.due_at != ((e.registered_at + 28800000) / 86400000) * 86400000 - 28800000`)).toBe(0);
    const overdue = await one(`SELECT count(*) FROM enterprises WHERE last_patrol_at < ${NOW.getTime()} - (CASE risk_color WHEN 'red' THEN 8 WHEN 'orange' THEN 15 ELSE CASE class WHEN 'key' THEN 31 WHEN 'above' THEN 61 ELSE 91 END END) * 86400000`);
    expect(overdue).toBeGreaterThan(400 * 0.05);
    expect(overdue).toBeLessThan(400 * 0.4);
  });

  it('is deterministic for a seed', async () => {
    const again = await seedScale({ scale: 0.001, out: join(dir, 'again.db'), seed: 7, now: NOW });
    expect(again.counts).toEqual(result.counts);
    const other = createClient({ url: `file:${join(dir, 'again.db')}` });
    const digest = async (c: Client) => (await c.execute("SELECT group_concat(code || status || enterprise_id, ',') FROM (SELECT * FROM hazards ORDER BY id)")).rows[0][0];
    expect(await digest(other)).toBe(await digest(db));
    other.close();
  });
});
