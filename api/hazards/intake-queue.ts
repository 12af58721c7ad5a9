import type { Db } from '../../db/client.js';
import { nextTurn } from '../../lib/next-turn.js';
import type { Ctx } from '../core/context.js';
import type { Writer } from '../core/write.js';
import { groupWriter, type IntakeItem } from './intake-item.js';
import { reportGroup } from './report-group.js';
import type { ReportHazardInputT, ReportHazardResult } from './report.js';

// Bounds one multi-row insert well under SQLite's bound-parameter limit (~20 per hazard row).
const MAX_GROUP = 100;

type Queue = { pending: IntakeItem[]; scheduled: boolean; running: boolean };

// One queue per database and writer: reports only group with reports bound for the same commit.
const queues = new WeakMap<Db, WeakMap<Writer, Queue>>();

function queueFor(ctx: Ctx): Queue {
  const byWriter = queues.get(ctx.db) ?? queues.set(ctx.db, new WeakMap()).get(ctx.db)!;
  // A request with an Idempotency-Key has a writer of its own; its report still joins the others'
  // group, whose batch carries each report's claim (report-write.ts).
  const writer = groupWriter(ctx);
  return byWriter.get(writer) ?? byWriter.set(writer, { pending: [], scheduled: false, running: false }).get(writer)!;
}

/**
 * Queues a parsed report to be checked and written together with the reports submitted alongside
 * it (SPEC §9 intake: one read per kind of fact and one commit for the group instead of ~7
 * statements each). Groups run one at a time, so a group's checks always see every earlier group
 * committed: the duplicate guard and chat-source dedupe hold across concurrent reports, which
 * separate requests could not promise.
 */
export function enqueueReport(ctx: Ctx, input: ReportHazardInputT): Promise<ReportHazardResult> {
  const queue = queueFor(ctx);
  return new Promise((resolve, reject) => {
    queue.pending.push({ ctx, input, resolve, reject });
    schedule(queue);
  });
}

function schedule(queue: Queue) {
  if (queue.scheduled || queue.running) return;
  queue.scheduled = true;
  nextTurn(() => void flush(queue));
}

async function flush(queue: Queue) {
  queue.scheduled = false;
  queue.running = true;
  const group = takeGroup(queue);
  try {
    const deferred = await reportGroup(group);
    queue.pending = [...deferred, ...queue.pending];
  } catch (e) {
    // A failure outside any one report (the database went away): every report of the group hears
    // it. Settling an already settled promise is a no-op, so the ones answered before keep theirs.
    for (const item of group) item.reject(e);
  } finally {
    queue.running = false;
    if (queue.pending.length) schedule(queue);
  }
}

/**
 * The next group, in arrival order. A report that shares a chat source or a photo with one already
 * in the group waits for the next group: its source dedupe or photo claim must see the earlier one
 * committed, exactly as if they had come one after another. Once a report waits, every later report
 * sharing its source, a photo or its enterprise waits too, so none overtakes it. (Reports of one
 * enterprise may otherwise share a group; checkReports defers a likely duplicate of an earlier one.)
 */
function takeGroup(queue: Queue): IntakeItem[] {
  const group: IntakeItem[] = [];
  const rest: IntakeItem[] = [];
  const taken = new Set<string>();
  const behind = new Set<string>(); // the keys and enterprises of reports left for a later group
  for (const item of queue.pending) {
    const keys = keysOf(item);
    const ent = `e:${item.input.enterpriseId}`;
    if (group.length >= MAX_GROUP || keys.some((k) => taken.has(k) || behind.has(k)) || behind.has(ent)) {
      rest.push(item);
      for (const k of [...keys, ent]) behind.add(k);
      continue;
    }
    for (const k of keys) taken.add(k);
    group.push(item);
  }
  queue.pending = rest;
  return group;
}

function keysOf({ input }: IntakeItem): string[] {
  const keys: string[] = [];
  if (input.source) keys.push(`s:${input.source.platform}\n${input.source.messageId}`);
  for (const id of input.photoIds ?? []) keys.push(`p:${id}`);
  return keys;
}
