import type { Ctx } from '../core/context.js';
import type { Writer } from '../core/write.js';
import type { ReportHazardInputT, ReportHazardResult } from './report.js';

/** One report waiting in the intake queue: its caller's context, its parsed input and its promise. */
export type IntakeItem = {
  ctx: Ctx;
  input: ReportHazardInputT;
  resolve: (result: ReportHazardResult) => void;
  reject: (error: unknown) => void;
};

/** The writer a group of reports commits through: the one under any request's claiming writer. */
export const groupWriter = (ctx: Ctx): Writer => ctx.idempotency?.base ?? ctx.writer;
