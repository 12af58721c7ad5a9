import { describe, it, expect, beforeAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { testApp } from './helpers/deps.js';
import { makeEnterprise, makeGrid } from './helpers/fixtures.js';
import { makeStatsWorld, sh } from './helpers/stats-world.js';
import { and, eq } from 'drizzle-orm';
import { attachments, districts, hazardEvents, hazards } from '../db/schema/index.js';
import { shanghaiMinute } from '../api/exports/format.js';

type T = Awaited<ReturnType<typeof testApp>>;
type W = Awaited<ReturnType<typeof makeStatsWorld>>;

const HAZARD_HEADERS = ['序号', '隐患编号', '镇（街道）', '网格', '企业名称', '统一社会信用代码', '隐患描述', '隐患类别', '隐患等级', '状态',
  '上报人', '上报时间', '整改期限', '是否逾期', '逾期天数', '责任人', '吹哨部门', '整改措施', '整改完成时间',
  '复查结果', '复查意见', '复查人', '复查时间', '销号时间', '照片数', '整改提交人'];
const PATROL_HEADERS = ['序号', '巡查时间', '镇（街道）', '网格', '企业名称', '网格员', '巡查结果', '发现隐患数', '备注', '照片数'];

describe('ledger exports', () => {
  let t: T;
  let w: W;
  beforeAll(async () => {
    t = await testApp();
    w = await makeStatsWorld(t.db);
    // h3's story in full: a measure on its rectification, a failed then a passed review, two photos.
    await t.db.update(hazardEvents).set({ note: '清理通道并张贴标识' }).where(and(eq(hazardEvents.hazardId, w.h3.id), eq(hazardEvents.action, 'rectify')));
    await t.db.insert(hazardEvents).values([
      { hazardId: w.h3.id, action: 'review_fail', fromStatus: 'review', toStatus: 'rectifying', actorId: w.w1.id, at: sh('2026-11-06T09:00'), note: '通道仍有杂物', channel: 'api' },
      { hazardId: w.h3.id, action: 'review_pass', fromStatus: 'review', toStatus: 'closed', actorId: w.adminA.id, at: sh('2026-11-08T16:00'), note: '现场复查合格', channel: 'api' },
    ]);
    await t.db.insert(attachments).values([1, 2].map((i) => ({
      sha256: `${i}`.repeat(64), size: 10, mime: 'image/jpeg', path: `p/${i}.jpg`, receivedAt: sh('2026-11-07T11:00'), uploaderId: w.w1.id, hazardId: w.h3.id, createdAt: sh('2026-11-07T11:00'),
    })));
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

  const loadXlsx = async (auth: Record<string, string>, path: string) => {
    const res = await t.app.request(path, { headers: auth });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    return { res, sheet: book.worksheets[0] };
  };
  const rowOf = (sheet: ExcelJS.Worksheet, code: string) => {
    for (let r = 3; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(2).value === code) return sheet.getRow(r);
    throw new Error(`no row ${code}`);
  };
  /** What a Shanghai wall-clock time is as an Excel date cell (no zone: the UTC fields hold the wall clock). */
  const wall = (local: string) => new Date(`${local}Z`);

  it('exports an XLSX a town office files as it is: title row, frozen headers, date cells, review and photo columns, print setup', async () => {
    const { res, sheet } = await loadXlsx(w.adminA.auth, '/v1/exports/hazards.xlsx');
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1])).toBe('隐患台账-2026-11-23.xlsx');
    expect(sheet.name).toBe('隐患台账');
    // Row 1: the title across all columns (district, town, period, export time in Shanghai).
    const [district] = await t.db.select().from(districts);
    expect(sheet.getCell('A1').value).toBe(`${district.name} ${w.townA.name} 隐患台账　期间：全部　导出时间：${shanghaiMinute(t.deps.clock())}（北京时间）`);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('Y1').isMerged).toBe(true);
    expect(sheet.getCell('Y1').master.address).toBe('A1');
    // Row 2: the headers, frozen with the title above them, printed on every A4 landscape page.
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(HAZARD_HEADERS);
    expect(sheet.getRow(2).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:2' });
    expect(sheet.getColumn(7).width).toBeGreaterThan(20);
    expect(sheet.getColumn(1).width).toBeLessThan(10);
    expect(sheet.rowCount).toBe(2 + 9);
    const codesInSheet = Array.from({ length: 9 }, (_, i) => String(sheet.getRow(i + 3).getCell(2).value)).sort();
    expect(codesInSheet).toEqual([w.h1, w.h2, w.h3, w.h4, w.h5, w.h6, w.h8, w.h9, w.h10].map((h) => h.code).sort());

    // Times are real date cells holding the Shanghai wall clock, formatted as the CSV's text.
    const col = (name: string) => HAZARD_HEADERS.indexOf(name) + 1;
    const h1 = rowOf(sheet, w.h1.code);
    expect(h1.getCell(col('上报时间')).value).toEqual(wall('2026-11-10T10:00'));
    expect(h1.getCell(col('上报时间')).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(h1.getCell(col('整改期限')).value).toEqual(wall('2026-11-20T00:00'));
    expect(h1.getCell(col('整改期限')).numFmt).toBe('yyyy-mm-dd');
    expect(h1.getCell(col('逾期天数')).value).toBe(3);
    expect(rowOf(sheet, w.h2.code).getCell(col('整改期限')).value).toBeNull();
    // The latest rectification's measure, the latest review (a failed one came first), the photo count.
    const h3 = rowOf(sheet, w.h3.code);
    expect(h3.getCell(col('整改措施')).value).toBe('清理通道并张贴标识');
    expect(h3.getCell(col('整改完成时间')).value).toEqual(wall('2026-11-07T11:30'));
    expect(h3.getCell(col('复查结果')).value).toBe('通过');
    expect(h3.getCell(col('复查意见')).value).toBe('现场复查合格');
    expect(h3.getCell(col('复查人')).value).toBe(w.adminA.name);
    expect(h3.getCell(col('复查时间')).value).toEqual(wall('2026-11-08T16:00'));
    expect(h3.getCell(col('销号时间')).value).toEqual(wall('2026-11-08T16:00'));
    expect(h3.getCell(col('照片数')).value).toBe(2);
    expect(h1.getCell(col('照片数')).value).toBe(0);
    expect(h1.getCell(col('复查结果')).value).toBeNull();

    // A district-wide export of a period says so in its title.
    const d = await loadXlsx(w.district.auth, '/v1/exports/hazards.xlsx?from=2026-11-10&to=2026-11-15');
    expect(String(d.sheet.getCell('A1').value)).toContain(' 全区 隐患台账　期间：2026-11-10 至 2026-11-15　');

    const p = await loadXlsx(w.adminB.auth, '/v1/exports/patrols.xlsx');
    expect(String(p.sheet.getCell('A1').value)).toContain(`${w.townB.name} 巡查台账`);
    expect((p.sheet.getRow(2).values as unknown[]).slice(1)).toEqual(PATROL_HEADERS);
    expect(p.sheet.rowCount).toBe(2 + 2);
    expect(p.sheet.getRow(3).getCell(5).value).toBe(w.e7.name);
    expect(p.sheet.getRow(3).getCell(2).value).toBeInstanceOf(Date);
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
