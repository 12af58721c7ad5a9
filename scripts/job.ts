// Operator CLI: run one scheduled job now or as of a given time.
//   tsx scripts/job.ts <name> [--now <ISO time>] [--dry-run] [--db <file path or URL>]
//   tsx scripts/job.ts drain [--now <ISO time>]      send what waits in the outbox
//   tsx scripts/job.ts --help
import { parseArgs } from 'node:util';
import { inArray } from 'drizzle-orm';
import { openDb } from '../db/client.js';
import { people } from '../db/schema/index.js';
import { parseConfig, ConfigError, type Config } from '../lib/config.js';
import { defaultJobsConfig } from '../jobs/config.js';
import { schedules } from '../jobs/schedules.js';
import { dbOutbox, dryRunOutbox, pendingCount } from '../jobs/outbox/enqueue.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import type { Senders } from '../jobs/outbox/senders.js';
import { shanghaiStamp } from '../jobs/shanghai-window.js';

const HELP = `用法: npm run job -- <任务名> [--now <ISO 时间>] [--dry-run] [--db <数据库>]

任务（时间为北京时间）:
${schedules.map((s) => `  ${s.name.padEnd(22)} ${s.cron.padEnd(12)} ${s.summary}`).join('\n')}
  ${'drain'.padEnd(22)} ${''.padEnd(12)} 立即发送发件箱中待发的提醒

选项:
  --now <ISO>   按该时刻运行，例如 2026-11-23T08:30:00+08:00（默认当前时间）
  --dry-run     只打印将要发送的内容，不写数据库、不发送
  --db <url>    数据库（默认 DATABASE_URL 或 file:./data/gridsafe.db；文件路径会加 file: 前缀）

同一任务同一天重复运行不会重复发送（按去重键入发件箱）。`;

/** Chat senders from configuration. WeChat needs a logged-in bot process, so only DingTalk's OpenAPI is used here. */
async function configuredSenders(config: Config): Promise<Senders> {
  if (!config.DINGTALK_CLIENT_ID || !config.DINGTALK_CLIENT_SECRET) return {};
  const { createDingTalkAdapter } = await import('../bot/adapters/dingtalk/adapter.js');
  const dingtalk = createDingTalkAdapter({
    clientId: config.DINGTALK_CLIENT_ID, clientSecret: config.DINGTALK_CLIENT_SECRET,
    robotCode: config.DINGTALK_ROBOT_CODE, apiBase: config.DINGTALK_API_BASE,
  });
  return { dingtalk };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { now: { type: 'string' }, 'dry-run': { type: 'boolean' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const name = positionals[0];
  if (values.help || !name) return void console.log(HELP);
  const schedule = schedules.find((s) => s.name === name);
  if (!schedule && name !== 'drain') throw new ConfigError(`没有名为 "${name}" 的任务。\n\n${HELP}`);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(+now)) throw new ConfigError(`--now 不是合法的时间: ${values.now}`);

  const config = parseConfig(process.env);
  const url = values.db ? (/^[a-z]+:/.test(values.db) ? values.db : `file:${values.db}`) : config.DATABASE_URL;
  const { db, close } = await openDb(url, config.DATABASE_AUTH_TOKEN);
  try {
    console.log(`运行 ${name}，时间 ${shanghaiStamp(now)}（北京时间）${values['dry-run'] ? '，演练模式：不写入、不发送' : ''}`);
    if (schedule) {
      const sink = values['dry-run'] ? dryRunOutbox() : dbOutbox(db);
      const started = performance.now();
      const res = await schedule.run({ db, now, config: defaultJobsConfig, outbox: sink });
      const names = new Map(
        res.planned.length
          ? (await db.select({ id: people.id, name: people.name }).from(people)
              .where(inArray(people.id, [...new Set(res.planned.map((p) => p.personId))].slice(0, 30000)))).map((p) => [p.id, p.name])
          : [],
      );
      for (const p of res.planned) {
        console.log(`\n→ ${names.get(p.personId) ?? '?'}（#${p.personId}）${p.urgent ? '【紧急】' : ''} ${p.dedupeKey}`);
        console.log(p.text.replace(/^/gm, '    '));
      }
      console.log(`\n共 ${res.planned.length} 条，${values['dry-run'] ? '未写入（演练）' : `新入发件箱 ${res.enqueued} 条（其余此前已入队）`}，用时 ${Math.round(performance.now() - started)} ms`);
      if (values['dry-run']) return;
    }
    const senders = await configuredSenders(config);
    if (!Object.keys(senders).length) {
      console.log(`未配置可主动发送的聊天平台：${await pendingCount(db)} 条提醒留在发件箱（待发送），由运行中的机器人进程发送。`);
      return;
    }
    const r = await drainOutbox({ db, senders, now });
    console.log(`发送完成：已发送 ${r.sent}，稍后重试 ${r.retried}，失败 ${r.failed}，过期 ${r.dropped}，暂缓（静默时段）${r.held}；待发送 ${await pendingCount(db)}`);
  } finally {
    close();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : `运行失败: ${e instanceof Error ? e.message : e}`);
  process.exit(e instanceof ConfigError ? 2 : 1);
});
