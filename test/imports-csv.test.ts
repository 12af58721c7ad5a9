import { describe, it, expect, beforeEach } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makePerson } from './helpers/fixtures.js';
import { upload } from './helpers/org-request.js';
import { CSV, fixture, importOrgFixtures } from './helpers/imports-fixtures.js';
import { chatIdentities, enterprises, grids, people, towns } from '../db/schema/index.js';

describe('CSV import', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let district: Awaited<ReturnType<typeof makePerson>>;
  beforeEach(async () => {
    t = await testApp();
    district = await makePerson(t.db, 'district_admin');
  });
  const enterpriseCount = async () => (await t.db.select({ n: count() }).from(enterprises))[0].n;

  it('imports towns, people (with DingTalk ids), grids and enterprises from Chinese-headed CSV', async () => {
    await importOrgFixtures(t.app, district.auth);
    const heng = (await t.db.select().from(towns).where(eq(towns.name, '横林镇')).get())!;
    const zhang = (await t.db.select().from(people).where(eq(people.phone, '13800000001')).get())!;
    expect(zhang).toMatchObject({ name: '张伟', role: 'worker', townId: heng.id });
    expect((await t.db.select().from(people).where(eq(people.phone, '13800000004')).get())!.role).toBe('town_admin');
    expect(await t.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, 'dt-zhangwei'))).toMatchObject([{ personId: zhang.id, platform: 'dingtalk' }]);
    const cuiqiao = (await t.db.select().from(grids).where(eq(grids.name, '崔桥村网格')).get())!;
    expect(cuiqiao).toMatchObject({ townId: heng.id, village: '崔桥村', workerId: zhang.id });
    const byPhone = (await t.db.select().from(grids).where(eq(grids.name, '横林社区网格')).get())!;
    expect(byPhone.workerId).not.toBeNull();

    // UTF-8 with BOM, CRLF, a title row above the header, mixed Chinese/English choices.
    const res = await upload(t.app, '/v1/imports/enterprises', district.auth, CSV, fixture('enterprises.csv'));
    expect(res.status).toBe(200);
    // The two rows naming a 联系人 make them the enterprises' safety contacts.
    expect(res.body).toEqual({ kind: 'enterprises', dryRun: false, rows: 4, created: 4, updated: 0, contacts: { created: 2, updated: 0 }, riskColorChanges: 0 });
    const huamei = (await t.db.select().from(enterprises).where(eq(enterprises.name, '常州华美化工有限公司')).get())!;
    expect(huamei).toMatchObject({
      shortName: '华美', aliases: ['华美化工', '老华美'], creditCode: '91320412000000101R', class: 'key', riskColor: 'red',
      gridId: cuiqiao.id, townId: heng.id, contactPhone: '0519-88880001', lng: 120.05, lat: 31.7,
    });
    expect(huamei.registeredAt.toISOString()).toBe('2019-05-19T16:00:00.000Z'); // 2019-05-20 00:00 Shanghai
    const hongxing = (await t.db.select().from(enterprises).where(eq(enterprises.name, '武进区红星机械厂')).get())!;
    expect(hongxing).toMatchObject({ class: 'above', riskColor: 'orange' });
    const jinlong = (await t.db.select().from(enterprises).where(eq(enterprises.name, '江苏金龙纺织股份有限公司')).get())!;
    expect(jinlong.aliases).toEqual(['金龙纺织', '金龙布厂']);
    const shop = (await t.db.select().from(enterprises).where(eq(enterprises.name, '常州小作坊五金店')).get())!;
    expect(shop).toMatchObject({ class: 'below', riskColor: 'blue', creditCode: null });
  });

  it('re-importing the same file updates by natural key instead of duplicating', async () => {
    await importOrgFixtures(t.app, district.auth);
    await upload(t.app, '/v1/imports/enterprises', district.auth, CSV, fixture('enterprises.csv'));
    const id = (await t.db.select().from(enterprises).where(eq(enterprises.creditCode, '91320412000000101R')).get())!.id;
    await t.db.update(enterprises).set({ riskColor: 'blue', address: '旧地址' }).where(eq(enterprises.id, id));
    const again = await upload(t.app, '/v1/imports/enterprises', district.auth, CSV, fixture('enterprises.csv'));
    expect(again.body).toMatchObject({ created: 0, updated: 4 });
    expect(await enterpriseCount()).toBe(4);
    expect((await t.db.select().from(enterprises).where(eq(enterprises.id, id)).get())).toMatchObject({ riskColor: 'red', address: '横林镇崔桥村88号' });
    // People by phone, grids by town + name, towns by name.
    for (const kind of ['towns', 'people', 'grids']) {
      const res = await upload(t.app, `/v1/imports/${kind}`, district.auth, CSV, fixture(`${kind}.csv`));
      expect(res.body.created).toBe(0);
      expect(res.body.updated).toBeGreaterThan(0);
    }
    expect((await t.db.select({ n: count() }).from(people).where(eq(people.phone, '13800000001')))[0].n).toBe(1);
  });

  it('a re-import that leaves the credit code blank updates the enterprise of that name, not a copy', async () => {
    await importOrgFixtures(t.app, district.auth);
    await upload(t.app, '/v1/imports/enterprises', district.auth, CSV, fixture('enterprises.csv'));
    const sheet = '镇（街道）,网格,企业名称,企业类别,风险等级\n横林镇,崔桥村网格,常州华美化工有限公司,重点,橙\n';
    const res = await upload(t.app, '/v1/imports/enterprises', district.auth, CSV, sheet);
    expect(res.body).toMatchObject({ created: 0, updated: 1 });
    expect(await enterpriseCount()).toBe(4);
    const huamei = (await t.db.select().from(enterprises).where(eq(enterprises.name, '常州华美化工有限公司')).get())!;
    expect(huamei).toMatchObject({ riskColor: 'orange', creditCode: '91320412000000101R' });
  });

  it('reads GBK-encoded CSV as saved by Excel on Chinese Windows', async () => {
    await importOrgFixtures(t.app, district.auth);
    const res = await upload(t.app, '/v1/imports/enterprises', district.auth, 'text/csv', fixture('enterprises-gbk.csv'));
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(4);
    expect((await t.db.select().from(enterprises).where(eq(enterprises.creditCode, '91320412000000102W')).get())!.name).toBe('武进区红星机械厂');
  });

  it('a file with bad rows is rejected whole, with per-row errors in Chinese', async () => {
    await importOrgFixtures(t.app, district.auth);
    const csv = [
      '企业名称,统一社会信用代码,镇（街道）,网格,企业类别,风险等级,纬度',
      '良好企业一,,横林镇,崔桥村网格,重点,红,31.7',
      ',,横林镇,崔桥村网格,重点,红,',
      '坏代码企业,91320412000000101X,横林镇,崔桥村网格,规上,黄,',
      '无此镇企业,,无此镇,崔桥村网格,规上,黄,',
      '无此网格企业,,横林镇,不存在网格,规上,黄,',
      '类别错误企业,,横林镇,崔桥村网格,特大,紫,abc',
      '良好企业一,,横林镇,崔桥村网格,规下,蓝,',
    ].join('\n');
    const res = await upload(t.app, '/v1/imports/enterprises', district.auth, CSV, csv);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toMatch(/未导入任何数据/);
    const rows = res.body.error.details.rows as { row: number; column: string; message: string }[];
    expect(rows).toEqual(expect.arrayContaining([
      { row: 3, column: '企业名称', message: '不能为空' },
      expect.objectContaining({ row: 4, column: '统一社会信用代码', message: expect.stringMatching(/校验位/) }),
      expect.objectContaining({ row: 5, column: '镇（街道）', message: expect.stringMatching(/不存在/) }),
      expect.objectContaining({ row: 6, column: '网格', message: expect.stringMatching(/不存在网格/) }),
      expect.objectContaining({ row: 7, column: '企业类别', message: expect.stringMatching(/特大/) }),
      expect.objectContaining({ row: 7, column: '风险等级' }),
      expect.objectContaining({ row: 7, column: '纬度', message: '应为数字' }),
      expect.objectContaining({ row: 8, column: '企业名称', message: expect.stringMatching(/第 2 行/) }),
    ]));
    expect(rows.every((r) => /[\u4e00-\u9fa5]/.test(r.message))).toBe(true);
    expect(rows.some((r) => r.row === 2)).toBe(false);
    expect(await enterpriseCount()).toBe(0);
  });

  it('a dry run validates and counts but writes nothing', async () => {
    await importOrgFixtures(t.app, district.auth);
    const res = await upload(t.app, '/v1/imports/enterprises?dryRun=true', district.auth, CSV, fixture('enterprises.csv'));
    expect(res.body).toMatchObject({ dryRun: true, created: 4, updated: 0 });
    expect(await enterpriseCount()).toBe(0);
  });

  it('rejects missing required columns, empty files and non-CSV bodies', async () => {
    const missing = await upload(t.app, '/v1/imports/towns', district.auth, CSV, '名称错\n横林镇\n');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/缺少必需的列/);
    expect((await upload(t.app, '/v1/imports/towns', district.auth, CSV, '镇（街道）\n')).status).toBe(400);
    expect((await upload(t.app, '/v1/imports/towns', district.auth, 'application/pdf', '%PDF-1.4')).status).toBe(415);
    expect((await upload(t.app, '/v1/imports/hazards', district.auth, CSV, '镇\n甲\n')).status).toBe(400);
    expect(await t.db.select().from(towns)).toHaveLength(0);
  });
});

