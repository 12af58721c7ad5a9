// npm run demo: the demo district (SPEC §8) on data/demo.db (kept between runs; `-- --reset` starts over), the API on PORT (default 8787) and a
// terminal chat with the bot as the demo grid worker (`-- --no-chat` serves the API only).
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { count } from 'drizzle-orm';
import { people } from '../db/schema/index.js';
import { pathToFileURL } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { openDb, type DbHandle } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { fillMissingPinyin } from '../api/enterprises/fill-pinyin.js';
import { createApp } from '../api/app.js';
import { dbWriter } from '../api/core/write.js';
import { nullNotifier } from '../api/core/notifier.js';
import { diskFileStore } from '../api/core/file-store.js';
import { systemClock } from '../lib/clock.js';
import type { Deps } from '../api/core/context.js';
import { reopenDemo, seedDemo, type DemoSeed } from './demo/seed.js';
import { bindEveryoneToTerminal, demoNotifier } from './demo/alerts.js';
import { DEMO_DISTRICT } from './demo-data.js';
import { runTerminalChat } from '../bot/adapters/terminal.js';
import { nodeDocsAssets } from '../web/docs-assets-node.js';
import { demoSignInLinks } from '../web/auth/demo-links.js';

export type DemoOptions = {
  dbPath?: string; dataDir?: string; port?: number; hostname?: string;
  /** Delete the demo database and seed it anew (`npm run demo -- --reset`); otherwise it is kept. */
  reset?: boolean;
  /** Where the alerts the admins would receive are shown (the terminal). */
  write?: (line: string) => void;
};
export type RunningDemo = {
  deps: Deps; handle: DbHandle; seed: DemoSeed; server: ServerType; url: string; fresh: boolean;
  /** Resolves when the alerts queued so far have been delivered to the terminal. */
  alertsDelivered: () => Promise<void>;
  stop: () => Promise<void>;
};

/** A demo that cannot start, said in Chinese for the person at the terminal (no stack trace). */
export class DemoStartError extends Error {}

type Fetch = (req: Request) => Response | Promise<Response>;

/** Binds the port before anything else: a busy port must fail before any database is touched. */
function listen(port: number, hostname: string, fetch: Fetch): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch, port, hostname }, (info) => resolve({ server: s, port: info.port }));
    s.once('error', (e: NodeJS.ErrnoException) => {
      s.close();
      reject(e.code === 'EADDRINUSE'
        ? new DemoStartError(`端口 ${port} 已被占用（可能已有一个演示在运行）。请先关闭它，或换一个端口：PORT=${port + 1} npm run demo`)
        : e.code === 'EACCES' ? new DemoStartError(`没有权限使用端口 ${port}，请换一个端口：PORT=8787 npm run demo`) : e);
    });
  });
}

/**
 * Serves the demo district (SPEC §8) on data/demo.db: seeded on first start (or with `reset`),
 * kept as it is on every later start, so drafts and reports survive a restart. The port is bound
 * first; only then is the database opened. Alerts go through the outbox, as with `npm start`.
 */
