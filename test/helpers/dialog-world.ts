import { eq } from 'drizzle-orm';
import { chatIdentities, towns } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import type { ChatPlatform, IncomingMessage, OutgoingMessage } from '../../bot/port.js';
import { createInbox } from '../../bot/inbox.js';
import { createDialog } from '../../bot/dialog/handle.js';
import { testDeps, TEST_NOW } from './deps.js';
import { makeEnterprise, makeWorld } from './fixtures.js';

let seq = 0;

/** A tiny valid PNG header plus a unique tail, so each "photo" is a distinct image. */
export function pngBytes(): Uint8Array {
  const head = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];
  const tail = new TextEncoder().encode(`photo-${++seq}-${Math.random()}`);
  return new Uint8Array([...head, ...tail]);
}

export async function bindIdentity(db: Db, personId: number, platform: ChatPlatform, externalId: string) {
  await db.insert(chatIdentities).values({ personId, platform, externalId, createdAt: new Date() });
}

export type SendOptions = {
  platform?: ChatPlatform;
  photos?: number;
  group?: boolean;
  mentioned?: boolean;
  messageId?: string;
  senderId?: string;
};

/**
 * makeWorld plus enterprises with realistic names, every person bound on the terminal and
 * DingTalk, a movable clock and a `send` that goes through the real inbox and dialog.
 */
export async function dialogWorld() {
  let now = Date.parse(TEST_NOW);
  const t = await testDeps({ clock: () => new Date(now) });
  const w = await makeWorld(t.db);
  // Each world has its own in-memory database, so realistic names need no unique suffix.
  await t.db.update(towns).set({ name: '横林镇' }).where(eq(towns.id, w.townA.id));
  await t.db.update(towns).set({ name: '横山桥镇' }).where(eq(towns.id, w.townB.id));
  w.townA.name = '横林镇';
  w.townB.name = '横山桥镇';
  const huamei = await makeEnterprise(t.db, w.gridA1, { name: '常州华美化工有限公司', shortName: '华美化工', class: 'key' });
  const huameiPlastic = await makeEnterprise(t.db, w.gridA1, { name: '常州华美塑料制品有限公司', shortName: '华美塑料' });
  const other = await makeEnterprise(t.db, w.gridB1, { name: '横山精密机械有限公司', shortName: '精密机械' });
  for (const p of [w.workerA1, w.workerA2, w.workerB1, w.adminA, w.adminB, w.district, w.deptUser]) {
    await bindIdentity(t.db, p.id, 'terminal', `t${p.id}`);
    await bindIdentity(t.db, p.id, 'dingtalk', `staff${p.id}`);
  }
  const logs: string[] = [];
  const dialog = createDialog({ deps: t.deps, photoSettleMs: 0 });
  const inbox = createInbox({ deps: t.deps, handle: dialog, log: (l) => logs.push(l) });

  function message(person: { id: number } | null, text: string, o: SendOptions = {}): IncomingMessage {
    const platform = o.platform ?? 'terminal';
    const senderId = o.senderId ?? (person ? `${platform}:${platform === 'dingtalk' ? 'staff' : 't'}${person.id}` : `${platform}:stranger${seq}`);
    return {
      platform,
      messageId: o.messageId ?? `m${++seq}`,
      senderId,
      senderName: '测试',
      text,
      images: Array.from({ length: o.photos ?? 0 }, (_, i) => {
        const bytes = pngBytes();
        return { ref: `img${seq}-${i}`, fetch: async () => ({ bytes, mime: 'image/png' }) };
      }),
      conversation: o.group ? { kind: 'group', id: 'g1' } : { kind: 'direct' },
      mentioned: o.mentioned ?? !o.group,
      receivedAt: new Date(now),
      replyTo: 'r',
    };
  }

  async function send(person: { id: number } | null, text: string, o: SendOptions = {}): Promise<OutgoingMessage | null> {
    return inbox.receive(message(person, text, o));
  }
  /** The reply's plain text, '' for silence. */
  const say = async (person: { id: number } | null, text: string, o: SendOptions = {}) => (await send(person, text, o))?.text ?? '';

  return {
    ...t,
    w,
    huamei,
    huameiPlastic,
    other,
    inbox,
    dialog,
    logs,
    message,
    send,
    say,
    advance: (ms: number) => void (now += ms),
  };
}

export type DialogWorld = Awaited<ReturnType<typeof dialogWorld>>;
