import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { chatIdentities, people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { updateRowsAsJson } from './bulk-json.js';
import { IMPORT_MSG } from './messages.js';
import { chunk, perChunk } from './plan.js';
import type { RowErrors } from './row-errors.js';
import type { TurnBudget } from './turn-budget.js';

// The enterprise register's contact columns (联系人, 联系电话, 联系人钉钉ID, 联系人企业微信ID) make
// the enterprise's safety contact a person of role `enterprise` bound to it, so notices reach them
// and they can bind their chat. Matching: the person holding the row's mobile number (it must be
// this enterprise's contact), else this enterprise's contact of the same name, else a new person.
// A landline stays on the enterprise only: people.phone is a person's own mobile (and unique).

/** One register row that names a contact; the enterprise is known by id, or (new) by its natural key. */
export type ContactRow = {
  line: number; name: string; phone?: string; dingtalk?: string; wecom?: string;
  enterpriseId?: number; creditCode?: string; gridId: number; enterpriseName: string;
};

const IDENTITIES = [
  { field: 'contactDingtalk', key: 'dingtalk', platform: 'dingtalk', taken: IMPORT_MSG.dingtalkTaken, label: '联系人钉钉ID' },
  { field: 'contactWecom', key: 'wecom', platform: 'wecom', taken: IMPORT_MSG.wecomTaken, label: '联系人企业微信ID' },
] as const;

const mobileOf = (phone?: string) => {
  const p = phone?.normalize('NFKC').replace(/[\s-]/g, '');
  return p && /^1\d{10}$/.test(p) ? p : null;
};

// The row's enterprise inside SQL: its id when it exists, else the one this batch inserts (by credit
// code, or the newest of that name in that grid). Elements i..i+3 of the row array.
const enterpriseSql = (i: number) => `coalesce(v.value ->> ${i}, (select id from enterprises where credit_code = v.value ->> ${i + 1}),
  (select max(id) from enterprises where grid_id = v.value ->> ${i + 2} and name = v.value ->> ${i + 3}))`;
const entCells = (r: ContactRow) => [r.enterpriseId ?? null, r.creditCode ?? null, r.gridId, r.enterpriseName];

type Known = { id: number; name: string; phone: string | null; role: string; enterpriseId: number | null };

/**
 * Plans the contacts of the given rows; problems become row errors (so a dry run lists them). The
 * statements must run after the enterprise inserts of the same batch.
 */
export async function planContacts(ctx: Ctx, rows: ContactRow[], errors: RowErrors, budget: TurnBudget) {
  const none = { statements: [] as BatchItem<'sqlite'>[], created: 0, updated: 0 };
  if (!rows.length) return none;
  const phones = [...new Set(rows.flatMap((r) => mobileOf(r.phone) ?? []))];
  const entIds = [...new Set(rows.flatMap((r) => r.enterpriseId ?? []))];
  const externalIds = [...new Set(rows.flatMap((r) => IDENTITIES.flatMap((c) => r[c.key] ?? [])))];
  const cols = { id: people.id, name: people.name, phone: people.phone, role: people.role, enterpriseId: people.enterpriseId };
  const byPhone = new Map<string, Known>();
  const contactsOf = new Map<number, Known[]>();
  const owner = new Map<string, number>();
  // Each lookup binds its keys as ONE JSON parameter: D1 allows 100 bound parameters per statement.
  const inJson = (values: unknown[]) => sql`(select value from json_each(${JSON.stringify(values)}))`;
  for (const part of chunk(phones, 2000)) {
    for (const p of await ctx.db.select(cols).from(people).where(sql`${people.phone} in ${inJson(part)}`)) byPhone.set(p.phone!, p);
    await budget.yield();
  }
  for (const part of chunk(entIds, 2000)) {
    for (const p of await ctx.db.select(cols).from(people).where(and(eq(people.role, 'enterprise'), sql`${people.enterpriseId} in ${inJson(part)}`))) {
      contactsOf.set(p.enterpriseId!, [...(contactsOf.get(p.enterpriseId!) ?? []), p]);
    }
    await budget.yield();
  }
  for (const part of chunk(externalIds, 2000)) {
    const found = await ctx.db.select({ platform: chatIdentities.platform, externalId: chatIdentities.externalId, personId: chatIdentities.personId })
      .from(chatIdentities).where(and(inArray(chatIdentities.platform, ['dingtalk', 'wecom']), sql`${chatIdentities.externalId} in ${inJson(part)}`));
    for (const i of found) owner.set(`${i.platform}\u0000${i.externalId}`, i.personId);
    await budget.yield();
  }

  const seenPhone = new Map<string, number>();
  const seenIdentity = new Map<string, number>();
  const updates: { id: number; name: string; phone: string | null }[] = [];
  const inserts: unknown[][] = [];
  const bindings: unknown[][] = [];
  for (const r of rows) {
    if (budget.spent()) await budget.yield();
    const mobile = mobileOf(r.phone);
    if (mobile && errors.duplicate(seenPhone, mobile, r.line, 'contactPhone', '联系人手机号')) continue;
    let target: Known | undefined;
    const holder = mobile ? byPhone.get(mobile) : undefined;
    if (holder) {
      if (holder.role !== 'enterprise') {
        errors.add(r.line, 'contactPhone', IMPORT_MSG.contactPhoneTaken);
        continue;
      }
      if (holder.enterpriseId !== r.enterpriseId) {
        errors.add(r.line, 'contactPhone', IMPORT_MSG.contactOfOtherEnterprise);
        continue;
      }
      target = holder;
    } else if (r.enterpriseId !== undefined) {
      target = contactsOf.get(r.enterpriseId)?.find((p) => p.name === r.name);
    }
    let bad = false;
    const rowBindings: unknown[][] = [];
    for (const c of IDENTITIES) {
      const externalId = r[c.key];
      if (!externalId) continue;
      const key = `${c.platform}\u0000${externalId}`;
      if (errors.duplicate(seenIdentity, key, r.line, c.field, c.label)) { bad = true; continue; }
      const taken = owner.get(key);
      if (taken !== undefined && taken !== target?.id) {
        errors.add(r.line, c.field, c.taken);
        bad = true;
        continue;
      }
      rowBindings.push([target?.id ?? null, c.platform, externalId, r.name, ...entCells(r)]);
    }
    if (bad) continue;
    bindings.push(...rowBindings);
    if (target) updates.push({ id: target.id, name: r.name, phone: mobile });
    else inserts.push([r.name, mobile, ...entCells(r)]);
  }

  const now = ctx.clock().getTime();
  const statements: BatchItem<'sqlite'>[] = [
    ...await perChunk(budget, updates, (part) => updateRowsAsJson(ctx.db, people, people.id, { name: people.name, phone: people.phone }, part)),
    ...await perChunk(budget, inserts, (part) => ctx.db.run(sql`insert into people (name, phone, role, enterprise_id, active, created_at)
      select v.value ->> 0, v.value ->> 1, 'enterprise', ${sql.raw(enterpriseSql(2))}, 1, ${sql.raw(String(now))}
      from json_each(${JSON.stringify(part)}) v`)),
    // A person has one identity per platform: the register's id replaces an older one.
    ...chunk(bindings).flatMap((part) => {
      const json = JSON.stringify(part);
      const person = `coalesce(v.value ->> 0, (select max(p.id) from people p where p.role = 'enterprise' and p.name = v.value ->> 3
        and p.enterprise_id = ${enterpriseSql(4)}))`;
      return [
        ctx.db.run(sql`delete from chat_identities where (person_id, platform) in
          (select ${sql.raw(person)}, v.value ->> 1 from json_each(${json}) v)`),
        ctx.db.run(sql`insert into chat_identities (person_id, platform, external_id, created_at)
          select ${sql.raw(person)}, v.value ->> 1, v.value ->> 2, ${sql.raw(String(now))} from json_each(${json}) v`),
      ];
    }),
  ];
  return { statements, created: inserts.length, updated: updates.length };
}
