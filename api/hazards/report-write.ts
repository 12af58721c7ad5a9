import type { BatchItem } from 'drizzle-orm/batch';
import { packRows, SqlText } from '../../db/sql-text.js';
import { shanghaiDayKey } from '../../lib/time.js';
import { claimStatement, resourceSql } from '../core/idempotency.js';
import { groupWriter } from './intake-item.js';
import { claimPhotosForReport } from './photos.js';
import type { Admitted } from './report-checks.js';
import type { HazardRow } from './view.js';

const HAZARD_COLUMNS = `code, enterprise_id, grid_id, town_id, reporter_id, patrol_id, source_platform, source_message_id,
  description, check_item_id, level, status, deadline_at, responsible, lat, lng, reported_at, updated_at`;
const EVENT_COLUMNS = 'hazard_id, action, from_status, to_status, actor_id, at, note, channel, data';
// The VALUES rows below carry an offset first, then one value per column of the list but its first.
const valueColumns = (columns: string) => columns.split(',').slice(1).map((_, j) => `v.column${j + 2}`).join(', ');

/**
 * Writes a group of admitted reports in ONE batch: per Shanghai day, one counter upsert that takes
 * n sequence numbers, one multi-row hazard insert, one multi-row event insert, and a photo claim per
 * report that has photos. The k-th report of a day gets the k-th of the n numbers, computed in SQL
 * from the counter after the upsert, so codes stay unique across processes without an interactive
 * transaction (D1 has none); the event finds its hazard by that unique code. Returns each report's
 * hazard row, in the order given.
 *
 * The statements are written with SqlText, not drizzle's insert builder: this is the intake hot
 * path (SPEC §9), and building the two inserts cost more CPU than SQLite spent running them. The
 * column lists above must name every column the schema requires (db/schema/hazards.ts).
 */
export async function writeReports(admitted: Admitted[]): Promise<HazardRow[]> {
  const { ctx } = admitted[0].item;
  const byDay = new Map<string, number[]>();
  admitted.forEach((a, i) => {
    const day = shanghaiDayKey(a.now);
    byDay.set(day, [...(byDay.get(day) ?? []), i]);
  });

  const statements: BatchItem<'sqlite'>[] = [];
  // Where each hazard insert's RETURNING rows land, and the day's reports they belong to.
  const returning: { at: number; day: number[] }[] = [];
  for (const [day, indexes] of byDay) {
    if (!/^\d{8}$/.test(day)) throw new TypeError(`not a yyyymmdd day: ${day}`);
    const n = indexes.length;
    statements.push(ctx.db.run(new SqlText().raw('insert into hazard_code_counters (day, seq) values (').word(day).raw(', ').int(n)
      .raw(') on conflict (day) do update set seq = seq + ').int(n).toSQL()));

    // Each row carries its offset from the counter's new value (n - 1 - k for the k-th report), and
    // one join to the counter computes every row's code: a subquery per row made preparing the two
    // inserts cost more than running them. Rows are packed under D1's 100 bound parameters per
    // statement; the counter does not move in between, so every statement computes from one value.
    const code = `'YH${day}-' || printf('%04d', c.seq - v.column1)`;
    const counter = `join hazard_code_counters c on c.day = '${day}'`;
    const hazardRows = indexes.map((i, k) => writeHazard(new SqlText().raw('(').int(n - 1 - k), admitted[i]).raw(')'));
    for (const insert of packRows(`insert into hazards (${HAZARD_COLUMNS}) select ${code}, ${valueColumns(HAZARD_COLUMNS)} from (values `, hazardRows,
      `) v ${counter} returning id, code`)) {
      returning.push({ at: statements.length, day: indexes });
      statements.push(ctx.db.all<{ id: number; code: string }>(insert.toSQL()));
    }
    const eventRows = indexes.map((i, k) => writeEvent(new SqlText().raw('(').int(n - 1 - k), admitted[i]).raw(')'));
    for (const insert of packRows(`insert into hazard_events (${EVENT_COLUMNS}) select h.id, ${valueColumns(EVENT_COLUMNS)} from (values `, eventRows,
      `) v ${counter} join hazards h on h.code = ${code}`)) {
      statements.push(ctx.db.run(insert.toSQL()));
    }

    indexes.forEach((i, k) => {
      const a = admitted[i];
      const hazardId = new SqlText().raw(`(select id from hazards where code = 'YH${day}-' || printf('%04d', (select seq from hazard_code_counters where day = '${day}') - `)
        .int(n - 1 - k).raw('))');
      if (a.photoIds.length) statements.push(claimPhotosForReport(a.item.ctx, a.photoIds, hazardId.toSQL()));
      // The request's Idempotency-Key commits with its hazard, naming it: a retry after a crash
      // finds either both or neither. A key claimed meanwhile fails the batch (tried alone then).
      const claim = a.item.ctx.idempotency;
      if (claim && !claim.committed) statements.push(claimStatement(ctx.db, claim, resourceSql('hazard', hazardId.toSQL())));
    });
  }

  const results = (await groupWriter(ctx).batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])) as unknown[];
  for (const a of admitted) if (a.item.ctx.idempotency) a.item.ctx.idempotency.committed = true;
  const rows: HazardRow[] = new Array(admitted.length);
  const byDayReturned = new Map<number[], { id: number; code: string }[]>();
  for (const { at, day } of returning) byDayReturned.set(day, [...(byDayReturned.get(day) ?? []), ...(results[at] as { id: number; code: string }[])]);
  for (const [indexes, returned] of byDayReturned) {
    // RETURNING order is unspecified in SQLite; within a day the sequence numbers follow k.
    returned.sort((x, y) => sequenceOf(x.code) - sequenceOf(y.code));
    // Only id and code were unknown before the insert: the rest of the row is what was written.
    indexes.forEach((i, k) => (rows[i] = { ...rowOf(admitted[i]), id: returned[k].id, code: returned[k].code }));
  }
  return rows;
}

