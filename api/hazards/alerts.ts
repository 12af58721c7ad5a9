import type { Ctx } from '../core/context.js';
import type { UrgentAlert } from '../core/notifier.js';
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
