import { describe, it, expect, beforeAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { testApp } from './helpers/deps.js';
import { makeEnterprise, makeGrid } from './helpers/fixtures.js';
import { makeStatsWorld, sh } from './helpers/stats-world.js';
import { hazards } from '../db/schema/index.js';

type T = Awaited<ReturnType<typeof testApp>>;
type W = Awaited<ReturnType<typeof makeStatsWorld>>;

const HAZARD_HEADERS = ['序号', '隐患编号', '镇（街道）', '网格', '企业名称', '统一社会信用代码', '隐患描述', '隐患类别', '隐患等级', '状态',
  '上报人', '上报时间', '整改期限', '是否逾期', '逾期天数', '责任人', '吹哨部门', '整改完成时间', '销号时间', '整改提交人'];
const PATROL_HEADERS = ['序号', '巡查时间', '镇（街道）', '网格', '企业名称', '网格员', '巡查结果', '发现隐患数', '备注'];

describe('ledger exports', () => {
  let t: T;
  let w: W;
  beforeAll(async () => {
    t = await testApp();
    w = await makeStatsWorld(t.db);
  });

  const fetchCsv = async (auth: Record<string, string>, path: string) => {
    const res = await t.app.request(path, { headers: auth });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const records: Record<string, string>[] = parse(Buffer.from(bytes), { bom: true, columns: true });
    const headers = (parse(Buffer.from(bytes), { bom: true, to_line: 1 }) as string[][])[0];
    return { res, bytes, records, headers };
  };
  const codes = (records: Record<string, string>[]) => records.map((r) => r['隐患编号']).sort();

  it('exports the town\'s hazard ledger as CSV with a BOM, Chinese headers and Shanghai times', async () => {
    const { res, bytes, records, headers } = await fetchCsv(w.adminA.auth, '/v1/exports/hazards.csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const disposition = res.headers.get('content-disposition')!;
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1])).toBe('隐患台账-2026-11-23.csv');
    expect(headers).toEqual(HAZARD_HEADERS);
    // Town A holds every hazard but H7 (town B).
    expect(codes(records)).toEqual([w.h1, w.h2, w.h3, w.h4, w.h5, w.h6, w.h8, w.h9, w.h10].map((h) => h.code).sort());
    expect(records.map((r) => r['序号'])).toEqual(records.map((_, i) => String(i + 1)));
    const h1 = records.find((r) => r['隐患编号'] === w.h1.code)!;
    expect(h1).toMatchObject({
      '镇（街道）': w.townA.name, '网格': w.g1.name, '企业名称': w.e1.name, '隐患描述': '配电箱未接地', '隐患等级': '一般',
      '状态': '整改中', '上报人': w.w1.name, '上报时间': '2026-11-10 10:00', '整改期限': '2026-11-20', '是否逾期': '是', '逾期天数': '3',
    });
    const h2 = records.find((r) => r['隐患编号'] === w.h2.code)!;
    expect(h2).toMatchObject({ '隐患等级': '重大', '状态': '已上报', '吹哨部门': w.dept.name, '整改期限': '', '是否逾期': '否' });
    const h3 = records.find((r) => r['隐患编号'] === w.h3.code)!;
    expect(h3).toMatchObject({ '状态': '已销号', '整改完成时间': '2026-11-07 11:30', '销号时间': '2026-11-08 16:00', '是否逾期': '否' });
    expect(records.find((r) => r['隐患编号'] === w.h5.code)!['状态']).toBe('已作废');
  });

  it('applies the hazard list filters', async () => {
    const major = await fetchCsv(w.adminA.auth, '/v1/exports/hazards.csv?status=open&level=major');
    expect(codes(major.records)).toEqual([w.h2, w.h6, w.h8].map((h) => h.code).sort());
    const late = await fetchCsv(w.district.auth, '/v1/exports/hazards.csv?overdue=true');
    expect(codes(late.records)).toEqual([w.h1, w.h7, w.h10].map((h) => h.code).sort());
    const days = await fetchCsv(w.district.auth, `/v1/exports/hazards.csv?townId=${w.townA.id}&from=2026-11-10&to=2026-11-15`);
    expect(codes(days.records)).toEqual([w.h1, w.h2, w.h5, w.h9].map((h) => h.code).sort());
  });

  it('never lets out-of-scope rows appear', async () => {
    expect(codes((await fetchCsv(w.w2.auth, '/v1/exports/hazards.csv')).records)).toEqual([w.h5, w.h6].map((h) => h.code).sort());
    expect(codes((await fetchCsv(w.deptUser.auth, '/v1/exports/hazards.csv')).records)).toEqual([w.h2.code]);
    // Asking for another town narrows to nothing rather than widening the scope.
    expect((await fetchCsv(w.adminB.auth, `/v1/exports/hazards.csv?townId=${w.townA.id}`)).records).toEqual([]);
    expect((await fetchCsv(w.adminB.auth, '/v1/exports/patrols.csv')).records.map((r) => r['企业名称'])).toEqual([w.e7.name, w.e7.name]);
    expect((await fetchCsv(w.deptUser.auth, '/v1/exports/patrols.csv')).records).toEqual([]);
  });

  it('rejects unknown filters and needs a token', async () => {
    expect((await t.app.request('/v1/exports/hazards.csv?colour=red', { headers: w.district.auth })).status).toBe(400);
    expect((await t.app.request('/v1/exports/hazards.csv?from=2026-13-01', { headers: w.district.auth })).status).toBe(400);
    expect((await t.app.request('/v1/exports/hazards.csv')).status).toBe(401);
  });

  it('exports the patrol ledger as CSV', async () => {
    const { records, headers } = await fetchCsv(w.w1.auth, '/v1/exports/patrols.csv?from=2026-11-01&to=2026-11-30');
    expect(headers).toEqual(PATROL_HEADERS);
    // Grid 1 in November: E2 11-05, E3 11-02, 11-09, 11-20.
    expect(records.map((r) => r['巡查时间']).sort()).toEqual(['2026-11-02 15:00', '2026-11-05 10:00', '2026-11-09 18:00', '2026-11-20 10:00']);
    expect(records.find((r) => r['巡查时间'] === '2026-11-20 10:00')).toMatchObject({
      '企业名称': w.e3.name, '网格员': w.w1.name, '巡查结果': '正常', '发现隐患数': '0', '备注': '复查配电箱', '镇（街道）': w.townA.name,
    });
  });

  it('exports XLSX that loads back with a styled header row', async () => {
    const res = await t.app.request('/v1/exports/hazards.xlsx', { headers: w.adminA.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1])).toBe('隐患台账-2026-11-23.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('隐患台账');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HAZARD_HEADERS);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(7).width).toBeGreaterThan(20);
    expect(sheet.rowCount).toBe(1 + 9);
    const codesInSheet = Array.from({ length: 9 }, (_, i) => String(sheet.getRow(i + 2).getCell(2).value)).sort();
    expect(codesInSheet).toEqual([w.h1, w.h2, w.h3, w.h4, w.h5, w.h6, w.h8, w.h9, w.h10].map((h) => h.code).sort());

    const p = await t.app.request('/v1/exports/patrols.xlsx', { headers: w.adminB.auth });
    const pbook = new ExcelJS.Workbook();
    await pbook.xlsx.load(Buffer.from(await p.arrayBuffer()) as never);
    expect(pbook.worksheets[0].rowCount).toBe(1 + 2);
    expect(pbook.worksheets[0].getRow(2).getCell(5).value).toBe(w.e7.name);
  });

  it('pages through more rows than one page without losing or repeating any', async () => {
    const grid = await makeGrid(t.db, w.townB.id);
    const ent = await makeEnterprise(t.db, grid);
    const rows = Array.from({ length: 2345 }, (_, i) => ({
      code: `YH20261101-B${i}`, enterpriseId: ent.id, gridId: grid.id, townId: w.townB.id, reporterId: w.w3.id, description: `批量${i}`,
      level: 'general' as const, status: 'closed' as const, reportedAt: sh('2026-11-02T09:00'), closedAt: sh('2026-11-03T09:00'), updatedAt: sh('2026-11-03T09:00'),
    }));
    for (let i = 0; i < rows.length; i += 500) await t.db.insert(hazards).values(rows.slice(i, i + 500));
    const { records } = await fetchCsv(w.adminB.auth, `/v1/exports/hazards.csv?gridId=${grid.id}`);
    expect(records).toHaveLength(2345);
    expect(new Set(records.map((r) => r['隐患编号'])).size).toBe(2345);
    expect(records[2344]['序号']).toBe('2345');
  });
});
