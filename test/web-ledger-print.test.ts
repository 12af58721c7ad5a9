import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testApp } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';

describe('台账 XLSX print setup', () => {
  it('prints on A4 landscape, one page wide, with the header row repeated', async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    const res = await t.app.request('/v1/exports/hazards.xlsx', { headers: w.adminA.auth });
    const bytes = Buffer.from(await res.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    const setup = book.worksheets[0].pageSetup;
    expect(setup.paperSize).toBe(9);
    expect(setup.orientation).toBe('landscape');
    expect(setup.fitToWidth).toBe(1);
    // The title row and the column headers are printed on every page.
    expect(setup.printTitlesRow).toBe('1:2');
    t.close();
  });
});