describe('import permissions', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    t = await testApp();
  });

  it('a town admin imports their own town only; other towns\' rows are per-row errors', async () => {
    const district = await makePerson(t.db, 'district_admin');
    await importOrgFixtures(t.app, district.auth);
    const heng = (await t.db.select().from(towns).where(eq(towns.name, '横林镇')).get())!;
    const admin = await makePerson(t.db, 'town_admin', { townId: heng.id });
    const before = await t.db.select().from(enterprises);
    const res = await upload(t.app, '/v1/imports/enterprises', admin.auth, CSV, fixture('enterprises.csv'));
    expect(res.status).toBe(400);
    expect(res.body.error.details.rows).toEqual([{ row: 5, column: '镇（街道）', message: '只能导入本镇（街道）的数据' }]);
    expect(await t.db.select().from(enterprises)).toEqual(before);

    const people = await upload(t.app, '/v1/imports/people', admin.auth, CSV, '姓名,手机号,角色\n新网格员,13700000001,网格员\n冒充区长,13700000002,区管理员\n');
    expect(people.status).toBe(400);
    expect(people.body.error.details.rows).toEqual([expect.objectContaining({ row: 3, message: '镇管理员只能导入本镇的网格员' })]);
    const ok = await upload(t.app, '/v1/imports/people', admin.auth, CSV, '姓名,手机号\n新网格员,13700000001\n');
    expect(ok.body.created).toBe(1);
    // Re-importing an existing person of a higher role by phone is out of reach too.
    const promote = await upload(t.app, '/v1/imports/people', admin.auth, CSV, '姓名,手机号\n赵敏,13800000004\n');
    expect(promote.status).toBe(400);
    expect((await upload(t.app, '/v1/imports/towns', admin.auth, CSV, '镇\n新镇\n')).status).toBe(403);
  });

  it('workers and department users cannot import', async () => {
    const worker = await makePerson(t.db, 'worker');
    const dept = await makePerson(t.db, 'department');
    for (const who of [worker, dept]) {
      expect((await upload(t.app, '/v1/imports/towns', who.auth, CSV, '镇\n新镇\n')).status).toBe(403);
      expect((await upload(t.app, '/v1/imports/enterprises', who.auth, CSV, fixture('enterprises.csv'))).status).toBe(403);
    }
    expect(await t.db.select().from(towns)).toHaveLength(0);
  });
});
