import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { hazards, patrols, receivedMessages, hazardEvents } from '../db/schema/index.js';
import type { ChatPlatform } from '../bot/port.js';
import { dialogWorld } from './helpers/dialog-world.js';

// Deterministic PRNG (mulberry32): a failure names its seed and reproduces.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Random CJK from the common block, minus every character of the world's enterprise and town
// names: random words can then never name a real enterprise, so no report can complete.
const BANNED = new Set([...'常州华美化工有限公司塑料制品横山精密机械测试企业林桥镇']);
const cjkChar = (r: () => number): string => {
  for (;;) {
    const ch = String.fromCodePoint(0x4e00 + Math.floor(r() * (0x9fa5 - 0x4e00)));
    if (!BANNED.has(ch)) return ch;
  }
};

const COMMANDS = ['上报', '隐患：', '巡查', '整改', '复查', '查询', '统计', '逾期', '重大隐患', '排名', '交办', '吹哨', '报到', '销号', '作废', '我的任务', '绑定', '帮助', '取消', '是', '否', '1', '2', '9', '0', '第3个'];
const HOSTILE = [
  '', ' ', '\u3000\u3000', '\n\n\n', '\u0000\u0001\u0002\u001b[31m红色\u001b[0m', '\u202e隐患倒序\u202c', '\u200b\u200b\u200b',
  "'; DROP TABLE hazards; --", '1 OR 1=1', "上报 ' OR '1'='1 消防通道", '查询 %', '查询 _', '查询 \\', '统计 "); delete from people; --',
  '[点我](http://evil.example/steal)', '**加粗** # 标题 > 引用 `代码` | 表格 |', '<script>alert(1)</script>', '![x](http://evil/x.png)',
  '查询 YH99999999-9999', '整改 YH20261123-9999 已完成', '复查 YH00000000-0000 通过', '销号 yh2026112300001', '作废 YH20261123-0001 重复 YH20261123-0002',
  '吹哨 YH20261123-0042 不存在的部门', '交办 YH20261123-0007 365天', '交办 YH20261123-0007 2020年1月1日前', '绑定 000000', '绑定 12345', '绑定 ０００１２３',
  '😀😀😀🔥🧯🚒', '🧯上报🧯', '上报 😀 😀', '統計 全區', '?', '？？？', '1'.repeat(50), '9'.repeat(6),
];

function randomText(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const cjk = (n: number) => Array.from({ length: n }, () => cjkChar(r)).join('');
  switch (Math.floor(r() * 8)) {
    case 0: return pick(HOSTILE);
    case 1: return `${pick(COMMANDS)} ${cjk(1 + Math.floor(r() * 6))} ${cjk(Math.floor(r() * 12))}`;
    case 2: return cjk(Math.floor(r() * 20));
    case 3: return `${pick(COMMANDS)}${pick(HOSTILE)}`;
    case 4: return Array.from({ length: Math.floor(r() * 40) }, () => String.fromCodePoint(Math.floor(r() * 0x2ffff))).join('');
    case 5: return pick(COMMANDS);
    case 6: return r() < 0.3 ? cjkChar(r).repeat(20_000) : `上报 ${cjk(3)} ${cjkChar(r).repeat(20_000)}`;
    default: return `${pick(COMMANDS)} ${pick(HOSTILE)} ${cjk(4)}`;
  }
}

describe('chat fuzz', () => {
  it('thousands of random and hostile messages: no throw, no crash, no record, a sensible reply or silence', async () => {
    const c = await dialogWorld();
    const r = rng(20261123);
    const bound = [c.w.workerA1, c.w.workerB1, c.w.adminA, c.w.district, c.w.deptUser];
    const platforms: ChatPlatform[] = ['terminal', 'dingtalk', 'wechat'];
    let replies = 0;
    let silent = 0;
    const N = 2500;
    for (let i = 0; i < N; i++) {
      const text = randomText(r);
      const stranger = r() < 0.25;
      const person = stranger ? null : bound[Math.floor(r() * bound.length)];
      const platform = stranger ? platforms[Math.floor(r() * 3)] : r() < 0.5 ? 'terminal' : 'dingtalk';
      const group = r() < 0.2;
      const msg = c.message(person, text, {
        platform,
        group,
        mentioned: group ? r() < 0.5 : true,
        photos: r() < 0.03 ? 1 : 0,
        // Some deliveries repeat an earlier id (redelivery); some ids are themselves hostile.
        messageId: r() < 0.05 ? `m-${Math.floor(r() * 50)}` : r() < 0.02 ? `'; drop table x; --${i}` : `fz-${i}`,
        senderId: stranger && r() < 0.2 ? (r() < 0.5 ? `${platform}:` : `dingtalk:${'x'.repeat(300)}`) : undefined,
      });
      if (r() < 0.1) c.advance(Math.floor(r() * 20 * 60_000));
      const reply = await c.inbox.receive(msg);
      if (reply === null) {
        silent++;
        continue;
      }
      replies++;
      expect(reply.title.length).toBeGreaterThan(0);
      expect(reply.text.length).toBeGreaterThan(0);
      expect(reply.text.length).toBeLessThanOrEqual(3001 + 40);
      expect(reply.text).not.toMatch(/\bat .*\.(ts|js):\d+|SQLITE|Error:|undefined|NaN|\[object/);
      // User text must never become a link, image or heading in DingTalk markdown.
      if (reply.markdown) expect(reply.markdown.replace(/\]\(dtmd:\/\/[^)]*\)/g, '')).not.toMatch(/\]\(|<script/);
      expect(reply.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    }
    expect(replies).toBeGreaterThan(N / 3);
    expect(silent).toBeGreaterThan(0);
    expect(c.logs).toEqual([]);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
    expect(await c.db.select({ n: count() }).from(patrols)).toEqual([{ n: 0 }]);
    expect(await c.db.select({ n: count() }).from(hazardEvents)).toEqual([{ n: 0 }]);
    expect(await c.db.select({ n: count() }).from(receivedMessages).where(eq(receivedMessages.status, 'failed'))).toEqual([{ n: 0 }]);
  }, 120_000);
});
