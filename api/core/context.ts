import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Role } from '../../db/schema/index.js';
import type { Notifier } from './notifier.js';
import type { FileStore } from './file-store.js';
import type { Writer } from './write.js';
import type { IdempotencyClaim } from './idempotency.js';
import type { ImportRunner } from '../imports/import-types.js';

/** Who is acting, resolved once per request or chat message. */
export type Actor = {
  personId: number;
  name: string;
  role: Role;
  /** town_admin: the town; others: null. */
  townId: number | null;
  /** worker: the grids they hold (一格一员); others: []. */
  gridIds: number[];
  /** department role: the department. */
  departmentId: number | null;
  /** enterprise role: the enterprise they are the safety contact of; absent/null for every other role. */
  enterpriseId?: number | null;
};

/** Where an action came from: recorded on every event. */
export type Channel = 'api' | 'dingtalk' | 'wechat' | 'wecom' | 'terminal' | 'job' | 'import' | 'web';

export type Deps = {
  db: Db;
  /** All writes: one atomic batch per verb (see write.ts). */
  writer: Writer;
  clock: Clock;
  notifier: Notifier;
  files: FileStore;
  /** GRIDSAFE_SECRET when configured; else the secret kept in the database (api/people/binding-secret.ts). */
  secret?: string;
  /** Where people open the pages (PUBLIC_URL): chat replies link there. */
  publicUrl?: string;
  /** Where imports run off the event loop (a local database file: a worker thread); absent, in process. */
  importRunner?: ImportRunner;
};

/** What every verb receives: dependencies, the actor and the channel. */
export type Ctx = Deps & {
  actor: Actor;
  channel: Channel;
  /** The request's Idempotency-Key: its claim is committed in the same batch as the work. */
  idempotency?: IdempotencyClaim;
};
