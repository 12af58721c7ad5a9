import { z } from 'zod';

// Parsed once where the environment enters (Node: process.env; Worker: bindings). Handlers never read env.
const optional = z.string().trim().min(1).optional();
const secret = z.string().trim().min(1).optional();

export const ConfigSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).default('file:./data/gridsafe.db')
    .refine((u) => /^(file:|libsql:|https?:|wss?:)/.test(u), '必须以 file:、libsql:、http(s): 或 ws(s): 开头'),
  DATABASE_AUTH_TOKEN: secret,
  /** Bound on every call to a remote database (libsql server, D1); local files are not bounded. */
  DATABASE_TIMEOUT_MS: z.coerce.number({ error: '必须是毫秒数' }).int('必须是整数毫秒').min(100, '至少 100 毫秒').max(600_000, '至多 600000 毫秒').default(10_000),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DISTRICT_NAME: z.string().trim().min(1).default('示范区'),
  BOOTSTRAP_ADMIN_TOKEN: z.string().trim().min(24, '至少 24 个字符').optional(),
  // Binding-code HMAC secret, the same for every process on the database; when unset, one is
  // generated on first start and kept in the database (server_settings).
  GRIDSAFE_SECRET: z.string().trim().min(32, '至少 32 个字符').optional(),
  API_URL: z.url().optional(),
  // Where people open the pages (links in chat replies), e.g. https://anquan.example.gov.cn
  PUBLIC_URL: z.url().optional(),
  DINGTALK_CLIENT_ID: optional,
  DINGTALK_CLIENT_SECRET: secret,
  DINGTALK_ROBOT_CODE: optional,
  DINGTALK_API_BASE: z.url().default('https://api.dingtalk.com'),
  WECOM_BOT_ID: optional,
  WECOM_BOT_SECRET: secret,
  WECOM_WS_URL: z.string().trim().default('wss://openws.work.weixin.qq.com')
    .refine((u) => /^wss?:\/\//.test(u), '必须以 ws:// 或 wss:// 开头'),
  // The bot's display name, as typed after @ in a group (WeCom sends no list of mentions).
  WECOM_BOT_NAME: optional,
  // H5 微应用免登 (web/auth): the legacy OpenAPI host for topapi/v2/user/getuserinfo, and the corpId for the JSAPI.
  DINGTALK_OAPI_BASE: z.url().default('https://oapi.dingtalk.com'),
  DINGTALK_CORP_ID: optional,
  WECHATY_PUPPET: optional,
  WECHATY_PUPPET_SERVICE_TOKEN: secret,
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  /** Least level written to the log (debug shows the SDKs' own lines too). */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment, failing fast with a message that names each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ConfigSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`配置错误 (configuration error):\n${lines.join('\n')}`);
}

/** Config with secrets masked, for the start-up banner. */
export function describeConfig(c: Config): Record<string, string> {
  return {
    DATABASE_URL: c.DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@'),
    PORT: String(c.PORT),
    DATA_DIR: c.DATA_DIR,
    DINGTALK: c.DINGTALK_CLIENT_ID && c.DINGTALK_CLIENT_SECRET ? `已配置 (clientId ${c.DINGTALK_CLIENT_ID})` : '未配置',
    WECOM: c.WECOM_BOT_ID && c.WECOM_BOT_SECRET ? `已配置 (botId ${c.WECOM_BOT_ID})` : '未配置',
    WECHAT: c.WECHATY_PUPPET ? `已配置 (${c.WECHATY_PUPPET})` : '未配置',
  };
}
