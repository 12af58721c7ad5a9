import type { Config } from '../lib/config.js';
import type { ChatAdapter } from '../bot/port.js';
import type { Senders } from '../jobs/outbox/senders.js';
import { createDingTalkAdapter, type DingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { createWechatAdapter } from '../bot/adapters/wechat/adapter.js';
import { createWecomAdapter } from '../bot/adapters/wecom/index.js';

/** The chat platforms this configuration turns on (none with an empty environment). */
export function configuredAdapters(config: Config): { adapters: ChatAdapter[]; senders: Senders } {
  const adapters: ChatAdapter[] = [];
  const senders: Senders = {};
  if (config.DINGTALK_CLIENT_ID && config.DINGTALK_CLIENT_SECRET) {
    const dingtalk: DingTalkAdapter = createDingTalkAdapter({
      clientId: config.DINGTALK_CLIENT_ID,
      clientSecret: config.DINGTALK_CLIENT_SECRET,
      robotCode: config.DINGTALK_ROBOT_CODE,
      apiBase: config.DINGTALK_API_BASE,
    });
    adapters.push(dingtalk);
    senders.dingtalk = dingtalk;
  }
  if (config.WECHATY_PUPPET) {
    const wechat = createWechatAdapter({ puppet: config.WECHATY_PUPPET as never, puppetToken: config.WECHATY_PUPPET_SERVICE_TOKEN });
    adapters.push(wechat);
    senders.wechat = wechat;
  }
  if (config.WECOM_BOT_ID && config.WECOM_BOT_SECRET) {
    const wecom = createWecomAdapter({
      botId: config.WECOM_BOT_ID,
      secret: config.WECOM_BOT_SECRET,
      wsUrl: config.WECOM_WS_URL,
      botName: config.WECOM_BOT_NAME,
    });
    adapters.push(wecom);
    senders.wecom = wecom;
  }
  return { adapters, senders };
}
