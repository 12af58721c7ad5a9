import { describe, it, expect } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

// Thursday 2026-12-03 10:00 Shanghai. Sentences that name a hazard code and what to do with it, by kind.
const NOW = new Date('2026-12-03T02:00:00Z');
const C = 'YH20261130-0004';
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('formal admin sentences around a code', () => {
  it('reads 交由 / 责成 with a deadline as 交办, the done words after 前 being the goal', () => {
    expect(parse(`现将${C}交由遥观镇安监办督办，务必于本月底前整改到位`))
      .toMatchObject({ intent: 'assign', code: C, deadline: { kind: 'date', date: '2026-12-31' }, responsible: '遥观镇安监办' });
    expect(parse(`责成企业于3日内完成${C}整改`)).toMatchObject({ intent: 'assign', deadline: { kind: 'days', days: 3 } });
    expect(parse(`${C} 限于12月20日前处理完毕`)).toMatchObject({ intent: 'assign', deadline: { kind: 'date', date: '2026-12-20' } });
  });

  it('reads 现吹哨 <department>，请…报到 as the whistle, not a deadline for 交办', () => {
    expect(parse(`${C}涉及特种设备，现吹哨市场监管局，请三日内到场报到`)).toMatchObject({ intent: 'whistle', department: '市场监管局' });
    expect(parse(`鉴于${C}属燃气问题，现移交燃气公司处理，请于明日报到`)).toMatchObject({ intent: 'whistle', department: '燃气公司' });
  });

  it('reads an approval after the check passed as the close', () => {
    expect(parse(`${C}经镇安监办复查合格，予以销号`)).toMatchObject({ intent: 'close', code: C });
    expect(parse(`${C}号隐患经区住建局组织验收通过，同意销号。`)).toMatchObject({ intent: 'close', code: C });
  });

  it('keeps a done deadline, a verdict said now, and 不予销号 as they were', () => {
    expect(parse(`${C} 已于12月1日前整改完毕`).intent).toBe('rectify');
    expect(parse(`${C} 复查合格 可以销号`)).toMatchObject({ intent: 'review', pass: true });
    expect(parse(`${C} 验收不合格，不予销号`)).toMatchObject({ intent: 'review', pass: false });
  });
});

describe('a department or enterprise asking about a hazard', () => {
  it('reads what-is-it questions as the hazard asked for, whoever names itself', () => {
    expect(parse(`${C} 我们住建局这边看不到具体内容，麻烦发一下`)).toMatchObject({ intent: 'query_hazard', code: C });
    expect(parse(`我们供电所收到一条${C}，这是什么情况`)).toMatchObject({ intent: 'query_hazard', code: C });
    expect(parse(`${C}是啥意思 我们公司怎么会有隐患`)).toMatchObject({ intent: 'query_hazard', code: C });
    expect(parse(`请问这个YH编号代表什么？我们车间接到一个${C}`)).toMatchObject({ intent: 'query_hazard', code: C });
  });

  it('reads how long they have as a question about the hazard', () => {
    expect(parse(`${C} 我们要在几号前整改完？`)).toMatchObject({ intent: 'query_hazard' });
    expect(parse(`${C} 给我们多少天整改`)).toMatchObject({ intent: 'query_hazard' });
  });

  it('keeps a department receiving it, and one named as the target, as before', () => {
    expect(parse(`市场监管所收到 ${C}`)).toMatchObject({ intent: 'acknowledge', code: C });
    expect(parse(`${C} 转市场监管所`)).toMatchObject({ intent: 'whistle', department: '市场监管所' });
  });
});

describe('who says 报到', () => {
  it('reads 报到 told as done, even after the whistle it answers, as the acknowledgement', () => {
    expect(parse(`${C} 吹哨给住建局的 他们今天已经报到了`)).toMatchObject({ intent: 'acknowledge', code: C });
    expect(parse(`消防大队已报到 ${C}`)).toMatchObject({ intent: 'acknowledge' });
  });

  it('keeps 报到 asked about a question', () => {
    expect(parse(`${C} 消防报到了吗`)).toMatchObject({ intent: 'query_hazard' });
  });
});

describe('an enterprise saying the fix is done and asking for the re-check', () => {
  it('reads the job told done in its own verbs, with or without the request', () => {
    expect(parse(`${C} 仓库货物已经全部搬到新仓库了，麻烦安排人来复查`)).toMatchObject({ intent: 'rectify', code: C });
    expect(parse(`配电箱接地线已经接好了 ${C} 啥时候过来验收`)).toMatchObject({ intent: 'rectify', code: C });
    expect(parse(`我们按要求把灭火器都换成新的了，${C}，请来复查`)).toMatchObject({ intent: 'rectify', code: C });
    expect(parse(`${C} 积水坑已经抽干了 盖板也做好了`)).toMatchObject({ intent: 'rectify', code: C });
  });

  it('reads 整改已完成 / 整改ok / 这是整改后的 as the rectification, a tick on it included', () => {
    expect(parse(`${C} 整改已经完成，附上整改前后对比照片`)).toMatchObject({ intent: 'rectify', code: C });
    expect(parse(`${C} 整改ok啦 图已上传✅`)).toMatchObject({ intent: 'rectify', code: C });
    expect(parse(`这几张是整改后的 ${C}`)).toMatchObject({ intent: 'rectify', code: C });
    expect(parse(`${C} 线路已经换好了 验收报告也在`)).toMatchObject({ intent: 'rectify', code: C });
  });

  it('keeps a demand, a hazard still there, and a bare tick as before', () => {
    expect(parse(`${C} 要求企业三天内换好`)).toMatchObject({ intent: 'assign', deadline: { kind: 'days', days: 3 } });
    expect(parse(`${C} 灭火器已经过期了`).intent).not.toBe('rectify');
    expect(parse(`${C} ✅`)).toMatchObject({ intent: 'review', pass: true });
  });
});

