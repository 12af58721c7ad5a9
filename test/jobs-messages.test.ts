import { describe, it, expect } from 'vitest';
import { deadlinePhrase, digestMessage, monthlyAssessmentMessage, renderFor, urgentAlertMessage, weeklySummaryMessage } from '../jobs/messages.js';
import { DEFAULT_ASSESSMENT_WEIGHTS } from '../api/stats/assessment.js';
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

  it('周报 states what 按期巡查率 means and names the weakest places with the ratio behind it', () => {
    const f = (due: number, onTime: number, overdue: number) => ({
      patrols: { due, done: onTime + 1, onTime, completionRate: due ? Math.round((onTime / due) * 1000) / 1000 : 1 },
      hazards: { found: 4, closed: 2, open: 3, overdue, majorOpen: 0, closedOnTime: 1 },
    });
    const m = weeklySummaryMessage('横林镇', sh(16), sh(22), f(12, 8, 3), [{ name: '东村网格', f: f(3, 1, 2) }], '网格');
    expect(m.text.split('\n')).toEqual([
      '【周报】横林镇 11月16日—11月22日',
      '巡查：应巡查 12，已巡查 9，按期完成 8，按期巡查率 66.7%',
      '（按期巡查率 = 按期完成 ÷ 应巡查；应巡查 = 当周已巡查 + 到期仍未巡查）',
      '隐患：新发现 4，销号 2，逾期未整改 3',
      '按期巡查率最低的网格：',
      '· 东村网格：按期巡查率 33.3%（1÷3），逾期隐患 2',
      '回复“统计 上周”查看全部',
    ]);
  });

  it('考核 shows the score formula with the API weights and the lowest scores with their rank', () => {
    const row = (personId: number, score: number) => ({
      personId, name: `网格员${personId}`, patrolsDue: 10, patrolsDone: 9, patrolsOnTime: 8, completionRate: 0.8, majorVerified: 1, falseReports: 0, score,
    });
    const rows = [row(1, 95), row(2, 85), row(3, 70)]; // best first, as assessment() ranks them
    const m = monthlyAssessmentMessage('横林镇', '2026-10', rows, DEFAULT_ASSESSMENT_WEIGHTS, 2);
    expect(m.title).toBe('2026年10月考核');
    expect(m.text.split('\n')).toEqual([
      '【2026年10月考核】横林镇 网格员 3 人',
      '得分 = 按期巡查率×100 + 核实重大隐患×5 − 不属实上报×10',
      '（按期巡查率 = 按期完成 ÷ 应巡查，即“排名”中的完成率）',
      '得分最低 2 人：',
      '· 第 3 名 网格员3 70 分：应巡查 10，按期完成 8，按期巡查率 80%，重大隐患 +1，不属实 −0',
      '· 第 2 名 网格员2 85 分：应巡查 10，按期完成 8，按期巡查率 80%，重大隐患 +1，不属实 −0',
      '回复“排名 上月”查看全部',
    ]);
    expect(monthlyAssessmentMessage('全区', '2026-12', rows.slice(0, 1), DEFAULT_ASSESSMENT_WEIGHTS, 5).text).toContain('得分由低到高：\n· 第 1 名 网格员1');
  });
});
