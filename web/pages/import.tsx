/** @jsxImportSource hono/jsx */
import { DomainError, forbidden } from '../../api/core/errors.js';
import { isAdmin } from '../../api/core/scope.js';
import { IMPORT_KINDS, runImport, type ImportKind, type ImportResult } from '../../api/imports/run-import.js';
import type { RowError } from '../../api/imports/row-errors.js';
import { XLSX_MIME } from '../../api/imports/read-table.js';
import { Csrf, Layout, Notice } from '../layout.js';
import { ColumnHelp, registerImportTemplates } from './import-templates.js';
import { files, readForm, text, type WebApp, type WebContext } from '../env.js';

const KIND_NAMES: Record<ImportKind, string> = { towns: '镇（街道）', grids: '网格', people: '人员', enterprises: '企业' };

type Outcome = { result?: ImportResult; error?: string; rows?: RowError[]; kind?: ImportKind };

// What an enterprise import did beyond the enterprises themselves: contacts and colour changes.
const extras = (r: ImportResult) => [
  r.contacts && r.contacts.created + r.contacts.updated > 0 ? `企业联系人新增 ${r.contacts.created} 人、更新 ${r.contacts.updated} 人` : '',
  r.riskColorChanges ? `${r.riskColorChanges} 家企业风险等级变化（将通知企业联系人和主管部门）` : '',
].filter(Boolean).map((s) => `${s}。`).join('');

function renderImport(c: WebContext, o: Outcome = {}, status = 200) {
  const user = c.get('user');
  const r = o.result;
  return c.html(
    <Layout title="导入" user={user} here="/app/admin/import">
      <h1>导入表格</h1>
      <p class="muted">CSV（UTF-8 或 GBK）或 XLSX，第一行为表头。先“检查”预览每一行的问题，全部通过后再“导入”；任何一行有错误时不会写入任何数据。顺序：镇（街道）→ 网格 → 人员 → 企业。</p>
      <Notice
        ok={r ? (r.dryRun ? `检查通过：共 ${r.rows} 行，将新增 ${r.created} 条、更新 ${r.updated} 条。${extras(r)}确认无误后点“导入”。` : `导入完成：共 ${r.rows} 行，新增 ${r.created} 条、更新 ${r.updated} 条。${extras(r)}`) : null}
        error={o.error}
      />
      {o.rows && o.rows.length > 0 && (
        <div class="card scroll">
          <h2>有问题的行 <span class="muted">{o.rows.length} 处</span></h2>
          <table id="row-errors">
            <thead><tr><th>行号</th><th>列</th><th>问题</th></tr></thead>
            <tbody>{o.rows.map((e) => <tr><td>{e.row}</td><td>{e.column}</td><td>{e.message}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      <form method="post" action="/app/admin/import" enctype="multipart/form-data" class="card">
        <Csrf token={user.csrf} />
        <label for="kind">导入内容</label>
        <select id="kind" name="kind">{IMPORT_KINDS.map((k) => <option value={k} selected={k === (o.kind ?? 'enterprises')}>{KIND_NAMES[k]}</option>)}</select>
        <label for="file">表格文件</label>
        <input id="file" type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <button type="submit" name="mode" value="dry">检查（不写入）</button> <button type="submit" name="mode" value="commit" class="secondary">导入</button>
      </form>
      <div class="card">
        <h2>模板下载</h2>
        <p>{IMPORT_KINDS.map((k) => <><a href={`/app/admin/templates/${k}.csv`}>{KIND_NAMES[k]}模板</a>{' '}</>)}</p>
        <details><summary>{KIND_NAMES[o.kind ?? 'enterprises']}表格可用的列名</summary><ColumnHelp kind={o.kind ?? 'enterprises'} /></details>
        {(o.kind ?? 'enterprises') === 'enterprises' && (
          <p class="muted" id="contact-columns">企业表格中填写了“联系人”的行，会把此人登记为该企业的安全联系人（可接收整改通知、风险等级变更通知）：“联系电话”为手机号时作为其手机号，“联系人钉钉ID”“联系人企业微信ID”用于在钉钉、企业微信中识别本人。</p>
        )}
      </div>
    </Layout>,
    status as 200,
  );
}

const contentTypeOf = (f: File) => (/\.xlsx$/i.test(f.name) || f.type.includes('spreadsheet') ? XLSX_MIME : 'text/csv');

/** 导入: the same runImport verb as POST /v1/imports/{kind}, all-or-nothing, dry run first. */
export function registerImportPages(web: WebApp) {
  registerImportTemplates(web);
  web.get('/app/admin/import', (c) => {
    if (!isAdmin(c.get('user').actor)) throw forbidden();
    return renderImport(c);
  });
  web.post('/app/admin/import', async (c) => {
    if (!isAdmin(c.get('user').actor)) throw forbidden();
    const f = await readForm(c);
    const kind = (IMPORT_KINDS as readonly string[]).includes(text(f.kind)) ? (text(f.kind) as ImportKind) : 'enterprises';
    const [file] = files(f.file);
    if (!file) return renderImport(c, { kind, error: '请选择要导入的文件' }, 400);
    try {
      const result = await runImport(c.get('ctx'), {
        kind, bytes: new Uint8Array(await file.arrayBuffer()), contentType: contentTypeOf(file), dryRun: text(f.mode) !== 'commit',
      });
      return renderImport(c, { kind, result });
    } catch (e) {
      if (e instanceof DomainError && e.code !== 'internal') {
        const rows = (e.details as { rows?: RowError[] } | undefined)?.rows;
        return renderImport(c, { kind, error: e.message, rows }, e.status);
      }
      throw e;
    }
  });
}
