import { describe, it, expect, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { localD1 } from './helpers/d1.js';
import { fixture } from './helpers/imports-fixtures.js';
import { enterpriseCsv } from '../scripts/bench/import-csv.js';
import worker from '../entry/worker.js';

// The sliced import (api/imports/turn-budget.ts, read-table.ts) and its JSON-array statements
// (bulk-json.ts) on the Worker: workerd's clock stands still while JavaScript runs, and D1 is its
// own SQLite build.
describe('imports on the Worker (D1)', () => {
  const open: Awaited<ReturnType<typeof localD1>>[] = [];
  afterAll(async () => {
    for (const t of open) await t.dispose();
  });

  it('imports the org and 3,000 enterprises, re-imports them as updates, and keeps the due rollup exact', async () => {
    const t = await localD1();
    open.push(t);
    const token = 'gs_worker_import_token_0123456789abc';
    const env = { DB: t.binding, BOOTSTRAP_ADMIN_TOKEN: token, DISTRICT_NAME: '云端区' };
    const ctx = { waitUntil: () => undefined };
    const upload = async (kind: string, body: Uint8Array | string) => {
      const res = await worker.fetch(new Request(`http://worker/v1/imports/${kind}`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' }, body: body as BodyInit,
      }), env, ctx);
      return { status: res.status, body: await res.json() as Record<string, any> };
    };
    for (const kind of ['towns', 'people', 'grids']) expect((await upload(kind, fixture(`${kind}.csv`))).status).toBe(200);
    const places = [['横林镇', '崔桥村网格'], ['遥观镇', '剑湖村网格']] as const;
    expect((await upload('enterprises', enterpriseCsv(3000, places))).body).toMatchObject({ created: 3000, updated: 0 });
    // The import fills the stored pinyin on D1 too (one UPDATE … FROM json_each a round).
    expect((await t.db.all<{ n: number }>(sql`select count(*) as n from enterprises where pinyin is null`))[0].n).toBe(0);
    const again = await upload('enterprises', enterpriseCsv(3000, places).replaceAll(',蓝,', ',红,'));
    expect(again.body).toMatchObject({ created: 0, updated: 3000 });
    const [{ red, aliases }] = await t.db.all<{ red: number; aliases: number }>(sql`select sum(risk_color = 'red') as red, sum(aliases = '[]') as aliases from enterprises`);
    expect(red).toBe(1500);
    expect(aliases).toBe(3000);
    // Each 联系人 became the enterprise's contact, and each of the 750 colour changes (blue to red) was told to it once.
    const [{ contacts, changes, told }] = await t.db.all<{ contacts: number; changes: number; told: number }>(sql`select
      (select count(*) from people where role = 'enterprise') as contacts, (select count(*) from risk_color_changes) as changes,
      (select count(*) from notifications where kind = 'risk_color_change') as told`);
    expect({ contacts, changes, told }).toEqual({ contacts: 3000, changes: 750, told: 750 });
    const stored = await t.db.all(sql`select class, risk_color, patrolled, level, start, town_id, n from stats_due where n <> 0 and level = 2 order by 1, 2, 3, 6`);
    const recount = await t.db.all(sql`select class, risk_color, last_patrol_at is not null as patrolled, 2 as level, 0 as start, town_id, count(*) as n
      from enterprises group by 1, 2, 3, 6 order by 1, 2, 3, 6`);
    expect(stored).toEqual(recount);
  }, 60_000);
});
