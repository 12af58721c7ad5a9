import type { Config } from '../../lib/config.js';
import type { WebOptions } from '../env.js';

/** DingTalk 免登 for the pages is on when the robot's app credentials are configured. */
export function dingTalkWeb(config: Config): WebOptions['dingtalk'] {
  if (!config.DINGTALK_CLIENT_ID || !config.DINGTALK_CLIENT_SECRET) return undefined;
  return {
    clientId: config.DINGTALK_CLIENT_ID, clientSecret: config.DINGTALK_CLIENT_SECRET,
    apiBase: config.DINGTALK_API_BASE, oapiBase: config.DINGTALK_OAPI_BASE, corpId: config.DINGTALK_CORP_ID,
  };
}
