import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people } from '../../db/schema/index.js';
import type { Actor } from '../core/context.js';
import { IMPORT_MSG } from './messages.js';
import type { RowErrors } from './row-errors.js';

type Worker = { id: number; name: string; phone: string | null; townId: number | null };
export type WorkerDirectory = { byPhone: Map<string, Worker>; byName: Map<string, Worker[]> };

/** Active workers, for naming a grid's responsible worker by name or phone. */
export async function loadWorkers(db: Db): Promise<WorkerDirectory> {
  const rows = await db
    .select({ id: people.id, name: people.name, phone: people.phone, townId: people.townId })
    .from(people)
    .where(and(eq(people.role, 'worker'), eq(people.active, true)));
  const byPhone = new Map<string, Worker>();
  const byName = new Map<string, Worker[]>();
  for (const w of rows) {
    if (w.phone) byPhone.set(w.phone, w);
    byName.set(w.name, [...(byName.get(w.name) ?? []), w]);
  }
  return { byPhone, byName };
}

/**
 * The worker a row names: by phone when given, else by name (namesakes in other towns are set
 * aside; namesakes left over need the phone). Records the row error and returns null otherwise.
 */
export function resolveWorker(
  actor: Actor,
  dir: WorkerDirectory,
  ref: { name?: string; phone?: string },
  townId: number,
  line: number,
  errors: RowErrors,
): number | null {
  const field = ref.phone ? 'workerPhone' : 'worker';
  let w: Worker | undefined;
  if (ref.phone) w = dir.byPhone.get(ref.phone);
  else if (ref.name) {
    const all = dir.byName.get(ref.name) ?? [];
    const local = all.length > 1 ? all.filter((x) => x.townId === townId || x.townId === null) : all;
    if (local.length > 1) {
      errors.add(line, 'worker', IMPORT_MSG.workerAmbiguous(ref.name));
      return null;
    }
    w = local[0];
  }
  if (!w) {
    errors.add(line, field, IMPORT_MSG.workerNotFound(ref.phone ?? ref.name ?? ''));
    return null;
  }
  if (actor.role === 'town_admin' && w.townId !== null && w.townId !== townId) {
    errors.add(line, field, IMPORT_MSG.workerOtherTown);
    return null;
  }
  return w.id;
}