describe("a worker's re-check told in words", () => {
  it('reads the state found as the verdict, look-alike slips included', () => {
    expect(parse(`${C} 今天过去看了 已经改好了`)).toMatchObject({ intent: 'review', code: C, pass: true });
    expect(parse(`${C} 夏查 己整改好了`)).toMatchObject({ intent: 'review', code: C, pass: true });
    expect(parse(`${C} 到现场看了 还末整改`)).toMatchObject({ intent: 'review', code: C, pass: false });
    expect(parse(`${C} 复查 pass 👍`)).toMatchObject({ intent: 'review', pass: true });
    expect(parse(`${C} 复查 不pass 还有杂物`)).toMatchObject({ intent: 'review', pass: false });
  });

  it('keeps 周末 and 自己 as words, and a verdict asked about a question', () => {
    expect(parse(`${C} 周末整改`).intent).toBe('assign');
    expect(parse(`${C} 我自己改好了`).intent).toBe('rectify');
    expect(parse(`请问${C} 验收合格没有`)).toMatchObject({ intent: 'query_hazard' });
  });
});

describe('an enterprise disputing a hazard', () => {
  it('reads 不算隐患吧 / 这也算隐患 / 凭什么 as a question about it, not its voiding', () => {
    expect(parse(`${C} 这个也算隐患？我们一直都是这么放的`)).toMatchObject({ intent: 'query_hazard', code: C });
    expect(parse(`${C} 我们觉得这个不算问题，离墙有两米`)).toMatchObject({ intent: 'query_hazard', code: C });
    expect(parse(`凭什么说是隐患 ${C}`)).toMatchObject({ intent: 'query_hazard', code: C });
  });

  it("keeps the office's own void verbs a void", () => {
    expect(parse(`${C} 作废 不算隐患`)).toMatchObject({ intent: 'void' });
    expect(parse(`${C} 不算 重复了`)).toMatchObject({ intent: 'void' });
  });
});

describe('a hand-over to a township office, and a close refused', () => {
  it('reads 转交/移交 <镇/安监办> as 交办, a department after the same verb as the whistle', () => {
    expect(parse(`现将${C}转交湖塘镇安监办，限下周一前整改`))
      .toMatchObject({ intent: 'assign', responsible: '湖塘镇安监办', deadline: { kind: 'date', date: '2026-12-07' } });
    expect(parse(`${C} 移交牛塘镇处理`)).toMatchObject({ intent: 'assign', responsible: '牛塘镇' });
    expect(parse(`${C} 转给湖塘镇消防站`)).toMatchObject({ intent: 'whistle', department: '消防站' });
  });

  it('reads 不同意销号 / 暂不予销号 as the review failed, 同意销号 stays the close', () => {
    expect(parse(`${C} 现场还有杂物，不同意销号`)).toMatchObject({ intent: 'review', pass: false });
    expect(parse(`${C} 标识未张贴 暂不予销号`)).toMatchObject({ intent: 'review', pass: false });
    expect(parse(`${C} 整改到位 同意销号`)).toMatchObject({ intent: 'close' });
  });
});

describe('more of the same kinds, said otherwise', () => {
  it('reads 望复查 / 烦请验收 after the job as the rectification', () => {
    expect(parse(`${C} 隐患已处理完毕，望复查`)).toMatchObject({ intent: 'rectify' });
    expect(parse(`${C} 烦请验收`)).toMatchObject({ intent: 'rectify' });
  });

  it('reads a visit that found the job unfinished (还差, 没弄完, 还是堆着) as failed, one that found it done as passed', () => {
    expect(parse(`${C} 复查 大部分弄了 还差两个灭火器`)).toMatchObject({ intent: 'review', pass: false });
    expect(parse(`${C} 下午过去看了 还是堆着纸箱`)).toMatchObject({ intent: 'review', pass: false });
    expect(parse(`${C} 复查 隔离栏没装完`)).toMatchObject({ intent: 'review', pass: false });
    expect(parse(`${C} 去看了 修好了`)).toMatchObject({ intent: 'review', pass: true });
  });

  it('reads a flat dispute and a how-to question as asking about the hazard', () => {
    expect(parse(`${C} 这个隐患我们有异议，设备是备用的`)).toMatchObject({ intent: 'query_hazard' });
    expect(parse(`我厂收到了${C}的通知，请问具体要怎么整改`)).toMatchObject({ intent: 'query_hazard' });
  });

  it('keeps a record made by mistake a void and a department saying 收到 its acknowledgement', () => {
    expect(parse(`${C} 不是那家 报错了`)).toMatchObject({ intent: 'void' });
    expect(parse(`${C} 收到，今天下午到现场`)).toMatchObject({ intent: 'acknowledge' });
  });
});

describe('a hazard code mistyped', () => {
  it('reads letters for digits and another mark between date and sequence', () => {
    expect(parse('YH2O261130-0004 整改完成')).toMatchObject({ intent: 'rectify', code: C });
    expect(parse('复查 YH20261130-00O4 通过')).toMatchObject({ intent: 'review', code: C, pass: true });
    expect(parse('YH20261l30。0004 去看了 还没改')).toMatchObject({ intent: 'review', code: C, pass: false });
    expect(parse('查询 YH20261130/0004')).toMatchObject({ intent: 'query_hazard', code: C });
  });

  it('takes no word after a code into it, and reads no code where the date is not whole', () => {
    expect(parse(`${C} ok`)).toMatchObject({ code: C });
    expect(parse('why20261130-0004').intent).toBe('unknown');
    expect(parse('YH2026113-0004 整改完成').intent).toBe('unknown');
  });
});
