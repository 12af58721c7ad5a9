import { describe, it, expect } from 'vitest';
import { deadlinePhrase, digestMessage, renderFor, urgentAlertMessage } from '../jobs/messages.js';
import { sh } from './helpers/jobs-fixtures.js';

describe('job messages', () => {
  const now = sh(23);

  it('says how late a deadline (end of its day) is in calendar days', () => {
    expect(deadlinePhrase(+sh(24, 0, 0), now)).toBe('今天到期');
    expect(deadlinePhrase(+sh(25, 0, 0), now)).toBe('明天到期');
    expect(deadlinePhrase(+sh(26, 0, 0), now)).toBe('2 天后到期');
    expect(deadlinePhrase(+sh(23, 0, 0), now)).toBe('逾期 1 天');
    expect(deadlinePhrase(+sh(20, 0, 0), now)).toBe('逾期 4 天');
    expect(deadlinePhrase(null, now)).toBe('未定期限');
  });

  it('puts counts first and only the sections that have something', () => {
    const m = digestMessage(now, {
      patrolDue: 5, patrolOverdue: 3, enterprises: [{ name: '华美化工', dueAt: +sh(10, 0, 0) }],
      hazardOverdue: 0, hazardDueSoon: 0, hazards: [], reviews: 0, reviewItems: [],
    });
    expect(m.text.split('\n')).toEqual(['今日待办（11月23日）', '巡查：到期 5 家，其中逾期 3 家', '· 华美化工 逾期 13 天', '回复“我的任务”查看全部']);
  });

  it('renders a tap-to-send link for DingTalk and plain text for WeChat', () => {
    const m = urgentAlertMessage('major_hazard', { code: 'YH20261122-0007', enterprise: '华美化工', town: '横林镇', description: '消防通道堵塞' });
    const ding = renderFor('dingtalk', m);
    expect(ding.markdown).toContain(`[查看全部](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent('查询 YH20261122-0007')})`);
    expect(ding.markdown?.startsWith('#### 【紧急】重大隐患')).toBe(true);
    expect(renderFor('wechat', m)).toEqual({ title: m.title, text: m.text });
    expect(m.text).toContain('回复“查询 YH20261122-0007”查看全部');
  });
});
