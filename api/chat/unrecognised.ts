import { z } from '@hono/zod-openapi';
import { count, desc, eq, sql } from 'drizzle-orm';
import { unrecognisedMessages } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { requireRole } from '../core/scope.js';
import { PageQuery } from '../core/schemas.js';

// Learning from use: what the bot could not understand, kept as text per district so the office
// sees what workers really type. No sender is kept: the point is the phrasing, not the person.

const MAX_TEXT = 500;

export const NoteUnrecognisedInput = z.object({ text: z.string().trim().min(1).max(4000) }).strict().openapi('NoteUnrecognisedInput');
export type NoteUnrecognisedInputT = z.infer<typeof NoteUnrecognisedInput>;

/** Any bound person's message the bot did not understand (called by the bot, on the sender's behalf). */
export async function noteUnrecognised(ctx: Ctx, raw: NoteUnrecognisedInputT): Promise<{ kept: true }> {
  const parsed = NoteUnrecognisedInput.safeParse(raw);
  if (!parsed.success) throw validationFailed('消息内容不能为空', parsed.error.issues);
  // Control characters are dropped; a huge paste is kept only as far as anyone would read it.
  const text = [...parsed.data.text.replace(/[\u0000-\u001f\u007f]/g, ' ')].slice(0, MAX_TEXT).join('');
  // The sender's district: through their town, else the one district of this database.
  const district = sql`coalesce((select t.district_id from people p join towns t on t.id = p.town_id where p.id = ${ctx.actor.personId}), (select min(id) from districts))`;
  await ctx.writer.batch([ctx.db.insert(unrecognisedMessages).values({ districtId: district, platform: ctx.channel, text, receivedAt: ctx.clock() })]);
  return { kept: true };
}

export const ListUnrecognisedQuery = PageQuery.strict();
export type ListUnrecognisedQueryT = z.input<typeof ListUnrecognisedQuery>;

export const UnrecognisedSchema = z.object({ id: z.number().int(), platform: z.string(), text: z.string(), receivedAt: z.string() }).openapi('UnrecognisedMessage');

/** The district admin's list, newest first. Town admins and workers see none of it. */
export async function listUnrecognised(ctx: Ctx, query: ListUnrecognisedQueryT) {
  requireRole(ctx.actor, 'district_admin');
  const parsed = ListUnrecognisedQuery.safeParse(query);
  if (!parsed.success) throw validationFailed('查询条件不正确', parsed.error.issues);
  const { limit, offset } = parsed.data;
  const mine = eq(unrecognisedMessages.districtId, sql`(select min(id) from districts)`);
  const [{ total }] = await ctx.db.select({ total: count() }).from(unrecognisedMessages).where(mine);
  const rows = await ctx.db.select().from(unrecognisedMessages).where(mine)
    .orderBy(desc(unrecognisedMessages.receivedAt), desc(unrecognisedMessages.id)).limit(limit).offset(offset);
  return { items: rows.map((r) => ({ id: r.id, platform: r.platform, text: r.text, receivedAt: r.receivedAt.toISOString() })), total, limit, offset };
}