export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const dbPath = opts.dbPath ?? 'data/demo.db';
  const hostname = opts.hostname ?? '127.0.0.1';
  const write = opts.write ?? ((line: string) => console.log(line));
  let ready: Fetch | null = null;
  const { server, port } = await listen(opts.port ?? 8787, hostname, (req) =>
    ready ? ready(req) : Response.json({ error: { code: 'unavailable', message: '演示正在启动，请稍候', details: null } }, { status: 503 }));
  try {
    if (opts.reset) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });
    mkdirSync(dirname(dbPath), { recursive: true });
    const handle = await openDb(`file:${dbPath}`);
    await migrateDb(handle.db);
    const alerts = demoNotifier(handle.db, systemClock, write);
    const deps: Deps = { db: handle.db, writer: dbWriter(handle.db), clock: systemClock, notifier: alerts.notifier, files: diskFileStore(opts.dataDir ?? 'data/demo-files') };
    let seed = await reopenDemo(deps);
    const fresh = !seed;
    if (!seed) {
      if ((await handle.db.select({ n: count() }).from(people))[0].n > 0) {
        handle.close();
        throw new DemoStartError(`演示数据库 ${dbPath} 不完整（上次初始化可能被中断）。请运行 npm run demo -- --reset 重新生成。`);
      }
      await bootstrapDb(handle.db, { districtName: DEMO_DISTRICT, now: systemClock() });
      // The history is written as it happened days ago: its alerts are long past, none is sent now.
      seed = await seedDemo({ ...deps, notifier: nullNotifier });
      // The seed writes names only; admins' pinyin search (`hm` for 华美) reads the stored pinyin.
      await fillMissingPinyin(deps);
    }
    await bindEveryoneToTerminal(handle.db, systemClock());
    // Chat `登录` and the printed sign-in links point at this server.
    deps.publicUrl = `http://${hostname}:${port}`;
    ready = createApp(deps, { web: { docsAssets: nodeDocsAssets() } }).fetch;
    const stop = () => new Promise<void>((resolve) => server.close(() => {
      handle.close();
      resolve();
    }));
    return { deps, handle, seed, server, url: `http://${hostname}:${port}`, fresh, alertsDelivered: alerts.drained, stop };
  } catch (e) {
    server.close();
    throw e;
  }
}

export function demoBanner(d: Pick<RunningDemo, 'seed' | 'url' | 'fresh'>): string {
  const { tokens, counts } = d.seed;
  const who = [
    ['区安委办管理员 district admin', tokens.districtAdmin],
    ['镇应急办管理员 town admin', tokens.townAdmin],
    ['网格员 grid worker', tokens.worker],
    ['行业部门 department', tokens.department],
  ] as const;
  return [
    d.fresh ? '已生成新的演示数据（之后启动会保留；重新生成：npm run demo -- --reset）' : '沿用上次的演示数据（重新生成：npm run demo -- --reset）',
    `gridsafe 演示 demo — ${DEMO_DISTRICT}：${counts.towns} 个镇、${counts.grids} 个网格、${counts.enterprises} 家企业、${counts.hazards} 条隐患`,
    `API ${d.url}   文档 docs ${d.url}/docs`,
    '',
    '令牌 tokens:',
    ...who.map(([label, p]) => `  ${label.padEnd(30)} ${p.name.padEnd(4)} ${p.token}`),
    '',
    '试一试 try:',
    `  curl -s ${d.url}/v1/me -H "Authorization: Bearer ${tokens.worker.token}"`,
    `  curl -s "${d.url}/v1/hazards?overdue=true" -H "Authorization: Bearer ${tokens.townAdmin.token}"`,
    `  curl -s "${d.url}/v1/stats/summary" -H "Authorization: Bearer ${tokens.districtAdmin.token}"`,
    `  curl -s -X POST ${d.url}/v1/hazards -H "Authorization: Bearer ${tokens.worker.token}" -H "Content-Type: application/json" \\`,
    `       -d '{"enterpriseId":${d.seed.demoEnterpriseId},"description":"消防通道堵塞","deadlineDays":3}'`,
    '',
    '终端聊天 terminal chat: 以网格员身份发消息，例如 try as the grid worker:',
    `  上报 华美 消防通道堵塞 3天内整改    巡查 华美 正常    我的任务    统计`,
    '  /who 人员列表  /as 序号 切换身份  /photo 图片路径  /quit 退出（或 Ctrl+C）',
  ].join('\n');
}

async function main() {
  const port = process.env.PORT ? Number(process.env.PORT) : 8787;
  const demo = await startDemo({ port, reset: process.argv.includes('--reset') });
  console.log(demoBanner(demo));
  console.log(await demoSignInLinks(demo.deps, demo.url, demo.seed));
  const quit = () => void demo.stop().then(() => process.exit(0));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
  if (process.argv.includes('--no-chat')) return;
  // The same inbox and dialog as DingTalk and WeChat, talking as the demo worker; /quit ends the demo.
  await runTerminalChat({ deps: demo.deps, input: process.stdin, output: process.stdout, as: demo.seed.tokens.worker.name });
  quit();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    // A Chinese sentence, never a stack trace; an unexpected error still names its cause.
    console.error(e instanceof DemoStartError ? e.message : `演示启动失败：${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
