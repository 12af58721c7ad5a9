import { describe, expect, it } from 'vitest';
import { withoutTickets } from '../bot/inbox/mark-done.js';

// Replies are stored in received_messages for the crash replay; a sign-in ticket must not be.
describe('stored replies keep no sign-in ticket', () => {
  it('replaces every ticket in a stored reply and leaves the rest as it was', () => {
    const t1 = 'a'.repeat(64);
    const t2 = '0123456789abcdef'.repeat(4);
    const reply = JSON.stringify({
      text: `打开隐患页面：https://x.gov.cn/auth/ticket?t=${t1}&next=%2Fapp%2Fhazards%2FYH1`,
      markdown: `[登录](https://x.gov.cn/auth/ticket?t=${t2})`,
    });
    const stored = withoutTickets(reply);
    expect(stored).not.toContain(t1);
    expect(stored).not.toContain(t2);
    expect(JSON.parse(stored).text).toBe('打开隐患页面：https://x.gov.cn/auth/ticket?t=expired&next=%2Fapp%2Fhazards%2FYH1');
    const short = withoutTickets(JSON.stringify({ text: `打开我的任务：https://x.gov.cn/t/${'0f'.repeat(16)}` }));
    expect(JSON.parse(short).text).toBe('打开我的任务：https://x.gov.cn/t/expired');
    expect(withoutTickets('{"text":"上报 华美 YH20261201-0001"}')).toBe('{"text":"上报 华美 YH20261201-0001"}');
  });
});
