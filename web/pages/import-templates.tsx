/** @jsxImportSource hono/jsx */
import type { ColumnSpec } from '../../api/imports/columns.js';
import { COLUMNS as TOWN_COLUMNS } from '../../api/imports/import-towns.js';
import { COLUMNS as GRID_COLUMNS } from '../../api/imports/import-grids.js';
import { COLUMNS as PEOPLE_COLUMNS } from '../../api/imports/import-people.js';
import { ENTERPRISE_COLUMNS } from '../../api/imports/enterprise-columns.js';
import type { ImportKind } from '../../api/imports/run-import.js';
import { attachmentDisposition } from '../../api/exports/format.js';
import { forbidden } from '../../api/core/errors.js';
import { isAdmin } from '../../api/core/scope.js';
import type { WebApp } from '../env.js';

/** The columns each import accepts: the same specs the importer locates headers with. */
export const IMPORT_COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  towns: TOWN_COLUMNS as ColumnSpec[], grids: GRID_COLUMNS as ColumnSpec[], people: PEOPLE_COLUMNS as ColumnSpec[], enterprises: ENTERPRISE_COLUMNS as ColumnSpec[],
};

/** The accepted headers of one import, for the import page. */
export const ColumnHelp = ({ kind }: { kind: ImportKind }) => (
  <div class="scroll">
    <table>
      <thead><tr><th>列</th><th>必填</th><th>也可写作</th></tr></thead>
      <tbody>{IMPORT_COLUMNS[kind].map((c) => (
        <tr><td>{c.label}</td><td>{c.required ? '是' : ''}</td><td>{c.headers.filter((h) => h !== c.label && /[\u4e00-\u9fff]/.test(h)).join('、')}</td></tr>
      ))}</tbody>
    </table>
  </div>
);

/** 模板: a CSV (UTF-8 with BOM, so Excel opens it in Chinese) with the header row of each import. */
export function registerImportTemplates(web: WebApp) {
  web.get('/app/admin/templates/:file{(towns|grids|people|enterprises)\\.csv}', (c) => {
    if (!isAdmin(c.get('user').actor)) throw forbidden();
    const kind = c.req.param('file').replace('.csv', '') as ImportKind;
    const header = IMPORT_COLUMNS[kind].map((col) => col.label).join(',');
    return c.body(`\ufeff${header}\r\n`, 200, {
      'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachmentDisposition(`导入模板-${kind}.csv`, `template-${kind}.csv`),
    });
  });
}
