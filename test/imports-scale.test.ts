import { describe, it, expect, beforeAll } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makePerson } from './helpers/fixtures.js';
import { creditCode, upload } from './helpers/org-request.js';
import { CSV, importOrgFixtures } from './helpers/imports-fixtures.js';
import { enterprises } from '../db/schema/index.js';

const ROWS = 10_000;
const GRIDS = [['横林镇', '崔桥村网格'], ['横林镇', '横林社区网格'], ['遥观镇', '剑湖村网格']];
const CLASSES = ['重点', '规上', '规下'];
const COLORS = ['红', '橙', '黄', '蓝'];

function bigCsv(risk: (i: number) => string): string {
  const lines = ['企业名称,简称,统一社会信用代码,地址,镇（街道）,网格,企业类别,风险等级,联系人,联系电话,登记日期'];
  for (let i = 0; i < ROWS; i++) {
    const [town, grid] = GRIDS[i % GRIDS.length];
    lines.push(`常州测试企业${i}有限公司,测试${i},${creditCode(500_000 + i)},${town}某路${i}号,${town},${grid},${CLASSES[i % 3]},${risk(i)},联系人${i},0519-8${String(i).padStart(7, '0')},2020-01-${String((i % 28) + 1).padStart(2, '0')}`);
  }
  return lines.join('\n');
}

describe('large enterprise import', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let district: Awaited<ReturnType<typeof makePerson>>;
  beforeAll(async () => {
    t = await testApp();
    district = await makePerson(t.db, 'district_admin');
    await importOrgFixtures(t.app, district.auth);
  });

  it('imports 10,000 enterprises in a few seconds, and re-imports them as updates', async () => {
    const started = performance.now();
    const res = await upload(t.app, '/v1/imports/enterprises', district.auth, CSV, bigCsv((i) => COLORS[i % 4]));
    const firstMs = performance.now() - started;
    expect(res.body).toMatchObject({ created: ROWS, updated: 0 });
    expect((await t.db.select({ n: count() }).from(enterprises))[0].n).toBe(ROWS);

    const again = performance.now();
    const update = await upload(t.app, '/v1/imports/enterprises', district.auth, CSV, bigCsv(() => '红'));
    const secondMs = performance.now() - again;
    expect(update.body).toMatchObject({ created: 0, updated: ROWS });
    const [{ red }] = await t.db.select({ red: count() }).from(enterprises).where(eq(enterprises.riskColor, 'red'));
    expect(red).toBe(ROWS);
    console.log(`import 10k enterprises: create ${firstMs.toFixed(0)} ms, update ${secondMs.toFixed(0)} ms`);
    expect(firstMs).toBeLessThan(10_000);
    expect(secondMs).toBeLessThan(10_000);
  }, 60_000);
});
