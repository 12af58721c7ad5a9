import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { departments, type EnterpriseClass, type RiskColor } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { loadPolicy } from '../patrols/policy.js';
import { colorChangeTitle, contactColorText, departmentColorText } from './risk-color-message.js';

/** A colour change an edit or an import is about to write (`from` = the colour it read). */
export type PlannedColorChange = {
  enterpriseId: number; enterprise: string; town: string; industry: string | null; class: EnterpriseClass;
  from: RiskColor; to: RiskColor;
};

/** The departments supervising each industry (departments.industries, exact words). */
export async function departmentsByIndustry(ctx: Pick<Ctx, 'db'>): Promise<Map<string, number[]>> {
  const rows = await ctx.db.select({ id: departments.id, industries: departments.industries }).from(departments);
  const out = new Map<string, number[]>();
  for (const d of rows) for (const i of d.industries ?? []) out.set(i.trim(), [...(out.get(i.trim()) ?? []), d.id]);
  return out;
}

/**
 * The statements that record colour changes and tell them, to go in the SAME batch as the update:
 * `before` (ahead of the update) records a change only where the stored colour is still the one read
 * and differs from the new one; `after` (behind every other write, so contacts created by the same
 * import are told too) queues one notice per change and recipient, keyed `risk-color:<change>:<person>`.
 * A re-run, a retry or a concurrent identical edit therefore records and tells nothing more.
 * Recipients: the enterprise's active safety contacts and the active people of the departments whose
 * industries include the enterprise's industry. Routine messages: they wait out quiet hours, never expire.
 */
export async function colorChangeWrites(
  ctx: Ctx,
  changes: PlannedColorChange[],
  byIndustry?: Map<string, number[]>,
): Promise<{ before: BatchItem<'sqlite'>[]; after: BatchItem<'sqlite'>[] }> {
  const real = changes.filter((c) => c.from !== c.to);
  if (!real.length) return { before: [], after: [] };
  const [policy, depts] = await Promise.all([loadPolicy(ctx.db), byIndustry ?? departmentsByIndustry(ctx)]);
  const now = ctx.clock().getTime();
  const before: BatchItem<'sqlite'>[] = [];
  const after: BatchItem<'sqlite'>[] = [];
  // A few hundred changes per statement: each row carries two short texts.
  for (let i = 0; i < real.length; i += 300) {
    const part = real.slice(i, i + 300);
    const changed = JSON.stringify(part.map((c) => [c.enterpriseId, c.from, c.to]));
    before.push(ctx.db.run(sql`insert into risk_color_changes (enterprise_id, from_color, to_color, channel, actor_id, changed_at)
      select e.id, e.risk_color, j.value ->> 2, ${ctx.channel}, ${ctx.actor.personId}, ${sql.raw(String(now))}
      from json_each(${changed}) j join enterprises e on e.id = j.value ->> 0
      where e.risk_color = j.value ->> 1 and e.risk_color <> j.value ->> 2`));
    const notices = JSON.stringify(part.map((c) => [
      c.enterpriseId, c.to, colorChangeTitle(c), contactColorText(policy, c), departmentColorText(policy, c),
      JSON.stringify(c.industry ? depts.get(c.industry.trim()) ?? [] : []),
    ]));
    after.push(ctx.db.run(sql`insert into notifications
        (dedupe_key, person_id, kind, urgent, title, text, status, attempts, not_before, expires_at, created_at)
      select 'risk-color:' || c.id || ':' || p.id, p.id, 'risk_color_change', 0, j.value ->> 2,
             case when p.role = 'enterprise' then j.value ->> 3 else j.value ->> 4 end,
             'pending', 0, ${sql.raw(String(now))}, null, ${sql.raw(String(now))}
      from json_each(${notices}) j
      join risk_color_changes c on c.id = (select max(id) from risk_color_changes where enterprise_id = j.value ->> 0)
        and c.changed_at = ${sql.raw(String(now))} and c.to_color = j.value ->> 1
      join people p on p.active = 1 and (
        (p.role = 'enterprise' and p.enterprise_id = c.enterprise_id)
        or (p.role = 'department' and p.department_id in (select value from json_each(j.value ->> 5))))
      where true
      on conflict (dedupe_key) do nothing`));
  }
  return { before, after };
}
