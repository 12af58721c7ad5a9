import { describe, it, expect } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('spoken kinds: shouted level, whether an action was done, a withdrawal, who went along', () => {
  it('reads a level word shouted with marks', () => {
    expect(parse('华盛木业 粉尘堆积 重大! 三天内整改')).toMatchObject({ intent: 'report', level: 'major', deadline: { kind: 'days', days: 3 } });
  });

  it('asks about a hazard when it asks whether an action was done yet', () => {
    expect(parse('YH20261201-0009 应急签收了吗')).toMatchObject({ intent: 'query_hazard', code: 'YH20261201-0009' });
    expect(parse('YH20261201-0009 住建报到没有')).toMatchObject({ intent: 'query_hazard' });
  });

  it('withdraws a message said to be sent to the wrong place', () => {
    expect(parse('上一条发错了，本来是发到家长群的，不算啊')).toMatchObject({ intent: 'cancel' });
  });

  it('reads a visit with the people who went along', () => {
    expect(parse('下午我们陪同领导去了华盛木业 仓库 车间都看过了 没问题')).toMatchObject({ intent: 'patrol', enterprise: '华盛木业', result: 'normal' });
  });
});

describe('an enterprise named, then the bot asked about it', () => {
  it('asks report or patrol when the sender asks what to do about it or sends its photos', () => {
    const what = parse('宏发板材那边你看要怎么处理，老板天天找我');
    expect(what).toMatchObject({ intent: 'ambiguous', options: [{ intent: 'report', enterprise: '宏发板材' }, { intent: 'patrol', enterprise: '宏发板材' }] });
    expect(parse('德胜家具 图片我已经发上来了 您看一下')).toMatchObject({ intent: 'ambiguous', options: [{ enterprise: '德胜家具' }, { enterprise: '德胜家具' }] });
  });

  it('looks an enterprise up when asked to after its name, and keeps how-to questions', () => {
    expect(parse('德胜家具 帮我查一下')).toMatchObject({ intent: 'query_enterprise', enterprise: '德胜家具' });
    expect(parse('整改怎么弄')).toMatchObject({ intent: 'help' });
  });
});

describe('a device that does not do its job, and indefinite words in a statement', () => {
  it('reads negated and failed verbs as findings', () => {
    for (const said of ['青松木业 配电箱门一直不关', '青松木业 喷淋头不出水', '青松木业 防火门关不上', '青松木业 大门敞着']) {
      expect(parse(said)).toMatchObject({ intent: 'report', enterprise: '青松木业' });
    }
    expect(parse('青松木业 不关心安全').intent).not.toBe('report');
  });

  it('reads 什么人都能进 / 啥东西都往里堆 as said, not asked', () => {
    expect(parse('青松木业 门锁不住 啥人都能进')).toMatchObject({ intent: 'report', enterprise: '青松木业' });
  });
});

describe('跑了 as a visit verb', () => {
  it('reads a visit told as 跑了, on its own line or after the name', () => {
    expect(parse('德胜家具 下午跑了 正常')).toMatchObject({ intent: 'patrol', enterprise: '德胜家具', result: 'normal' });
    expect(parse('上午跑过了\n德胜家具\n没问题')).toMatchObject({ intent: 'patrol', enterprise: '德胜家具', result: 'normal' });
  });
});

describe('a patrol whose findings were put right already', () => {
  it('reads the verdict after what was put right as all well', () => {
    expect(parse('检查了德胜家具 电焊已停 证件补了 正常')).toMatchObject({ intent: 'patrol', enterprise: '德胜家具', result: 'normal' });
    expect(parse('检查了德胜家具 灭火器过期 正常')).toMatchObject({ intent: 'patrol', result: 'issues' });
  });
});
