import { z } from '@hono/zod-openapi';
import { inArray } from 'drizzle-orm';
import { enterprises, type EnterpriseClass, type RiskColor } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { ContactPhone, CreditCode } from '../enterprises/schemas.js';
import { parseIsoDay, startOfShanghaiDay } from '../../lib/time.js';
import { insertRowsAsJson, updateRowsAsJson } from './bulk-json.js';
import { locateColumns, type ColumnSpec } from './columns.js';
import { choice, dayCell, listCell, numberCell, optionalText, requiredText } from './cells.js';
import { ENTERPRISE_COLUMNS, type EnterpriseField } from './enterprise-columns.js';
import { IMPORT_MSG } from './messages.js';
import { chunk, perChunk, type PlanResult } from './plan.js';
import { loadGrids, loadTowns, namedTownIds, resolveTown } from './references.js';
import { RowErrors } from './row-errors.js';
import type { Table } from './read-table.js';
import { TurnBudget } from './turn-budget.js';
import { followEnterprisePlace } from '../enterprises/follow-place.js';
import { colorChangeWrites, type PlannedColorChange } from '../enterprises/risk-color-change.js';
import { planContacts, type ContactRow } from './enterprise-contacts.js';

const CLASSES: Record<string, EnterpriseClass> = {
  重点: 'key', 重点企业: 'key', 重点行业: 'key', 重点行业领域: 'key', 重点行业领域企业: 'key', key: 'key',
  规上: 'above', 规上企业: 'above', 规模以上: 'above', 规模以上企业: 'above', above: 'above',
  规下: 'below', 规下企业: 'below', 规模以下: 'below', 规模以下企业: 'below', below: 'below',
};
const COLORS: Record<string, RiskColor> = {
  红: 'red', 红色: 'red', 重大: 'red', 重大风险: 'red', red: 'red',
  橙: 'orange', 橙色: 'orange', 较大: 'orange', 较大风险: 'orange', orange: 'orange',
  黄: 'yellow', 黄色: 'yellow', 一般: 'yellow', 一般风险: 'yellow', yellow: 'yellow',
  蓝: 'blue', 蓝色: 'blue', 低: 'blue', 低风险: 'blue', blue: 'blue',
};
// An office list without risk grading puts everything at the lowest level until assessed.
const DEFAULT_COLOR: RiskColor = 'blue';

const Row = z.object({
  name: requiredText(100),
  shortName: optionalText(30),
  aliases: listCell,
  creditCode: CreditCode.optional(),
  address: optionalText(200),
  town: requiredText(50),
  grid: requiredText(50),
  industry: optionalText(50),
  class: choice('企业类别', CLASSES),
  riskColor: choice('风险等级', COLORS).optional(),
  contactName: optionalText(30),
  contactPhone: ContactPhone.optional(),
  contactDingtalk: optionalText(128),
  contactWecom: optionalText(128),
  lng: numberCell(-180, 180),
  lat: numberCell(-90, 90),
  registeredOn: dayCell,
});

// Columns an import writes; created_at and last_patrol_at are never changed on update.
const WRITTEN = {
  name: enterprises.name, shortName: enterprises.shortName, aliases: enterprises.aliases, creditCode: enterprises.creditCode,
  address: enterprises.address, gridId: enterprises.gridId, townId: enterprises.townId, class: enterprises.class,
  industry: enterprises.industry, riskColor: enterprises.riskColor, contactName: enterprises.contactName,
  contactPhone: enterprises.contactPhone, lat: enterprises.lat, lng: enterprises.lng, registeredAt: enterprises.registeredAt,
};

// Only the keys are loaded for matching: merging happens in SQL (a blank cell keeps the stored value).
// Colour, class and industry too: a changed colour is told to the contacts and the department (risk-color-change.ts).
type Existing = {
  id: number; name: string; gridId: number; townId: number; creditCode: string | null;
  riskColor: RiskColor; class: EnterpriseClass; industry: string | null;
};
const KEY_COLUMNS = {
  id: enterprises.id, name: enterprises.name, gridId: enterprises.gridId, townId: enterprises.townId, creditCode: enterprises.creditCode,
  riskColor: enterprises.riskColor, class: enterprises.class, industry: enterprises.industry,
};
type Values = typeof enterprises.$inferInsert;

