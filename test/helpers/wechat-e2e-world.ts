import { FileBox } from 'file-box';
import { chatIdentities } from '../../db/schema/index.js';
import type { IncomingMessage, OutgoingMessage } from '../../bot/port.js';
import { createInbox, type DialogHandler } from '../../bot/inbox.js';
import { createDialog } from '../../bot/dialog/handle.js';
import { testDeps, TEST_NOW } from './deps.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './fixtures.js';
import { mockWechat, until } from './wechat-mock.js';
import { TINY_JPEG } from '../fakes/dingtalk/jpeg.js';

let seq = 0;

/**
 * A real 1×1 JPEG with a unique tail after its end marker: still an image by its magic bytes
 * (FF D8 FF), but each photo is distinct, so byte comparisons prove which one was stored.
 */
export function jpegBytes(): Buffer {
  return Buffer.concat([Buffer.from(TINY_JPEG), Buffer.from(`wechat-e2e-${++seq}-${Date.now()}`)]);
}

/** A photo as a WeChat user sends it: the mock puppet types a `.jpg` FileBox as an Image message. */
export function jpegBox(bytes: Buffer = jpegBytes()): FileBox {
  return FileBox.fromBase64(bytes.toString('base64'), `IMG_${seq}.jpg`);
}

type EnterpriseSpec = { name: string; shortName?: string };

type WorldOptions = {
  enterprises?: EnterpriseSpec[];
  /**
   * Runs after the inbox has recorded a message and stored its photos, before the dialog sees it:
   * a test holds one message here to force an interleaving that a slow network can produce.
   */
  beforeDialog?: (msg: IncomingMessage) => Promise<void>;
  /** How long a photo message waits for the rest of its burst (0 by default: tests send one at a time). */
  photoSettleMs?: number;
};

type MockContact = Awaited<ReturnType<typeof mockWechat>>['worker'];
type SayOptions = { room?: boolean; mention?: boolean; from?: MockContact };

const HUAMEI: EnterpriseSpec = { name: '常州华美化工有限公司', shortName: '华美' };

/**
 * The whole WeChat chain on one in-memory database: the mock puppet's 张三 (a worker with, by
 * default, 常州华美化工有限公司 / 华美 in his grid), real wechaty, the WeChat adapter with an
 * instant send queue, the inbox, the dialog and the verbs. The clock is movable for photo windows.
 */
export async function wechatE2eWorld(opts: WorldOptions = {}) {
  let now = Date.parse(TEST_NOW);
  const t = await testDeps({ clock: () => new Date(now) });
  const town = await makeTown(t.db);
  const admin = await makePerson(t.db, 'town_admin', { townId: town.id, name: '李站长' });
  const worker = await makePerson(t.db, 'worker', { townId: town.id, name: '张三' });
  const grid = await makeGrid(t.db, town.id, worker.id);
  const enterprises = [];
  for (const e of opts.enterprises ?? [HUAMEI]) enterprises.push(await makeEnterprise(t.db, grid, e));
  const huamei = enterprises[0];

  const wx = await mockWechat();
  const logs: string[] = [];
  const dialog = createDialog({ deps: t.deps, photoSettleMs: opts.photoSettleMs ?? 0 });
  const handle: DialogHandler = async (msg, received) => {
    await opts.beforeDialog?.(msg);
    return dialog(msg, received);
  };
  const inbox = createInbox({ deps: t.deps, handle, log: (l) => logs.push(l) });
  /** Every message that reached the inbox through the adapter, with the inbox's answer. */
  const handled: { msg: IncomingMessage; reply: OutgoingMessage | null }[] = [];
  wx.adapter.onMessage(async (msg) => {
    const reply = await inbox.receive(msg);
    handled.push({ msg, reply });
    return reply;
  });

  /** A message from 张三 (or `from`), direct to the bot or into the room; in the room @-ing the bot unless told not to. */
  function post(what: string | FileBox, o: SayOptions) {
    const from = o.from ?? wx.worker;
    const mention = o.mention ?? o.room === true;
    from.say(what, mention ? [wx.me] : []).to(o.room ? wx.room : wx.me);
  }

  /** Sends and waits for the bot's next utterance. */
  async function ask(what: string | FileBox, o: SayOptions = {}): Promise<{ to: string; text: string }> {
    const before = wx.said.length;
    post(what, o);
    await until(() => wx.said.length > before);
    return wx.said[before];
  }

  /** Sends and waits until the inbox has handled it (for messages that get no reply). */
  async function tell(what: string | FileBox, o: SayOptions = {}): Promise<void> {
    const before = handled.length;
    post(what, o);
    await until(() => handled.length > before);
  }

  let stopped = false;
  return {
    ...t,
    town,
    admin,
    worker,
    grid,
    enterprises,
    huamei,
    wx,
    inbox,
    handled,
    logs,
    ask,
    tell,
    /** Links a mock contact's WeChat id to a person, as a redeemed binding code would. */
    bind: (personId: number, contact: MockContact) =>
      t.db.insert(chatIdentities).values({ personId, platform: 'wechat', externalId: contact.id, createdAt: new Date(now) }),
    /** Links 张三's WeChat id to the worker 张三. */
    bindWorker: () =>
      t.db.insert(chatIdentities).values({ personId: worker.id, platform: 'wechat', externalId: wx.worker.id, createdAt: new Date(now) }),
    /** The puppet delivers an already-delivered message id again, as a reconnecting puppet may. */
    redeliver: (messageId: string) => void wx.mocker.puppet.emit('message', { messageId }),
    advance: (ms: number) => void (now += ms),
    /** Idempotent, so a test's afterEach may call it for a world stopped already. */
    async stop() {
      if (stopped) return;
      stopped = true;
      await wx.stop();
      t.close();
    },
  };
}

export type WechatE2eWorld = Awaited<ReturnType<typeof wechatE2eWorld>>;

/** Lets in-flight wechaty events finish before asserting that something did not happen. */
export const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));
