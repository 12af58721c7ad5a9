import type { Db } from '../db/client.js';
import type { JobsConfig } from './config.js';
import type { ChartPicture } from '../bot/port.js';

/** One message a job decided to send, as written to the outbox. */
export type PlannedNotification = {
  /** Unique forever: `digest:worker:42:2026-11-23`. A second enqueue of the same key is a no-op. */
  dedupeKey: string;
  personId: number;
  kind: string;
  urgent: boolean;
  title: string;
  /** Platform-neutral text; rendered per platform at send time (messages.ts renderFor). */
  text: string;
  /** Routine messages not sent by then are dropped (stale reminders are not sent late). */
  expiresAt: Date | null;
  /** A chart sent as a picture after the text (the weekly summary), where the platform shows pictures. */
  image?: ChartPicture;
};

/** Where jobs put what they decided: the outbox table, or a list for dry runs. */
export interface OutboxSink {
  /** Inserts the rows that are not there yet; returns how many were new. */
  enqueue(rows: PlannedNotification[], now: Date): Promise<number>;
}

export type JobDeps = {
  db: Db;
  now: Date;
  config: JobsConfig;
  /** Defaults to the database outbox. */
  outbox?: OutboxSink;
};

export type JobResult = { planned: PlannedNotification[]; enqueued: number };
export type Job = (deps: JobDeps) => Promise<JobResult>;
