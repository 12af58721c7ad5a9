import { serve } from '@hono/node-server';
import { parseConfig, describeConfig, ConfigError } from '../lib/config.js';
import { createApp } from '../api/app.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';
import { startScheduler } from './scheduler.js';
import { jobsConfig } from '../jobs/config.js';
import { openRuntime } from './open-runtime.js';
import { configuredAdapters } from './chat-adapters.js';
import { errorFields, logger } from '../lib/log.js';
import { installNodeLog, routeConsole } from '../lib/log-node.js';
import { dingtalkSdkConsole } from '../bot/adapters/dingtalk/sdk-console.js';
import { wechatySdkConsole } from '../bot/adapters/wechat/sdk-console.js';

// First of all: every logger('…') and every SDK's console line goes through pino from here on.
installNodeLog();
routeConsole([dingtalkSdkConsole, wechatySdkConsole]);
const log = logger('main');
// A crash is still a crash (exit 1, as Node's default), but its last words are a log entry.
process.on('uncaughtException', (e) => {
  log.error('未捕获的异常，进程退出', errorFields(e));
  process.exit(1);
});
import { chatInbox } from './chat-inbox.js';
import { httpChat } from './http-chat.js';
import { firstRunHint } from '../web/auth/first-run.js';
import { nodeDocsAssets } from '../web/docs-assets-node.js';
import { dingTalkWeb } from '../web/auth/dingtalk-config.js';
import { fillMissingPinyin } from '../api/enterprises/fill-pinyin.js';

// Thin Node entry: one process runs the API, the configured chat bots and the scheduler
// (`npm start`), or any subset with `--only api,bots,jobs`.
const PARTS = ['api', 'bots', 'jobs'] as const;

function parts(argv: string[]): Set<string> {
  const i = argv.indexOf('--only');
  if (i < 0) return new Set(PARTS);
  const chosen = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const bad = chosen.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (!chosen.length || bad.length) throw new ConfigError(`--only 取值应为 ${PARTS.join(',')} 的组合，收到：${argv[i + 1] ?? '（空）'}`);
  return new Set(chosen);
}

async function main() {
  const config = parseConfig(process.env);
  if (config.LOG_LEVEL !== 'info') installNodeLog({ level: config.LOG_LEVEL });
  const run = parts(process.argv.slice(2));
  let kick = () => {};
  const runtime = await openRuntime(config);
  // Urgent alerts (major hazards, red enterprises, whistles) go to the outbox and are drained at once.
  const deps = { ...runtime.deps, notifier: outboxNotifier({ db: runtime.deps.db, writer: runtime.deps.writer, clock: runtime.deps.clock, onEnqueued: () => kick() }) };
  const { adapters, senders } = run.has('bots') ? configuredAdapters(config) : { adapters: [], senders: {} };
  const stops: (() => Promise<unknown> | void)[] = [];

  if (run.has('api') || run.has('bots')) {
    // Enterprises imported by an older version, seeded in bulk or renamed by SQL have no stored pinyin
    // yet; until filled, searches score them from their names. In the background, a round at a time.
    void fillMissingPinyin(deps).then((n) => { if (n) log.info(`已补齐 ${n} 家企业名称的拼音`); }, (e) => log.error('企业拼音补齐失败', errorFields(e)));
  }

  if (run.has('api')) {
    // DingTalk's HTTP callback mode is served whenever the app secret is set (requests are signed).
    const chat = httpChat(config).open(deps);
    const app = createApp(deps, {
      callbacks: chat.callbacks,
      web: { publicUrl: config.PUBLIC_URL, docsAssets: nodeDocsAssets(), dingtalk: dingTalkWeb(config) },
    });
    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
      const url = `http://${info.address}:${info.port}`;
      log.info(`gridsafe API: ${url}  (文档 ${url}/docs, 健康检查 ${url}/health)`);
      void firstRunHint(deps, config.PUBLIC_URL ?? url).then((hint) => { if (hint) log.info(hint); }, (e) => log.error('登录提示失败', errorFields(e)));
    });
    stops.push(() => new Promise((r) => server.close(r)));
    if (chat.inbox) {
      const inbox = chat.inbox;
      stops.push(() => inbox.settled());
      // Callback messages recorded before a crash but never answered (or their reply never
      // confirmed sent) are answered now, once: the claims keep this and a Stream replay apart.
      const replayed = await inbox.replayPending(['dingtalk']);
      if (replayed.length) log.info(`已补处理 ${replayed.length} 条中断前收到的钉钉回调消息`);
    }
  }

  if (adapters.length) {
    // Platforms that can answer a recorded message later get their replies sent (and recorded as
    // sent) by the inbox: what a crash left unanswered is answered after the restart, once.
    const inbox = chatInbox(deps, adapters);
    for (const adapter of adapters) {
      await adapter.start();
      log.info(`聊天平台已启动：${adapter.platform}`);
      stops.push(() => adapter.stop());
    }
    stops.push(() => inbox.settled());
    // Messages recorded (and acknowledged) before a crash but never answered are handled now.
    const replayed = await inbox.replayPending();
    if (replayed.length) log.info(`已补处理 ${replayed.length} 条中断前收到的消息`);
  } else if (run.has('bots')) {
    log.warn('未配置聊天平台：设置 DINGTALK_CLIENT_ID/DINGTALK_CLIENT_SECRET、WECOM_BOT_ID/WECOM_BOT_SECRET 或 WECHATY_PUPPET 后重启（见 .env.example）。试用：npm run demo');
  }

  if (run.has('jobs') && config.SCHEDULER === 'on') {
    // The WeChat adapter already paces every send (replies too); the outbox need not add its own gap.
    const schedule = jobsConfig({ outbox: { wechatGapMs: { min: 0, max: 0 } }, publicUrl: config.PUBLIC_URL });
    const scheduler = startScheduler({ db: deps.db, writer: deps.writer, clock: deps.clock, senders, config: schedule });
    kick = scheduler.kick;
    stops.push(() => scheduler.stop());
    log.info('定时任务已启动（每日 08:30 待办提醒、督办、周报、月度考核，Asia/Shanghai）');
  }
  log.info('配置', describeConfig(config));

  const stop = async () => {
    for (const s of stops.reverse()) await s();
    runtime.handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    log.error(e.message);
    process.exit(2);
  }
  log.error('启动失败', errorFields(e));
  process.exit(1);
});
