import { z } from '@hono/zod-openapi';
import { inArray, isNotNull, sql } from 'drizzle-orm';
import { chatIdentities, departments, people, type Role } from '../../db/schema/index.js';
import { TOWN_ROLES } from '../people/person-rules.js';
import type { Ctx } from '../core/context.js';
import { insertRowsAsJson, upsertSet } from './bulk-json.js';
import { locateColumns, type ColumnSpec } from './columns.js';
import { choice, mobileCell, optionalText, requiredText } from './cells.js';
import { IMPORT_MSG } from './messages.js';
import { chunk, perChunk, type PlanResult } from './plan.js';
import { loadTowns, resolveTown, TOWN_HEADERS } from './references.js';
import { RowErrors } from './row-errors.js';
import type { Table } from './read-table.js';
import { TurnBudget } from './turn-budget.js';

type Field = 'name' | 'phone' | 'role' | 'town' | 'department' | 'dingtalk' | 'wecom';
// Exported for the import page's downloadable template (web/pages/import-templates.ts).
export const COLUMNS: ColumnSpec<Field>[] = [
  { field: 'name', label: '姓名', headers: ['姓名', '名字', '网格员', '网格员姓名', 'name'], required: true },
  { field: 'phone', label: '手机号', headers: ['手机号', '手机号码', '手机', '联系电话', '电话', 'phone', 'mobile'], required: true },
  { field: 'role', label: '角色', headers: ['角色', '身份', '岗位', 'role'] },
  { field: 'town', label: '镇（街道）', headers: TOWN_HEADERS },
  { field: 'department', label: '部门', headers: ['部门', '所属部门', '行业部门', 'department'] },
  { field: 'dingtalk', label: '钉钉ID', headers: ['钉钉ID', '钉钉id', '钉钉userid', '钉钉UserId', '钉钉staffId', '钉钉账号', 'dingtalk', 'dingtalkid', 'dingtalk_id', 'staffid'] },
  { field: 'wecom', label: '企业微信ID', headers: ['企业微信ID', '企业微信id', '企业微信账号', '企业微信userid', '企业微信UserId', '企微ID', '企微账号', 'wecom', 'wecomid', 'wecom_id', 'wework'] },
];
// Columns that become chat identities: the platform's own user id (DingTalk staffId, WeCom userid).
const IDENTITY_COLUMNS = [
  { field: 'dingtalk', platform: 'dingtalk', label: '钉钉ID' },
  { field: 'wecom', platform: 'wecom', label: '企业微信ID' },
] as const;
const ROLES: Record<string, Role> = {
  网格员: 'worker', 专职网格员: 'worker', 兼职网格员: 'worker', worker: 'worker',
  镇管理员: 'town_admin', 镇级管理员: 'town_admin', '镇（街道）管理员': 'town_admin', 镇应急办: 'town_admin', town_admin: 'town_admin',
  区管理员: 'district_admin', 区级管理员: 'district_admin', 安委办: 'district_admin', district_admin: 'district_admin',
  部门: 'department', 部门人员: 'department', 行业部门: 'department', department: 'department',
};
const Row = z.object({
  name: requiredText(30),
  phone: mobileCell,
  role: choice('角色', ROLES).optional(),
  town: optionalText(50),
  department: optionalText(50),
  dingtalk: optionalText(128),
  wecom: optionalText(128),
});

/**
 * People by phone (the natural key). DingTalk staffIds and WeCom userids from the org directory become chat identities;
 * a blank cell leaves what is stored, so a re-import never unbinds anyone.
 */
