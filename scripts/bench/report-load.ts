import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiTokens } from '../../db/schema/index.js';
import { newApiToken, sha256Hex } from '../../lib/hash.js';
import type { LoadRequest } from './load.js';

export type BenchReporter = { personId: number; token: string; enterpriseIds: number[] };

// Places × problems × details: report texts without check-item keywords or deadline words. The
// k-th report at one enterprise uses combination k (benchDescription), and any two of the first 64
// share at most one of the three parts, so no two reports of one enterprise come near the
// duplicate guard's threshold (bigram Dice ≥ 0.7, api/hazards/duplicate-guard.ts): every report is
// real intake, not a 409. (Varying only the place, as before, made the second report at an
// enterprise "北门附近地面破损积水" against the first "东侧围墙地面破损积水": Dice 0.77, refused.)
const PLACES = ['东侧围墙', '北门附近', '二号车间', '原料堆场', '办公楼后', '食堂旁边', '停车棚下', '门卫室外'];
const PROBLEMS = ['地面破损积水', '照明灯具损坏', '警示标志褪色', '护栏松动', '井盖缺失', '排水沟堵塞', '楼梯扶手松动', '窗户玻璃破裂'];
const DETAILS = ['位置较隐蔽', '已提醒企业', '企业承诺整改', '现场拍照留存', '影响人员通行', '夜间尤其危险', '雨天更明显', '多次发现'];

// Multiplication by 2 in GF(8) (x³ + x + 1): with a = k mod 8, b = ⌊k/8⌋ mod 8, the parts
// (a, a ⊕ b, a ⊕ 2b) form an orthogonal array: fixing any two parts fixes a and b.
const times2 = (b: number) => ((b << 1) ^ (b & 4 ? 0b1011 : 0)) & 7;

/**
 * Description number k of a series at one enterprise: distinct for k < 64, and any two of those
 * share at most one part (max Dice 0.50 with the detail, 0.56 without; checked by brute force).
 * The bench sends far fewer than 64 reports per enterprise.
 */
export function benchDescription(k: number, withDetail = true): string {
  const a = k % 8;
  const b = Math.floor(k / 8) % 8;
  const head = PLACES[a] + PROBLEMS[a ^ b];
  return withDetail ? `${head}，${DETAILS[a ^ times2(b)]}` : head;
}

/** Mints bench tokens for up to `limit` workers of a seeded database, each with their grid's enterprises. */
export async function benchReporters(db: Db, limit: number): Promise<BenchReporter[]> {
  const rows = await db.all<{ worker_id: number; ids: string }>(sql`
    SELECT g.worker_id, group_concat(e.id) AS ids FROM grids g JOIN enterprises e ON e.grid_id = g.id
    GROUP BY g.worker_id ORDER BY g.worker_id LIMIT ${limit}`);
  const out: BenchReporter[] = [];
  for (const r of rows) {
    const token = newApiToken();
    await db.insert(apiTokens).values({ personId: r.worker_id, tokenHash: sha256Hex(token), label: 'bench', createdAt: new Date() });
    out.push({ personId: r.worker_id, token, enterpriseIds: r.ids.split(',').map(Number) });
  }
  return out;
}

/** Mints a bench token for the first person with the role (deleted again with dropBenchTokens). */
export async function benchToken(db: Db, role: string): Promise<{ token: string; personId: number }> {
  const [p] = await db.all<{ id: number }>(sql`SELECT id FROM people WHERE role = ${role} AND active = 1 ORDER BY id LIMIT 1`);
  const token = newApiToken();
  await db.insert(apiTokens).values({ personId: p.id, tokenHash: sha256Hex(token), label: 'bench', createdAt: new Date() });
  return { token, personId: p.id };
}

export const dropBenchTokens = (db: Db) => db.run(sql`DELETE FROM api_tokens WHERE label = 'bench'`);

/**
 * POST /v1/hazards as reporter (i mod n), cycling through their enterprises; the k-th report at an
 * enterprise uses text combination k, so reports stay distinct for 64 rounds
 * (benchDescription).
 */
export function reportRequest(reporters: BenchReporter[], i: number): LoadRequest {
  const r = reporters[i % reporters.length];
  const round = Math.floor(i / reporters.length);
  const enterpriseId = r.enterpriseIds[round % r.enterpriseIds.length];
  const c = Math.floor(round / r.enterpriseIds.length);
  const description = benchDescription(c);
  return {
    method: 'POST',
    path: '/v1/hazards',
    headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ enterpriseId, description }),
  };
}
