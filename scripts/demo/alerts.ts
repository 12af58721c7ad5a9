import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { chatIdentities, people } from '../../db/schema/index.js';
import type { Notifier } from '../../api/core/notifier.js';
import { outboxNotifier } from '../../jobs/urgent-alert.js';
import { drainOutbox } from '../../jobs/outbox/drain.js';
import { jobsConfig } from '../../jobs/config.js';
import type { OutboxSender } from '../../jobs/outbox/senders.js';
import type { OutgoingMessage } from '../../bot/port.js';
import { ROLE_NAMES } from '../../bot/dialog/messages.js';
import { terminalId } from '../../bot/adapters/terminal.js';

// The demo's alerts take the path `npm start` takes: the verbs queue them in the outbox
// (jobs/urgent-alert.ts) and the outbox drains at once, here to the terminal, where the demo shows
// what each admin would have received on their phone. Nothing is claimed that was not queued.

/** Every demo person reachable on the terminal, so the outbox can deliver to them there. */
export async function bindEveryoneToTerminal(db: Db, now: Date): Promise<void> {
  const all = await db.select({ id: people.id }).from(people).where(eq(people.active, true));
  for (const p of all) {
    await db.insert(chatIdentities).values({ personId: p.id, platform: 'terminal', externalId: terminalId(p.id), createdAt: now }).onConflictDoNothing();
  }
}

/** An outbox sender that prints each message as the recipient would see it. */
export function terminalSender(db: Db, write: (line: string) => void): OutboxSender {
  return {
    platform: 'terminal',
    async send(to, message: OutgoingMessage) {
      const userId = 'userId' in to ? to.userId : to.groupId;
      const [who] = await db.select({ name: people.name, role: people.role }).from(chatIdentities)
        .innerJoin(people, eq(people.id, chatIdentities.personId))
        .where(and(eq(chatIdentities.platform, 'terminal'), eq(chatIdentities.externalId, userId)));
      const label = who ? `${who.name}（${ROLE_NAMES[who.role]}）` : userId;
      write(`  ┌ 发给 ${label}的提醒`);
      for (const line of message.text.split('\n')) write(`  │ ${line}`);
      write('  └');
      return { ok: true };
    },
  };
}

/** The notifier of the demo: the outbox, drained to the terminal as soon as something is queued. */
export function demoNotifier(db: Db, clock: Clock, write: (line: string) => void): { notifier: Notifier; drained: () => Promise<void> } {
  const senders = { terminal: terminalSender(db, write) };
  const config = jobsConfig({ outbox: { wechatGapMs: { min: 0, max: 0 } } });
  let last: Promise<void> = Promise.resolve();
  const drain = () => {
    last = last.then(() => drainOutbox({ db, senders, now: clock(), config }).then(() => undefined, (e) => write(`（提醒发送出错：${String(e)}）`)));
  };
  return { notifier: outboxNotifier({ db, clock, onEnqueued: drain }), drained: () => last };
}