/**
 * Enterprises keyed by credit code, or by grid + name when a row has none. A re-import updates
 * the matched enterprise with the non-blank cells and never erases a stored value.
 */
export async function planEnterprises(ctx: Ctx, table: Table, budget = new TurnBudget()): Promise<PlanResult> {
  const located = await locateColumns<EnterpriseField>(table, ENTERPRISE_COLUMNS as ColumnSpec<EnterpriseField>[], budget);
  const errors = new RowErrors(located.columnName);
  const townsByName = await loadTowns(ctx.db);
  const gridsByKey = await loadGrids(ctx.db, namedTownIds(located.rows, townsByName), budget);

  // Pass 1: parse and place every row, so existing enterprises can be fetched in a few queries.
  const parsed: { line: number; r: z.infer<typeof Row>; gridId: number; townId: number; town: string }[] = [];
  for (const row of located.rows) {
    if (budget.spent()) await budget.yield();
    const r = errors.parse(Row, row);
    if (!r) continue;
    const town = resolveTown(ctx.actor, townsByName, r.town, row.line, errors);
    if (!town) continue;
    const grid = gridsByKey.get(`${town.id}|${r.grid}`);
    if (!grid) {
      errors.add(row.line, 'grid', IMPORT_MSG.gridNotFound(r.town, r.grid));
      continue;
    }
    if (!r.contactName && (r.contactDingtalk || r.contactWecom)) {
      errors.add(row.line, 'contactName', IMPORT_MSG.contactNameRequired);
      continue;
    }
    parsed.push({ line: row.line, r, gridId: grid.id, townId: town.id, town: town.name });
  }
  const { byCode, byGridName } = await loadExisting(ctx, parsed, budget);

  // Pass 2: natural keys, duplicates within the file, reach of a town admin, merged values.
  const seenCode = new Map<string, number>();
  const seenName = new Map<string, number>();
  const seenExisting = new Map<string, number>();
  const fresh: Values[] = [];
  const changed: (Partial<Values> & { id: number })[] = [];
  const moved: number[] = [];
  const colours: PlannedColorChange[] = [];
  const contacts: ContactRow[] = [];
  const now = ctx.clock();
  for (const { line, r, gridId, townId, town } of parsed) {
    if (budget.spent()) await budget.yield();
    if (r.creditCode && errors.duplicate(seenCode, r.creditCode, line, 'creditCode', '统一社会信用代码')) continue;
    if (errors.duplicate(seenName, `${gridId}|${r.name}`, line, 'name', '企业（同一网格内同名）')) continue;
    const byName = byGridName.get(`${gridId}|${r.name}`);
    // By credit code; else by grid + name unless both sides carry different codes (then they are two
    // enterprises). A row without a code is the stored one of that name, code or not: a sheet that
    // leaves the column blank must update, not duplicate.
    const old = (r.creditCode ? byCode.get(r.creditCode) : undefined)
      ?? (byName && (!r.creditCode || !byName.creditCode || byName.creditCode === r.creditCode) ? byName : undefined);
    if (old && ctx.actor.role === 'town_admin' && old.townId !== ctx.actor.townId) {
      errors.add(line, 'creditCode', IMPORT_MSG.creditCodeElsewhere);
      continue;
    }
    // One row by credit code and another by name can point at the same stored enterprise.
    if (old && errors.duplicate(seenExisting, String(old.id), line, 'name', '企业')) continue;
    const given = Object.fromEntries(
      Object.entries({
        name: r.name, shortName: r.shortName, aliases: r.aliases, creditCode: r.creditCode, address: r.address,
        industry: r.industry, class: r.class, riskColor: r.riskColor, contactName: r.contactName,
        contactPhone: r.contactPhone, lng: r.lng, lat: r.lat,
        registeredAt: r.registeredOn ? startOfShanghaiDay(parseIsoDay(r.registeredOn)!) : undefined,
      }).filter(([, v]) => v !== undefined),
    ) as Partial<Values>;
    if (r.contactName) {
      contacts.push({
        line, name: r.contactName, phone: r.contactPhone, dingtalk: r.contactDingtalk, wecom: r.contactWecom,
        enterpriseId: old?.id, creditCode: r.creditCode, gridId, enterpriseName: r.name,
      });
    }
    if (old) {
      changed.push({ ...given, id: old.id, gridId, townId });
      if (old.gridId !== gridId) moved.push(old.id);
      if (r.riskColor && r.riskColor !== old.riskColor) {
        colours.push({
          enterpriseId: old.id, enterprise: r.name, town, industry: r.industry ?? old.industry, class: r.class, from: old.riskColor, to: r.riskColor,
        });
      }
    } else {
      fresh.push({ riskColor: DEFAULT_COLOR, aliases: [], registeredAt: now, ...given, name: r.name, class: r.class, gridId, townId, createdAt: now });
    }
  }

  const contactPlan = await planContacts(ctx, contacts, errors, budget);
  // Recorded (before the update reads the old colour) and told (after the contacts exist) in the same batch.
  const colour = await colorChangeWrites(ctx, colours);
  const statements = [
    ...colour.before,
    ...await perChunk(budget, changed, (part) => updateRowsAsJson(ctx.db, enterprises, enterprises.id, WRITTEN, part)),
    ...await perChunk(budget, fresh, (part) => insertRowsAsJson(ctx.db, enterprises, { ...WRITTEN, createdAt: enterprises.createdAt }, part)),
    // Enterprises the file moves to another grid take their hazards and patrols along.
    ...chunk(moved, 500).flatMap((ids) => followEnterprisePlace(ctx.db, ids)),
    ...contactPlan.statements,
    ...colour.after,
  ];
  return {
    errors: errors.list,
    plan: {
      created: fresh.length, updated: changed.length, statements,
      contacts: { created: contactPlan.created, updated: contactPlan.updated }, riskColorChanges: colours.length,
    },
  };
}

