import { describe, it, expect, afterEach } from 'vitest';
import { PNG } from 'pngjs';
import type { FileBoxInterface } from 'file-box';
import { until } from './helpers/wechat-mock.js';
import { wechatE2eWorld, settle, type WechatE2eWorld } from './helpers/wechat-e2e-world.js';

// 统计图 on WeChat (mock puppet, real wechaty): the figures as text, then the chart as a PNG FileBox.
describe('WeChat chart pictures (统计图)', () => {
  let w: WechatE2eWorld;
  afterEach(async () => w?.stop());

  const watchFiles = (world: WechatE2eWorld) => {
    const files: { to: string; box: FileBoxInterface }[] = [];
    world.wx.adapter.bot.on('message', async (msg) => {
      if (msg.self() && msg.type() !== world.wx.adapter.bot.Message.Type.Text) {
        files.push({ to: msg.room()?.id ?? msg.listener()?.id ?? '', box: await msg.toFileBox() });
      }
    });
    return files;
  };

  it('sends the text, then the chart as a PNG file to the same chat', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    const files = watchFiles(w);
    const reply = await w.ask('统计图');
    expect(reply.text).toContain('完成率');
    await until(() => files.length === 1);
    expect(files[0].to).toBe(w.wx.worker.id);
    expect(files[0].box.name).toBe('chart.png');
    const png = PNG.sync.read(await files[0].box.toBuffer());
    expect(png.width).toBe(1040);
  });

  it('sends no file for plain 统计', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    const files = watchFiles(w);
    await w.ask('统计');
    await settle(150);
    expect(files).toHaveLength(0);
  });
});
