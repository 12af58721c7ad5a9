import type { Ctx } from '../core/context.js';
import type { EnterpriseNotice, UrgentAlert } from '../core/notifier.js';
import { errorFields, logger } from '../../lib/log.js';

/**
 * Urgent alerts go out after the write committed. The record is what matters: a notifier failure
 * is logged and never turns an accepted report into an error (the reporter would resend it).
 */
export async function alertSafely(ctx: Ctx, alert: UrgentAlert): Promise<void> {
  try {
    await ctx.notifier.urgent(alert);
  } catch (e) {
    logger('hazards').error(`紧急提醒 ${alert.kind}（隐患 ${alert.hazardId}）发送失败`, errorFields(e));
  }
}

/** A notice to the enterprise's safety contacts (jobs/enterprise-notices.ts), never failing the verb. */
export async function noticeSafely(ctx: Ctx, notice: Omit<EnterpriseNotice, 'publicUrl'>): Promise<void> {
  try {
    await ctx.notifier.notice?.({ ...notice, publicUrl: ctx.publicUrl });
  } catch (e) {
    logger('hazards').error(`企业通知 ${notice.kind}（隐患 ${notice.hazardId}）入队失败`, errorFields(e));
  }
}