export async function planPeople(ctx: Ctx, table: Table, budget = new TurnBudget()): Promise<PlanResult> {
  const located = await locateColumns(table, COLUMNS, budget);
  const errors = new RowErrors(located.columnName);
  const actor = ctx.actor;
  const [townsByName, depts, known, identityRows] = await Promise.all([
    loadTowns(ctx.db),
    ctx.db.select({ id: departments.id, name: departments.name }).from(departments),
    ctx.db.select().from(people).where(isNotNull(people.phone)),
    ctx.db.select({ platform: chatIdentities.platform, externalId: chatIdentities.externalId, personId: chatIdentities.personId }).from(chatIdentities).where(inArray(chatIdentities.platform, IDENTITY_COLUMNS.map((c) => c.platform))),
  ]);
  const deptByName = new Map(depts.map((d) => [d.name, d.id]));
  const byPhone = new Map(known.map((p) => [p.phone!, p]));
  const owner = new Map(identityRows.map((i) => [`${i.platform}\u0000${i.externalId}`, i.personId]));
  const seenPhone = new Map<string, number>();
  const seenIdentity = new Map<string, number>();
  const values: (typeof people.$inferInsert)[] = [];
  const bindings: { phone: string; platform: string; externalId: string }[] = [];
  let updated = 0;
  const now = ctx.clock();

  for (const row of located.rows) {
    if (budget.spent()) await budget.yield();
    const r = errors.parse(Row, row);
    if (!r || errors.duplicate(seenPhone, r.phone, row.line, 'phone', '手机号')) continue;
    const old = byPhone.get(r.phone);
    const role = r.role ?? old?.role ?? 'worker';
    let townId = old?.townId ?? null;
    if (r.town) {
      const town = resolveTown(actor, townsByName, r.town, row.line, errors);
      if (!town) continue;
      townId = town.id;
    } else if (actor.role === 'town_admin' && !old) townId = actor.townId;
    // District-wide roles carry no town (a town would put them in that town admin's reach).
    if (!TOWN_ROLES.includes(role)) townId = null;
    let departmentId = role === 'department' ? (old?.departmentId ?? null) : null;
    if (r.department) {
      const id = deptByName.get(r.department);
      if (id === undefined) {
        errors.add(row.line, 'department', IMPORT_MSG.departmentNotFound(r.department));
        continue;
      }
      if (role === 'department') departmentId = id;
    }
    if (actor.role === 'town_admin') {
      if (role !== 'worker' || townId !== actor.townId) {
        errors.add(row.line, 'role', IMPORT_MSG.townAdminWorkersOnly);
        continue;
      }
      if (old && (old.role !== 'worker' || old.townId !== actor.townId)) {
        errors.add(row.line, 'phone', IMPORT_MSG.personOutOfReach);
        continue;
      }
    }
    if (role === 'town_admin' && townId === null) {
      errors.add(row.line, 'town', IMPORT_MSG.townRequired);
      continue;
    }
    if (role === 'department' && departmentId === null) {
      errors.add(row.line, 'department', IMPORT_MSG.departmentRequired);
      continue;
    }
    const rowBindings: typeof bindings = [];
    let identityError = false;
    for (const c of IDENTITY_COLUMNS) {
      const externalId = r[c.field];
      if (!externalId) continue;
      const key = `${c.platform}\u0000${externalId}`;
      if (errors.duplicate(seenIdentity, key, row.line, c.field, c.label)) {
        identityError = true;
        continue;
      }
      const taken = owner.get(key);
      if (taken !== undefined && taken !== old?.id) {
        errors.add(row.line, c.field, c.platform === 'wecom' ? IMPORT_MSG.wecomTaken : IMPORT_MSG.dingtalkTaken);
        identityError = true;
        continue;
      }
      rowBindings.push({ phone: r.phone, platform: c.platform, externalId });
    }
    if (identityError) continue;
    bindings.push(...rowBindings);
    if (old) updated++;
    values.push({ name: r.name, phone: r.phone, role, townId, departmentId, createdAt: now });
  }

  const columns = { name: people.name, phone: people.phone, role: people.role, townId: people.townId, departmentId: people.departmentId, createdAt: people.createdAt };
  const conflict = upsertSet([people.phone], [people.name, people.role, people.townId, people.departmentId]);
  const statements = [
    ...await perChunk(budget, values, (part) => insertRowsAsJson(ctx.db, people, columns, part, conflict)),
    ...chunk(bindings).flatMap((part) => {
      const rows = JSON.stringify(part);
      return [
        // A person has one identity per platform: the directory's id replaces an older one.
        ctx.db.run(sql`delete from chat_identities where (person_id, platform) in
          (select p.id, json_extract(v.value, '$.platform') from people p join json_each(${rows}) v on p.phone = json_extract(v.value, '$.phone'))`),
        ctx.db.run(sql`insert into chat_identities (person_id, platform, external_id, created_at)
          select p.id, json_extract(v.value, '$.platform'), json_extract(v.value, '$.externalId'), ${now.getTime()}
          from json_each(${rows}) v join people p on p.phone = json_extract(v.value, '$.phone')`),
      ];
    }),
  ];
  return { errors: errors.list, plan: { created: values.length - updated, updated, statements } };
}
