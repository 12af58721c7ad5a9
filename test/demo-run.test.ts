import { describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, like } from 'drizzle-orm';
import { hazards, notifications } from '../db/schema/index.js';
import { DemoStartError, startDemo } from '../scripts/demo.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { terminalId } from '../bot/adapters/terminal.js';
import { DEMO_LINKS_LATER, demoSignInLinks } from '../web/auth/demo-links.js';

// npm run demo as a person starts it twice: the database is kept, a busy port touches nothing,
// and a major report's reply claims exactly the alerts that were queued and shown.
describe('demo run', () => {
  it('keeps its database across restarts unless reset; alerts go through the outbox to the terminal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gs-demo-'));
    const dbPath = join(dir, 'demo.db');
    const shown: string[] = [];
    try {
      const first = await startDemo({ dbPath, dataDir: join(dir, 'files'), port: 0, write: (l) => shown.push(l) });
      expect(first.fresh).toBe(true);
      const worker = first.seed.tokens.worker;
      const inbox = createInbox({ deps: first.deps, handle: createDialog({ deps: first.deps, photoSettleMs: 0 }), log: () => {} });
      const say = async (text: string, id: string) => (await inbox.receive({
        platform: 'terminal', messageId: id, senderId: `terminal:${terminalId(worker.id)}`, senderName: worker.name, text, images: [],
        conversation: { kind: 'direct' }, mentioned: true, receivedAt: new Date(), replyTo: 'terminal',
      }))?.text ?? '';
      const reply = await say('上报 华美 重大 反应釜压力表失灵 3天内整改', 'demo-1');
      expect(reply).toContain('隐患已登记');
      const [h] = await first.deps.db.select().from(hazards).where(eq(hazards.description, '反应釜压力表失灵'));
      const queued = await first.deps.db.select({ n: count() }).from(notifications).where(like(notifications.dedupeKey, `urgent:major_hazard:${h.id}:%`));
      expect(queued[0].n).toBeGreaterThan(0);
      expect(reply).toContain(`已通知 ${queued[0].n} 位镇、区管理员`);
      expect(reply).not.toContain('已即时通知');
      await first.alertsDelivered();
      expect(shown.join('\n')).toMatch(/发给 .+（(镇应急办|区安委办)管理员）的提醒/);
      // A question left open when the demo stops is still there when it starts again.
      expect(await say('上报 华美', 'demo-2')).toContain('请简要描述隐患情况');
      await first.stop();

      const again = await startDemo({ dbPath, dataDir: join(dir, 'files'), port: 0, write: () => {} });
      expect(again.fresh).toBe(false);
      expect(await again.deps.db.select().from(hazards).where(eq(hazards.id, h.id))).toHaveLength(1);
      const res = await fetch(`${again.url}/v1/me`, { headers: { authorization: `Bearer ${again.seed.tokens.worker.token}` } });
      expect(res.status).toBe(200);
      const inbox2 = createInbox({ deps: again.deps, handle: createDialog({ deps: again.deps, photoSettleMs: 0 }), log: () => {} });
      const answer = await inbox2.receive({
        platform: 'terminal', messageId: 'demo-3', senderId: `terminal:${terminalId(worker.id)}`, senderName: worker.name, text: '仓库门口堆放纸箱', images: [],
        conversation: { kind: 'direct' }, mentioned: true, receivedAt: new Date(), replyTo: 'terminal',
      });
      expect(answer?.text).toContain('隐患已登记');
      await again.stop();

      const reset = await startDemo({ dbPath, dataDir: join(dir, 'files'), port: 0, reset: true, write: () => {} });
      expect(reset.fresh).toBe(true);
      expect(await reset.deps.db.select().from(hazards).where(eq(hazards.description, '反应釜压力表失灵'))).toHaveLength(0);
      await reset.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('restarted often, it still starts: sign-in links past the per-person limit are said to come later', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gs-demo-'));
    try {
      const demo = await startDemo({ dbPath: join(dir, 'demo.db'), dataDir: join(dir, 'files'), port: 0, write: () => {} });
      // Five links per person in ten minutes (web/auth/issue-ticket.ts): the sixth start gets none.
      const shown: string[] = [];
      for (let i = 0; i < 6; i++) shown.push(await demoSignInLinks(demo.deps, demo.url, demo.seed));
      expect(shown[4]).toMatch(/\/t\/[0-9a-f]{32}/);
      expect(shown[5]).not.toMatch(/\/t\/[0-9a-f]{32}/);
      expect(shown[5]).toContain(DEMO_LINKS_LATER);
      await demo.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a busy port fails with a Chinese message before any database is touched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gs-demo-busy-'));
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const dbPath = join(dir, 'demo.db');
      const err = await startDemo({ dbPath, port, write: () => {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DemoStartError);
      expect((err as Error).message).toContain(`端口 ${port} 已被占用`);
      expect((err as Error).message).not.toMatch(/EADDRINUSE|Error:/);
      expect(existsSync(dbPath)).toBe(false);
    } finally {
      blocker.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
