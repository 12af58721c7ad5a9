import type { Actor, Channel } from '../../core/context.js';
import type { ErrorCode } from '../../core/errors.js';
import type { ImportJob, ImportResult } from '../import-types.js';

/** What the import thread starts with (workerData): plain data only, it is cloned into the thread. */
export type ImportThreadData = {
  url: string;
  job: ImportJob;
  actor: Actor;
  channel: Channel;
  /** The request's time (ms): the thread's clock stands still at it, as a request's does. */
  now: number;
  /** The request's Idempotency-Key claim, whose row must commit in the import's own batch. */
  claim?: { personId: number; key: string; method: string; path: string; requestHash: string; at: number; committed: boolean };
};

export type ThreadError = { domain?: { code: ErrorCode; message: string; details?: unknown; retryable: boolean }; message: string; code?: string };

/** Thread → main. `hold`: let me write now (the main writer stops committing until `release`). */
export type FromThread =
  | { type: 'started' }
  | { type: 'hold'; id: number }
  | { type: 'release'; id: number }
  | { type: 'done'; ok: true; result: ImportResult; claimCommitted: boolean }
  | { type: 'done'; ok: false; error: ThreadError; claimCommitted: boolean };

/** Main → thread: the hold asked for is granted. */
export type ToThread = { type: 'held'; id: number };
