import { z } from '@hono/zod-openapi';
import { ENTERPRISE_CLASSES, RISK_COLORS, type enterprises } from '../../db/schema/index.js';
import { parseIsoDay, shanghaiIsoDay } from '../../lib/time.js';
import { dueDay, isPatrolOverdue, type PatrolPolicy } from '../patrols/policy.js';
import { creditCodeProblem, normalizeCreditCode } from './credit-code.js';
import { ENTERPRISE_MSG } from './messages.js';

// Field rules shared by create, update and (through the same helpers) the bulk import.
export const CreditCode = z
  .string()
  .transform(normalizeCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem === 'format' ? ENTERPRISE_MSG.creditCodeFormat : ENTERPRISE_MSG.creditCodeCheck });
  });
export const IsoDay = z.string().refine((s) => parseIsoDay(s) !== null, ENTERPRISE_MSG.badDay);
export const ContactPhone = z.string().trim().regex(/^[\d\-+() ]{5,30}$/, ENTERPRISE_MSG.contactPhone);
export const ClassSchema = z.enum(ENTERPRISE_CLASSES);
export const RiskColorSchema = z.enum(RISK_COLORS);

export const EnterpriseFields = {
  name: z.string().trim().min(1, '企业名称不能为空').max(100),
  shortName: z.string().trim().min(1).max(30).nullish(),
  aliases: z.array(z.string().trim().min(1).max(50)).max(20),
  creditCode: CreditCode.nullish(),
  address: z.string().trim().max(200).nullish(),
  gridId: z.number().int().positive(),
  class: ClassSchema,
  industry: z.string().trim().max(50).nullish(),
  riskColor: RiskColorSchema,
  contactName: z.string().trim().max(30).nullish(),
  contactPhone: ContactPhone.nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  /** Registration day (YYYY-MM-DD, Shanghai): a never-patrolled enterprise is due from it. */
  registeredOn: IsoDay.optional(),
};

export const Enterprise = z
  .object({
    id: z.number().int(),
    name: z.string(),
    shortName: z.string().nullable(),
    aliases: z.array(z.string()),
    creditCode: z.string().nullable(),
    address: z.string().nullable(),
    townId: z.number().int(),
    gridId: z.number().int(),
    class: ClassSchema,
    industry: z.string().nullable(),
    riskColor: RiskColorSchema,
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    registeredAt: z.string().openapi({ description: '登记时间（UTC ISO）' }),
    lastPatrolAt: z.string().nullable().openapi({ description: '最近巡查时间（UTC ISO）' }),
    nextDueDay: z.string().openapi({ description: '下次应巡查日（上海时间 YYYY-MM-DD）', example: '2026-12-01' }),
    overdue: z.boolean().openapi({ description: '巡查是否已逾期' }),
    openHazards: z.number().int().openapi({ description: '未闭环隐患数' }),
  })
  .openapi('Enterprise');
export type EnterpriseView = z.infer<typeof Enterprise>;

/** Row → API view with the derived patrol due day and overdue flag (never stored). */
export function toEnterpriseView(
  r: typeof enterprises.$inferSelect,
  policy: PatrolPolicy,
  now: Date,
  openHazards: number,
): EnterpriseView {
  const due = dueDay(policy, r);
  return {
    id: r.id,
    name: r.name,
    shortName: r.shortName,
    aliases: r.aliases,
    creditCode: r.creditCode,
    address: r.address,
    townId: r.townId,
    gridId: r.gridId,
    class: r.class,
    industry: r.industry,
    riskColor: r.riskColor,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    lat: r.lat,
    lng: r.lng,
    registeredAt: r.registeredAt.toISOString(),
    lastPatrolAt: r.lastPatrolAt ? r.lastPatrolAt.toISOString() : null,
    nextDueDay: shanghaiIsoDay(due),
    overdue: isPatrolOverdue(due, now),
    openHazards,
  };
}
