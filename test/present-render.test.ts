import { describe, expect, it } from 'vitest';
import { render, escapeMarkdown, clip, type Reply } from '../bot/present/reply.js';
import { nextActions } from '../bot/present/hazard.js';
import type { HazardView } from '../api/hazards/view.js';

const reply: Reply = {
  title: '隐患已登记 YH20261123-0001',
  lines: ['企业：常州华美化工有限公司', '内容：[点我](http://evil.example) **加粗** # 标题 <b>x</b>'],
  actions: [{ label: '整改完成', command: '整改 YH20261123-0001 已完成' }],
};

const hazard = (over: Partial<HazardView>): HazardView => ({
  id: 1, code: 'YH20261123-0001', enterprise: { id: 1, name: '华美' }, gridId: 1, townId: 1, description: '杂物', level: 'general',
  status: 'reported', checkItemId: null, deadline: null, deadlineDay: null, overdue: false, overdueDays: 0, responsible: null,
  reporterId: 1, reportedAt: '2026-11-23T02:00:00.000Z', closedAt: null, duplicateOfId: null, departments: [], ...over,
});

describe('present: one reply, rendered per platform', () => {
  it('DingTalk: markdown with a dtmd:// button that sends the command, user text defused', () => {
    const out = render('dingtalk', reply);
    expect(out.markdown).toContain('#### 隐患已登记 YH20261123-0001');
    expect(out.markdown).toContain(`[整改完成](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent('整改 YH20261123-0001 已完成')})`);
    // The only link is the button: the user's "[点我](http://…)" is shown, not linked.
    expect(out.markdown!.match(/\]\(/g)).toHaveLength(1);
    expect(out.markdown).toContain('［点我］（http://evil.example）');
    expect(out.markdown).not.toMatch(/\*\*|<b>|\n# /);
    expect(out.text.startsWith('【隐患已登记 YH20261123-0001】')).toBe(true);
  });

  it('WeChat: plain text with the command as a hint; terminal: plain text too', () => {
    const wechat = render('wechat', reply);
    expect(wechat.markdown).toBeUndefined();
    expect(wechat.text).toContain('回复“整改 YH20261123-0001 已完成”整改完成');
    expect(wechat.text).toContain('[点我](http://evil.example)');
    expect(render('terminal', reply).text).toContain('› 整改完成：整改 YH20261123-0001 已完成');
  });

  it('control characters and bidi overrides never reach the user; long replies are cut', () => {
    const out = render('wechat', { title: 't\u0007', lines: ['a\u0000b\u001b[31mc\u202ed', 'x'.repeat(10_000)] });
    expect(out.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(out.text.length).toBeLessThanOrEqual(3001);
    expect(clip('一二三四五六', 4)).toBe('一二三四…');
    expect(escapeMarkdown('[a](b)')).toBe('［a］（b）');
  });

  it('the next step follows the status and the role', () => {
    expect(nextActions(hazard({ status: 'reported' }), 'town_admin')[0].command).toBe('交办 YH20261123-0001 7天');
    expect(nextActions(hazard({ status: 'reported' }), 'worker').map((a) => a.label)).toEqual(['查看详情']);
    expect(nextActions(hazard({ status: 'rectifying' }), 'worker')[0].label).toBe('整改完成');
    expect(nextActions(hazard({ status: 'review', level: 'general' }), 'worker')[0].label).toBe('复查通过');
    // A worker cannot pass a major hazard: no button that would only earn a refusal.
    expect(nextActions(hazard({ status: 'review', level: 'major' }), 'worker').map((a) => a.label)).toEqual(['查看详情']);
  });
});
