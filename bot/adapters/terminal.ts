import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { and, asc, eq, sql } from 'drizzle-orm';
import { chatIdentities, people } from '../../db/schema/index.js';
import type { Deps } from '../../api/core/context.js';
import type { IncomingImage, IncomingMessage, OutgoingMessage } from '../port.js';
import { createInbox } from '../inbox.js';
import { createDialog } from '../dialog/handle.js';
import type { VerbClient } from '../client/types.js';
import { ROLE_NAMES } from '../dialog/messages.js';

// The terminal chat: talk to the bot as any person of the database, no chat account needed
// (npm run demo, trying the bot). It goes through the same inbox and dialog as DingTalk and WeChat.

export type TerminalChatOptions = {
  deps: Deps;
  input: Readable;
  output: Writable;
  client?: VerbClient;
  /** Who to start as, like `/as`: a list number or a name; otherwise the user picks. */
  as?: string;
  /** How long a photo waits for the rest of its burst (default PHOTO_SETTLE_MS, as on the platforms); tests shorten it. */
  photoSettleMs?: number;
};

const TEXT = {
  banner: '— gridsafe 终端聊天 —  /as 姓名或序号 切换身份，/who 人员列表，/photo 图片路径…（可多张）发照片，/quit 退出',
  pick: '请先选择身份：输入 /as 序号（或姓名）',
  nobody: '数据库中还没有人员。请先导入或运行 npm run demo。',
  unknownPerson: (q: string) => `没有找到“${q}”。输入 /who 查看人员列表。`,
  now: (name: string, role: string) => `现在的身份：${name}（${role}）。直接输入消息，例如：帮助`,
  noPhoto: (p: string) => `读取图片失败：${p}`,
  bye: '再见。',
  notRecorded: '消息未能保存（数据库不可用），请稍后重发。',
} as const;

type Person = { id: number; name: string; role: keyof typeof ROLE_NAMES };

const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp' };

/** The terminal identity of a person: bound automatically, since choosing who you are is the point here. */
export const terminalId = (personId: number) => `p${personId}`;

/** Runs the chat until the input ends or /quit; resolves then. */
export async function runTerminalChat(opts: TerminalChatOptions): Promise<void> {
  const { deps, output } = opts;
  const inbox = createInbox({
    deps, client: opts.client, handle: createDialog({ deps, client: opts.client, photoSettleMs: opts.photoSettleMs }), log: (l) => write(`（${l}）`),
  });
  // Messages being handled. A line is not held until the previous one is answered: a photo waits a
  // few seconds for the rest of its burst (bot/dialog/burst.ts) and, when more came meanwhile, stays
  // silent so the burst gets one reply, as on DingTalk and WeChat. That only works if the next
  // photos reach the inbox during the wait. The inbox keeps one sender's messages in order.
  const inFlight = new Set<Promise<void>>();
  const settled = async () => { while (inFlight.size) await Promise.all([...inFlight]); };
  const rl = createInterface({ input: opts.input, terminal: false });
  // Taken at once: readline drops lines emitted before an iterator exists (piped input is fast).
  const lines = rl[Symbol.asyncIterator]();
  let me: Person | null = null;
  let n = 0;
  // A prompt helps a person at a keyboard and only clutters piped input (tests, scripts).
  const prompt = (opts.input as { isTTY?: boolean }).isTTY ? () => output.write('> ') : () => {};

  function write(line: string) {
    output.write(`${line}\n`);
  }

  async function list(): Promise<Person[]> {
    return deps.db.select({ id: people.id, name: people.name, role: people.role }).from(people).where(eq(people.active, true)).orderBy(asc(people.id)).limit(200);
  }

  async function byName(q: string): Promise<Person | undefined> {
    const active = and(eq(people.active, true), eq(people.name, q));
    const exact = await deps.db.select({ id: people.id, name: people.name, role: people.role }).from(people).where(active).limit(1);
    if (exact[0]) return exact[0];
    const like = and(eq(people.active, true), sql`instr(${people.name}, ${q}) > 0`);
    return (await deps.db.select({ id: people.id, name: people.name, role: people.role }).from(people).where(like).orderBy(asc(people.id)).limit(1))[0];
  }

  async function become(query: string) {
    const q = query.trim();
    if (!q) return who();
    // A number is a position in the /who list; anything else a name (a city-scale demo has thousands).
    const found = /^\d+$/.test(q) ? (await list())[Number(q) - 1] : await byName(q);
    if (!found) return write(TEXT.unknownPerson(q));
    // Through the writer like every write of the process (an import may hold the database meanwhile).
    await deps.writer.batch([deps.db.insert(chatIdentities).values({ personId: found.id, platform: 'terminal', externalId: terminalId(found.id), createdAt: deps.clock() }).onConflictDoNothing()]);
    me = found;
    write(TEXT.now(found.name, ROLE_NAMES[found.role]));
  }

  async function who() {
    const all = await list();
    if (!all.length) return write(TEXT.nobody);
    all.forEach((p, i) => write(`${i + 1}. ${p.name}（${ROLE_NAMES[p.role]}）`));
  }

  function sendAs(person: Person, text: string, images: IncomingImage[] = []) {
    const msg: IncomingMessage = {
      platform: 'terminal',
      messageId: `term-${process.pid}-${Date.now()}-${++n}`,
      senderId: `terminal:${terminalId(person.id)}`,
      senderName: person.name,
      text,
      images,
      conversation: { kind: 'direct' },
      mentioned: true,
      receivedAt: deps.clock(),
      replyTo: String(person.id),
    };
    // The terminal has no redelivery: a message that could not even be recorded is reported and dropped.
    const handled = inbox.receive(msg).catch(() => ({ title: TEXT.notRecorded, text: TEXT.notRecorded })).then(show);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  }

  function show(reply: OutgoingMessage | null) {
    if (!reply) return;
    write(reply.text);
    write('');
  }

  async function photo(path: string): Promise<IncomingImage | null> {
    try {
      const bytes = new Uint8Array(await readFile(path));
      return { ref: path, fetch: async () => ({ bytes, mime: MIME[extname(path).toLowerCase()] ?? 'application/octet-stream' }) };
    } catch {
      write(TEXT.noPhoto(path));
      return null;
    }
  }

  async function line(raw: string): Promise<boolean> {
    const text = raw.trim();
    // Commands about the session wait for the answers still coming, so the output stays in order.
    if (text === '/quit' || text === '/exit') return false;
    if (text === '/who') await settled().then(who);
    else if (text.startsWith('/as')) await settled().then(() => become(text.slice(3)));
    else if (!me) write(TEXT.pick);
    else if (text.startsWith('/photo')) {
      // Several paths are several photo messages sent at once, as a phone sends a burst.
      for (const path of text.slice(6).trim().split(/\s+/).filter(Boolean)) {
        const image = await photo(path);
        if (image) sendAs(me, '', [image]);
      }
    } else if (text) sendAs(me, text);
    return true;
  }

  write(TEXT.banner);
  if (opts.as !== undefined) await become(opts.as);
  else await who().then(() => write(TEXT.pick));
  // Lines are read as they come; each answer is printed when it is ready (see inFlight).
  prompt();
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (!(await line(next.value))) break;
    prompt();
  }
  await settled();
  rl.close();
  write(TEXT.bye);
}
