import { z } from '@hono/zod-openapi';
import { eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  departments, enterprises, hazardDepartments, hazards, HAZARD_LEVELS, HAZARD_STATUSES, OPEN_STATUSES,
} from '../../db/schema/index.js';
import type { HazardStatus } from '../../db/schema/index.js';
import { daysBetween } from '../../lib/time.js';
import { deadlineDay } from './deadline.js';

export const HazardViewSchema = z
  .object({
    id: z.number().int(),
    code: z.string().openapi({ example: 'YH20261122-0007' }),
    enterprise: z.object({ id: z.number().int(), name: z.string() }),
    gridId: z.number().int(),
    townId: z.number().int(),
    description: z.string(),
    level: z.enum(HAZARD_LEVELS),
    status: z.enum(HAZARD_STATUSES),
    checkItemId: z.number().int().nullable(),
    deadline: z.string().nullable().openapi({ description: '截止时刻（UTC ISO）' }),
    deadlineDay: z.string().nullable().openapi({ description: '截止日（北京时间 YYYY-MM-DD）' }),
    overdue: z.boolean(),
    overdueDays: z.number().int(),
    responsible: z.string().nullable(),
    reporterId: z.number().int(),
    reportedAt: z.string(),
    closedAt: z.string().nullable(),
    duplicateOfId: z.number().int().nullable(),
    departments: z.array(z.object({ id: z.number().int(), name: z.string(), acknowledgedAt: z.string().nullable() })),
  })
  .openapi('Hazard');
export type HazardView = z.infer<typeof HazardViewSchema>;

export type HazardRow = typeof hazards.$inferSelect;
type DepartmentView = HazardView['departments'][number];

/** Hazard columns plus the enterprise name: what every read selects. */
export const hazardWithEnterprise = { ...getTableColumns(hazards), enterpriseName: enterprises.name };
export type HazardWithEnterprise = HazardRow & { enterpriseName: string };

export const isOpen = (status: HazardStatus) => OPEN_STATUSES.includes(status);

/** Overdue is derived, never stored: open and the deadline instant already passed. */
export function isOverdue(h: Pick<HazardRow, 'status' | 'deadlineAt'>, now: Date): boolean {
  return isOpen(h.status) && h.deadlineAt != null && h.deadlineAt.getTime() < now.getTime();
}

export function toHazardView(h: HazardWithEnterprise, depts: DepartmentView[], now: Date): HazardView {
  const overdue = isOverdue(h, now);
  return {
    id: h.id,
    code: h.code,
    enterprise: { id: h.enterpriseId, name: h.enterpriseName },
    gridId: h.gridId,
    townId: h.townId,
    description: h.description,
    level: h.level,
    status: h.status,
    checkItemId: h.checkItemId,
    deadline: h.deadlineAt ? h.deadlineAt.toISOString() : null,
    deadlineDay: h.deadlineAt ? deadlineDay(h.deadlineAt) : null,
    overdue,
    // Counted in Shanghai calendar days from the deadline day: the day after it is 1 day overdue.
    overdueDays: overdue && h.deadlineAt ? Math.max(1, daysBetween(h.deadlineAt.getTime() - 1, now)) : 0,
    responsible: h.responsible,
    reporterId: h.reporterId,
    reportedAt: h.reportedAt.toISOString(),
    closedAt: h.closedAt ? h.closedAt.toISOString() : null,
    duplicateOfId: h.duplicateOfId,
    departments: depts,
  };
}

/** Views for a page of hazards: one extra query for the departments of all of them. */
export async function toHazardViews(db: Db, rows: HazardWithEnterprise[], now: Date): Promise<HazardView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await db
    .select({
      hazardId: hazardDepartments.hazardId,
      id: departments.id,
      name: departments.name,
      acknowledgedAt: hazardDepartments.acknowledgedAt,
    })
    .from(hazardDepartments)
    .innerJoin(departments, eq(departments.id, hazardDepartments.departmentId))
    .where(inArray(hazardDepartments.hazardId, ids))
    .orderBy(hazardDepartments.whistledAt);
  const byHazard = new Map<number, DepartmentView[]>();
  for (const l of links) {
    const list = byHazard.get(l.hazardId) ?? [];
    list.push({ id: l.id, name: l.name, acknowledgedAt: l.acknowledgedAt ? l.acknowledgedAt.toISOString() : null });
    byHazard.set(l.hazardId, list);
  }
  return rows.map((r) => toHazardView(r, byHazard.get(r.id) ?? [], now));
}