// Numerically: past 9999 a day's codes grow a digit, so YH…-10000 sorts before YH…-9999 as text.
const sequenceOf = (code: string) => Number(code.slice(code.lastIndexOf('-') + 1));

/** The hazard row as written (HAZARD_COLUMNS after code), also what the caller gets back. */
function rowOf(a: Admitted): Omit<HazardRow, 'id' | 'code'> {
  const { input, ctx } = a.item;
  return {
    enterpriseId: a.ent.id, gridId: a.ent.gridId, townId: a.ent.townId, reporterId: ctx.actor.personId,
    patrolId: input.patrolId ?? null, sourcePlatform: input.source?.platform ?? null, sourceMessageId: input.source?.messageId ?? null,
    description: input.description, checkItemId: a.check?.id ?? null, level: a.level, status: a.status,
    deadlineAt: a.suggestedOnly ? null : a.deadlineAt ?? null, responsible: input.responsible ?? null,
    lat: input.lat ?? null, lng: input.lng ?? null, reportedAt: a.now, updatedAt: a.now,
    closedAt: null, duplicateOfId: null,
  };
}

function writeHazard(q: SqlText, a: Admitted): SqlText {
  const r = rowOf(a);
  return q.raw(', ').int(r.enterpriseId).raw(', ').int(r.gridId).raw(', ').int(r.townId).raw(', ').int(r.reporterId)
    .raw(', ').int(r.patrolId).raw(', ').param(r.sourcePlatform).raw(', ').param(r.sourceMessageId)
    .raw(', ').param(r.description).raw(', ').int(r.checkItemId).raw(', ').word(r.level).raw(', ').word(r.status)
    .raw(', ').int(r.deadlineAt?.getTime()).raw(', ').param(r.responsible).raw(', ').param(r.lat).raw(', ').param(r.lng)
    .raw(', ').int(r.reportedAt.getTime()).raw(', ').int(r.updatedAt.getTime());
}

/** The report event (EVENT_COLUMNS after hazard_id); `data` is JSON text, as drizzle's json mode writes it. */
function writeEvent(q: SqlText, a: Admitted): SqlText {
  const { input, ctx } = a.item;
  const deadline = a.deadlineAt?.toISOString() ?? null;
  const data = {
    level: a.level, checkItemId: a.check?.id ?? null, photoIds: a.photoIds, patrolId: input.patrolId ?? null, source: input.source ?? null,
    deadline: a.suggestedOnly ? null : deadline,
    ...(a.suggestedOnly ? { suggestedDeadline: deadline } : {}),
    ...(input.force ? { forced: true } : {}),
  };
  return q.raw(`, 'report', null, `).word(a.status).raw(', ').int(ctx.actor.personId).raw(', ').int(a.now.getTime())
    .raw(', null, ').word(ctx.channel).raw(', ').param(JSON.stringify(data));
}
