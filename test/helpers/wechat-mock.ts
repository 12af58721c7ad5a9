import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { createWechatAdapter } from '../../bot/adapters/wechat/adapter.js';

/**
 * A logged-in wechaty bot on the mock puppet (the real wechaty, fake WeChat servers), with a
 * worker contact and a group. Mock room ids must contain '@'.
 */
export async function mockWechat(opts: { sleeps?: number[] } = {}) {
  const mocker = new mock.Mocker();
  const sleeps = opts.sleeps ?? [];
  const adapter = createWechatAdapter({
    puppet: new PuppetMock({ mocker }),
    name: `test-${Math.random().toString(36).slice(2)}`,
    queue: { minGapMs: 2000, jitterMs: 1000, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    log: () => {},
    onQr: () => {},
  });
  await adapter.start();
  mocker.scan('https://login.weixin.qq.com/l/test');
  const me = mocker.createContact({ name: '安全助手' });
  mocker.login(me);
  const worker = mocker.createContact({ name: '张三' });
  const room = mocker.createRoom({ id: `grid${Math.floor(Math.random() * 1e6)}@chatroom`, topic: '横林镇网格群', memberIdList: [me.id, worker.id] });
  // Everything the bot says is seen here as text, with where it went.
  const said: { to: string; text: string }[] = [];
  adapter.bot.on('message', (msg) => {
    if (msg.self()) said.push({ to: msg.room()?.id ?? msg.listener()?.id ?? '', text: msg.text() });
  });
  return { mocker, adapter, me, worker, room, said, sleeps, stop: () => adapter.stop() };
}

export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
