import { describe, it, expect } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { withoutMetaAsk } from '../bot/dialog/parse/questions.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('one list of time words for every reader', () => {
  it('reads a week word where a day word is read: before the visit, after the name, glued', () => {
    expect(parse('这周去了瑞安机械 一切正常')).toMatchObject({ intent: 'patrol', enterprise: '瑞安机械', result: 'normal' });
    expect(parse('瑞安机械我本周去过了 没问题')).toMatchObject({ intent: 'patrol', enterprise: '瑞安机械', result: 'normal' });
    expect(parse('瑞安机械 这礼拜检查了 正常')).toMatchObject({ intent: 'patrol', enterprise: '瑞安机械', result: 'normal' });
  });

  it('reads a day and a time of day together before going somewhere', () => {
    // A visit and a finding: report or patrol, asked; both name the enterprise, not the time.
    const went = parse('昨天下午到光明塑胶，仓库里的灭火器都过期了');
    expect(went.intent).toBe('ambiguous');
    expect(went).toMatchObject({ options: [{ enterprise: '光明塑胶' }, { enterprise: '光明塑胶' }] });
    expect(parse('新发电子我刚检查完 正常的')).toMatchObject({ intent: 'patrol', enterprise: '新发电子', result: 'normal' });
  });

  it('keeps a week word in front of a question as the period asked about', () => {
    expect(parse('这周巡查完成率多少')).toMatchObject({ intent: 'stats', period: '本周' });
  });
});

describe('one reader of a clause asking whether the message is right', () => {
  it('drops the doubt, wherever it is said, and keeps what was told', () => {
    expect(withoutMetaAsk('青松木业 配电箱门坏了 请问这样报可以吗')?.text).toBe('青松木业 配电箱门坏了');
    expect(withoutMetaAsk('请问巡查正常的话是不是也要发? 青松木业我看过了,没问题')?.text).toBe("青松木业我看过了,没问题");
    expect(withoutMetaAsk('青松木业去过了 正常 我还需要做什么吗')?.text).toBe('青松木业去过了 正常');
    expect(withoutMetaAsk('青松木业配电箱门坏了')).toBeNull();
  });

  it('reads a proposed major hazard as the level, quoting the proposal', () => {
    const p = parse('青松木业配电箱旁边堆了油漆桶，是不是要报重大隐患？');
    expect(p).toMatchObject({ intent: 'report', enterprise: '青松木业', level: 'major' });
    expect(String(p.levelReason)).toMatch(/重大/);
  });

  it('leaves a real question a question', () => {
    expect(parse('隐患怎么报')).toMatchObject({ intent: 'help' });
  });
});