// A lookup is one synchronous query on a local database: ~25 grids (~600 enterprises) keeps it
// short (100 grids, ~2,500 rows with their conversion, took 10-15 ms; more under load).
const LOOKUP_CHUNK = 25;
// Codes are index seeks returning a row or none; 100 also keeps D1 under its 100 bound parameters.
const CODE_CHUNK = 100;

/**
 * Existing enterprises a file may mean: all of the named grids (name matches) plus, for codes not
 * among them, the enterprise holding the code elsewhere (a move between grids).
 */
async function loadExisting(ctx: Ctx, rows: { r: { creditCode?: string }; gridId: number }[], budget: TurnBudget) {
  const byCode = new Map<string, Existing>();
  const byGridName = new Map<string, Existing>();
  for (const part of chunk([...new Set(rows.map((p) => p.gridId))], LOOKUP_CHUNK)) {
    for (const e of await ctx.db.select(KEY_COLUMNS).from(enterprises).where(inArray(enterprises.gridId, part))) {
      byGridName.set(`${e.gridId}|${e.name}`, e);
      if (e.creditCode) byCode.set(e.creditCode, e);
    }
    await budget.yield();
  }
  const elsewhere = [...new Set(rows.flatMap((p) => (p.r.creditCode && !byCode.has(p.r.creditCode) ? [p.r.creditCode] : [])))];
  for (const part of chunk(elsewhere, CODE_CHUNK)) {
    for (const e of await ctx.db.select(KEY_COLUMNS).from(enterprises).where(inArray(enterprises.creditCode, part))) byCode.set(e.creditCode!, e);
    await budget.yield();
  }
  return { byCode, byGridName };
}
