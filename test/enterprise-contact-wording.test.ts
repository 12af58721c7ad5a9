import { describe, it, expect } from 'vitest';
import { people } from '../db/schema/index.js';
import { bindIdentity, dialogWorld } from './helpers/dialog-world.js';

// An enterprise safety contact is not a grid worker: its list is 本企业隐患, never 我的任务 / 我的待办,
// in chat replies, help and page links alike.

async function setup() {
  const c = await dialogWorld();
  const [contact] = await c.db.insert(people).values({ name: '李联络', role: 'enterprise', enterpriseId: c.huamei.id, createdAt: new Date() }).returning();
  await bindIdentity(c.db, contact.id, 'terminal', `t${contact.id}`);
  const reported = await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞 3天内整改');
  const code = /YH\d{8}-\d{4}/.exec(reported)![0];
  return { c, contact, code };
}

describe("an enterprise contact's words", () => {
  it('我的任务, 待办 and 本企业隐患 list its own hazards under 本企业隐患', async () => {
    const { c, contact, code } = await setup();
    for (const text of ['我的任务', '待办', '本企业隐患', '我们公司的隐患']) {
      const reply = await c.say(contact, text);
      expect(reply).toContain('本企业隐患');
      expect(reply).toContain('本企业待整改隐患 1 条');
      expect(reply).toContain(code);
      expect(reply).not.toMatch(/我的任务|我的待办|待巡查/);
    }
    // The page link is named the same way.
    c.deps.publicUrl = 'https://anquan.example.gov.cn';
    const linked = await c.say(contact, '本企业隐患');
    expect(linked).toContain('打开本企业隐患');
    expect(linked).not.toContain('打开我的任务');
    // A grid worker's words are unchanged: 本企业隐患 is no tasks command for them.
    expect(await c.say(c.w.workerA1, '我的任务')).toContain('我的待办');
    expect(await c.say(c.w.workerA1, '本企业隐患')).not.toContain('本企业待整改隐患');
    await c.close();
  });

  it('help and 怎么查询 speak of 本企业隐患; nothing there says 我的任务', async () => {
    const { c, contact } = await setup();
    const help = await c.say(contact, '帮助');
    expect(help).toContain('本企业隐患');
    expect(help).not.toContain('我的任务');
    const howto = await c.say(contact, '怎么查');
    expect(howto).toContain('本企业隐患');
    expect(howto).not.toContain('我的任务');
    expect(await c.say(c.w.workerA1, '怎么查')).toContain('我的任务');
    await c.close();
  });
});
