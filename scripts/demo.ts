// npm run demo: a fresh demo district (SPEC §8) on data/demo.db, the API on PORT (default 8787) and a
// terminal chat with the bot as the demo grid worker (`-- --no-chat` serves the API only).
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { openDb, type DbHandle } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { createApp } from '../api/app.js';
import { dbWriter } from '../api/core/write.js';
import { nullNotifier } from '../api/core/notifier.js';
import { diskFileStore } from '../api/core/file-store.js';
import { systemClock } from '../lib/clock.js';
import type { Deps } from '../api/core/context.js';
import { seedDemo, type DemoSeed } from './demo/seed.js';
import { DEMO_DISTRICT } from './demo-data.js';
import { runTerminalChat } from '../bot/adapters/terminal.js';
import { nodeDocsAssets } from '../web/docs-assets-node.js';
import { demoSignInLinks } from '../web/auth/demo-links.js';

export type DemoOptions = { dbPath?: string; dataDir?: string; port?: number; hostname?: string };
export type RunningDemo = { deps: Deps; handle: DbHandle; seed: DemoSeed; server: ServerType; url: string; stop: () => Promise<void> };

/** Recreates the demo database, seeds it and serves the API; the caller owns the returned server. */
export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const dbPath = opts.dbPath ?? 'data/demo.db';
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });
  const handle = await openDb(`file:${dbPath}`);
  await migrateDb(handle.db);
  await bootstrapDb(handle.db, { districtName: DEMO_DISTRICT, now: systemClock() });
  const deps: Deps = { db: handle.db, writer: dbWriter(handle.db), clock: systemClock, notifier: nullNotifier, files: diskFileStore(opts.dataDir ?? 'data/demo-files') };
  const seed = await seedDemo(deps);
  const app = createApp(deps, { web: { docsAssets: nodeDocsAssets() } });
  const hostname = opts.hostname ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 8787, hostname }, (info) => resolve({ server: s, port: info.port }));
  });
  const stop = () => new Promise<void>((resolve) => server.close(() => {
    handle.close();
    resolve();
  }));
  // Chat `登录` and the printed sign-in links point at this server.
  deps.publicUrl = `http://${hostname}:${port}`;
  return { deps, handle, seed, server, url: `http://${hostname}:${port}`, stop };
}

export function demoBanner(d: Pick<RunningDemo, 'seed' | 'url'>): string {
  const { tokens, counts } = d.seed;
  const who = [
    ['区安委办管理员 district admin', tokens.districtAdmin],
    ['镇应急办管理员 town admin', tokens.townAdmin],
    ['网格员 grid worker', tokens.worker],
    ['行业部门 department', tokens.department],
  ] as const;
  return [
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
  const demo = await startDemo({ port });
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
    console.error('演示启动失败:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
