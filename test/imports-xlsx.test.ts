import { describe, it, expect, beforeAll } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makePerson } from './helpers/fixtures.js';
import { creditCode, upload } from './helpers/org-request.js';
import { XLSX, importOrgFixtures } from './helpers/imports-fixtures.js';
import { enterprises, people } from '../db/schema/index.js';

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('XLSX import', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let district: Awaited<ReturnType<typeof makePerson>>;
  beforeAll(async () => {
    t = await testApp();
    district = await makePerson(t.db, 'district_admin');
    await importOrgFixtures(t.app, district.auth);
  });

  it('imports enterprises with date, number and rich-text cells as Excel produces them', async () => {
    const code = creditCode();
    const bytes = await workbook([
      ['Name', 'Short name', 'Credit code', 'Town', 'Grid', 'Class', 'Risk', 'Contact phone', 'Registered on', 'lng', 'lat'],
      ['常州新材料有限公司', { richText: [{ text: '新' }, { text: '材料' }] }, code, '横林镇', '崔桥村网格', 'key', 'orange', 13912345678, new Date(Date.UTC(2022, 0, 15)), 120.1, 31.6],
      ['常州旧材料有限公司', null, null, '遥观镇', '剑湖村网格', '规上', '蓝色', null, '2023-02-01', null, null],
    ]);
    const res = await upload(t.app, '/v1/imports/enterprises', district.auth, XLSX, bytes);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0 });
    const e = (await t.db.select().from(enterprises).where(eq(enterprises.creditCode, code)).get())!;
    expect(e).toMatchObject({ shortName: '新材料', class: 'key', riskColor: 'orange', contactPhone: '13912345678', lng: 120.1, lat: 31.6 });
    expect(e.registeredAt.toISOString()).toBe('2022-01-14T16:00:00.000Z');
  });

  it('imports people from XLSX with numeric phone cells and reports bad rows by sheet row', async () => {
    const good = await workbook([['姓名', '手机号', '角色', '镇（街道）'], ['钱多多', 13600000001, '网格员', '横林镇']]);
    expect((await upload(t.app, '/v1/imports/people', district.auth, XLSX, good)).body.created).toBe(1);
    expect((await t.db.select().from(people).where(eq(people.phone, '13600000001')).get())!.name).toBe('钱多多');
    const bad = await workbook([['XX镇人员名单'], ['姓名', '手机号'], ['孙小小', 12345]]);
    const res = await upload(t.app, '/v1/imports/people', district.auth, XLSX, bad);
    expect(res.status).toBe(400);
    expect(res.body.error.details.rows).toEqual([{ row: 3, column: '手机号', message: '手机号应为 11 位数字' }]);
  });

  it('rejects a body that claims to be XLSX but is not', async () => {
    const res = await upload(t.app, '/v1/imports/towns', district.auth, XLSX, new TextEncoder().encode('not a zip'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Excel/);
  });
});
