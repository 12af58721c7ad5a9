import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { attachments, hazards, patrols } from '../db/schema/index.js';
import { runTerminalChat } from '../bot/adapters/terminal.js';
import { dialogWorld, pngBytes } from './helpers/dialog-world.js';

/** Feeds lines one by one and returns everything the chat printed. */
async function chat(c: Awaited<ReturnType<typeof dialogWorld>>, lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d) => (printed += String(d)));
  // A short burst window keeps the test quick; the rule is the platforms' (bot/dialog/burst.ts).
  const done = runTerminalChat({ deps: c.deps, input, output, photoSettleMs: 300 });
  for (const l of lines) input.write(`${l}\n`);
  input.end();
  await done;
  return printed;
}

describe('terminal chat', () => {
  it('lists people, switches identity with /as and answers as that person', async () => {
    const c = await dialogWorld();
    const out = await chat(c, [`/as ${c.w.workerA1.name}`, '帮助', '上报 华美化工 二楼配电房堆放杂物', '巡查 华美塑料 正常', '统计']);
    expect(out).toMatch(new RegExp(`\\d+\\. ${c.w.workerA1.name}（网格员）`));
    expect(out).toContain(`现在的身份：${c.w.workerA1.name}（网格员）`);
    expect(out).toContain('【网格员可用命令】');
    expect(out).toMatch(/【隐患已登记 YH20261123-0001】/);
    expect(out).toContain('【巡查已记录】');
    expect(out).toMatch(/【统计（我的网格，本月）】/);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 1 }]);
    expect(await c.db.select({ n: count() }).from(patrols)).toEqual([{ n: 1 }]);
    expect(out).toContain('再见。');
  });

  it('asks for an identity before anything else and sends photos with /photo', async () => {
    const c = await dialogWorld();
    const dir = await mkdtemp(join(tmpdir(), 'gridsafe-term-'));
    const path = join(dir, 'a.png');
    await writeFile(path, pngBytes());
    const out = await chat(c, ['上报 华美化工 杂物', `/as ${c.w.workerA1.name}`, `/photo ${path}`, '上报 华美化工 安全出口锁闭', '/photo /no/such/file.png']);
    expect(out).toContain('请先选择身份');
    // The photo is followed at once by words: those words answer for both, as on the platforms.
    expect(out).not.toContain('已收到 1 张照片');
    expect(out).toContain('已附 1 张照片');
    expect(out).toContain('读取图片失败');
    const [a] = await c.db.select().from(attachments);
    expect(a.hazardId).not.toBeNull();
  });

  it('a burst of photos gets one reply, whether sent as one /photo line or line after line', async () => {
    const c = await dialogWorld();
    const dir = await mkdtemp(join(tmpdir(), 'gridsafe-term-'));
    const paths = await Promise.all(['a', 'b', 'c', 'd'].map(async (n) => {
      const path = join(dir, `${n}.png`);
      await writeFile(path, pngBytes());
      return path;
    }));
    const out = await chat(c, [
      `/as ${c.w.workerA1.name}`,
      `/photo ${paths[0]}`, `/photo ${paths[1]}`, `/photo ${paths[2]}`,
      '上报 华美化工 安全出口锁闭',
      `/photo ${paths[3]} ${paths[0]}`,
    ]);
    // Three photos, then the words: one reply, the report's, with all three.
    expect(out.match(/已收到 \d+ 张照片/g)).toBeNull();
    expect(out.match(/【隐患已登记/g)).toHaveLength(1);
    expect(out).toContain('已附 3 张照片');
    // Two more in one line after the report: one reply for the pair, on that hazard.
    const [h] = await c.db.select().from(hazards);
    expect(out.match(new RegExp(`已将 \\d+ 张照片补充到隐患 ${h.code}`, 'g'))).toEqual([`已将 2 张照片补充到隐患 ${h.code}`]);
    expect(await c.db.select({ n: count() }).from(attachments)).toEqual([{ n: 5 }]);
  });
});
