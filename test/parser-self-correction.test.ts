// A correction said inside the message being sent changes the part it names, and leaves the hazard's words.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW, { botNames: ['安全助手'] }) as Record<string, unknown>;

describe('a correction inside the message', () => {
  it.each([
    ['宏远的配电箱门坏了 哦不对是金鼎的', { intent: 'report', enterprise: '金鼎', description: '配电箱门坏了' }],
    ['上报 宏远 安全出口锁了 说错了 是金鼎机械', { intent: 'report', enterprise: '金鼎机械', description: '安全出口锁了' }],
    ['金鼎 消防栓被挡住了，不对，是宏远的消防栓', { intent: 'report', enterprise: '宏远', description: '消防栓被挡住了' }],
    ['巡查 宏远 正常 搞错了 是金鼎', { intent: 'patrol', enterprise: '金鼎', result: 'normal' }],
    ['上报 宏远 通道堵了 不对 是重大', { intent: 'report', enterprise: '宏远', description: '通道堵了', level: 'major' }],
    ['宏远 灭火器过期 不对 是后天前换掉', { intent: 'report', enterprise: '宏远', description: '灭火器过期', deadline: { kind: 'days', days: 2 } }],
  ])('%s', (text, want) => {
    const got = parse(text);
    expect(got).toMatchObject(want);
    expect(String(got.description ?? got.note ?? '')).not.toMatch(/不对|说错|搞错/);
  });

  it.each([
    // What follows the retraction is no name, level or deadline: the words stay as said, nothing is moved.
    ['宏远 灭火器过期 不对 是两个灭火器过期', { enterprise: '宏远' }],
    // A correction alone corrects the message before it (corrections.ts), not itself.
    ['不对 是金鼎', { intent: 'unknown' }],
  ])('%s stays as it was said', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });
});
