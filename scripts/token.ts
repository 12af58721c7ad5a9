// Operator CLI: mint an API token or a chat binding code for a person, straight on the database.
//   tsx scripts/token.ts --person <id|姓名|手机号> [--binding] [--bot] [--days <n>] [--label <text>]
import { parseArgs } from 'node:util';
import { eq, or } from 'drizzle-orm';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { people } from '../db/schema/index.js';
import { ConfigError, parseConfig } from '../lib/config.js';
import { systemClock } from '../lib/clock.js';
import { dbWriter } from '../api/core/write.js';
import { nullNotifier } from '../api/core/notifier.js';
import { diskFileStore } from '../api/core/file-store.js';
import type { Deps } from '../api/core/context.js';
import type { Db } from '../db/client.js';
import { createApiToken, MAX_TOKEN_TTL_DAYS, TOKEN_TTL_DAYS } from '../api/people/create-api-token.js';
import { BINDING_CODE_TTL_DAYS, createBindingCode } from '../api/people/create-binding-code.js';
import { BINDING_CODE_DIGITS } from '../api/people/binding-code-format.js';
import { DEFAULT_BINDING_LIMITS } from '../api/people/binding-limits.js';
import { shanghaiIsoDay } from '../lib/time.js';

const HELP = `用法 (usage): tsx scripts/token.ts --person <id|姓名|手机号> [--binding] [--bot] [--days <天数>] [--label <备注>]

为人员签发 API 令牌（默认）或聊天绑定码（--binding），打印一次，数据库只保存其哈希。
Mints an API token (default) or a chat binding code (--binding) for a person and prints it once;
only its hash is stored. Uses DATABASE_URL (default file:./data/gridsafe.db) and GRIDSAFE_SECRET.

  --person, -p   人员 id、姓名或手机号 (person id, name or phone)
  --binding, -b  签发 ${BINDING_CODE_DIGITS} 位绑定码，${BINDING_CODE_TTL_DAYS} 天有效，发送“绑定 1234567890”给机器人
                 (binding code, valid ${BINDING_CODE_TTL_DAYS} days; dead after ${DEFAULT_BINDING_LIMITS.perCodeChecks} wrong tries)
  --bot          签发机器人服务令牌：聊天机器人进程（API_URL）代此人调用 API，可声明 X-Gridsafe-Channel
                 (a token for the chat bot process acting for this person)
  --days, -d     令牌有效天数，默认 ${TOKEN_TTL_DAYS} 天，最多 ${MAX_TOKEN_TTL_DAYS} 天 (token lifetime in days)
  --label, -l    令牌备注 (token label)
  --help, -h     显示本说明 (this help)`;

class UsageError extends Error {}

async function findPerson(db: Db, ref: string) {
  const id = /^\d{1,9}$/.test(ref) ? Number(ref) : -1;
  const matches = await db.select().from(people).where(or(eq(people.id, id), eq(people.name, ref), eq(people.phone, ref)));
  if (matches.length === 0) throw new UsageError(`找不到人员“${ref}” (no person with this id, name or phone)`);
  if (matches.length > 1) {
    const list = matches.map((p) => `  id ${p.id}  ${p.name}  ${p.phone ?? ''}  ${p.role}`).join('\n');
    throw new UsageError(`有多名人员匹配“${ref}”，请改用 id (several people match, use the id):\n${list}`);
  }
  if (!matches[0].active) throw new UsageError(`人员“${matches[0].name}”已停用 (person is inactive)`);
  return matches[0];
}

async function main() {
  const { values } = parseArgs({
    options: {
      person: { type: 'string', short: 'p' },
      binding: { type: 'boolean', short: 'b', default: false },
      label: { type: 'string', short: 'l', default: 'cli' },
      bot: { type: 'boolean', default: false },
      days: { type: 'string', short: 'd' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return console.log(HELP);
  if (!values.person) throw new UsageError(`缺少 --person 参数 (missing --person)\n\n${HELP}`);
  const days = values.days === undefined ? TOKEN_TTL_DAYS : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_TTL_DAYS) {
    throw new UsageError(`--days 应为 1 到 ${MAX_TOKEN_TTL_DAYS} 的整数 (--days must be a whole number of days)`);
  }

  const config = parseConfig(process.env);
  const handle = await openDb(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  try {
    await migrateDb(handle.db);
    await bootstrapDb(handle.db, { districtName: config.DISTRICT_NAME, adminToken: config.BOOTSTRAP_ADMIN_TOKEN, now: systemClock() });
    const deps: Deps = { db: handle.db, writer: dbWriter(handle.db), clock: systemClock, notifier: nullNotifier, files: diskFileStore(config.DATA_DIR), secret: config.GRIDSAFE_SECRET };
    const person = await findPerson(handle.db, values.person);
    if (values.binding) {
      const { code, expiresAt } = await createBindingCode(deps, person.id);
      console.log(`${person.name}（id ${person.id}）的绑定码：${code}`);
      console.log(`有效期 ${BINDING_CODE_TTL_DAYS} 天，至 ${shanghaiIsoDay(expiresAt)}（错误尝试 ${DEFAULT_BINDING_LIMITS.perCodeChecks} 次后作废），请在微信或钉钉中向机器人发送：绑定 ${code}`);
    } else {
      const minted = await createApiToken(deps, person.id, values.label ?? 'cli', { kind: values.bot ? 'bot' : 'person', ttlDays: days });
      const what = minted.kind === 'bot' ? '机器人服务令牌' : 'API 令牌';
      console.log(`${person.name}（id ${person.id}，${person.role}）的${what}（只显示这一次）:`);
      console.log(minted.token);
      console.log(`有效期 ${days} 天，至 ${shanghaiIsoDay(minted.expiresAt)} (expires ${minted.expiresAt.toISOString()})`);
    }
  } finally {
    handle.close();
  }
}

main().catch((e) => {
  if (e instanceof UsageError || e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error('失败 (failed):', e instanceof Error ? e.message : e);
  process.exit(1);
});
