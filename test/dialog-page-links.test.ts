import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { hazards, loginTickets } from '../db/schema/index.js';
import { createApp } from '../api/app.js';
import { MAX_TICKETS_PER_WINDOW } from '../web/auth/issue-ticket.js';
import { renderFor } from '../jobs/messages.js';
import { workerDigest } from '../jobs/worker-digest.js';
import { weeklySummary } from '../jobs/weekly-summary.js';
import { defaultJobsConfig } from '../jobs/config.js';
import type { Job, PlannedNotification } from '../jobs/types.js';
import { bindIdentity, dialogWorld, type DialogWorld } from './helpers/dialog-world.js';
import { postTicket } from './helpers/web-sign-in.js';

const BASE = 'https://anquan.example.gov.cn';
const URL_RE = /https:\/\/anquan\.example\.gov\.cn\/[^\s)]+/;

async function linked() {
  const c = await dialogWorld();
  c.deps.publicUrl = BASE;
  return { c, app: createApp(c.deps, { web: { publicUrl: BASE } }) };
}
const urlIn = (text: string) => URL_RE.exec(text)?.[0] ?? null;
const tickets = async (c: DialogWorld) => (await c.db.select({ n: count() }).from(loginTickets))[0].n;

/**
 * Follows a chat link as a phone would: the link opens the confirm page (which spends nothing), its
 * button posts the ticket, which signs in, and the redirect lands on the page.
 */
async function follow(app: ReturnType<typeof createApp>, url: string) {
  const preview = await app.request(url);
  const ticket = /name="t" value="([0-9a-f]+)"/.exec(await preview.text())?.[1];
  const signed = ticket ? await postTicket(app, ticket, { origin: BASE }) : preview;
  const cookie = signed.headers.get('set-cookie')?.split(';')[0];
  const location = signed.headers.get('location');
  const page = cookie && location ? await app.request(location, { headers: { cookie } }) : null;
  return { signed, location, page, html: page ? await page.text() : '' };
}

describe('chat replies link to the pages', () => {
  it('a DingTalk report carries a markdown link whose ticket signs in once and lands on the hazard page', async () => {
    const { c, app } = await linked();
    const out = await c.send(c.w.workerA1, '上报 华美化工 消防通道堵塞', { platform: 'dingtalk' });
    const [h] = await c.db.select().from(hazards);
    const md = out!.markdown!;
    const m = /\[打开隐患页面\]\((https:[^)]+)\)/.exec(md);
    expect(m, md).not.toBeNull();
    const url = m![1];
    // Short (WeChat shows it whole): the page to open is kept with the ticket, not in the URL.
    expect(url).toMatch(/^https:\/\/anquan\.example\.gov\.cn\/t\/[0-9a-f]{32}$/);
    expect(out!.text).toContain(`打开隐患页面：${url}`);
    const first = await follow(app, url);
    expect(first.signed.status).toBe(303);
    expect(first.location).toBe(`/app/hazards/${h.code}`);
    expect(first.page!.status).toBe(200);
    expect(first.html).toContain(h.code);
    expect(first.html).toContain('消防通道堵塞');
    // Single use: the same link does not sign in again.
    const again = await app.request(url);
    expect(again.status).not.toBe(303);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('queries, lists and figures link to their pages on WeChat as a plain URL line', async () => {
    const { c, app } = await linked();
    for (const p of [c.w.workerA1, c.w.adminA]) await bindIdentity(c.db, p.id, 'wechat', `t${p.id}`);
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [h] = await c.db.select().from(hazards);
    const cases: [number, string, string, string][] = [
      [c.w.workerA1.id, `查询 ${h.code}`, `/app/hazards/${h.code}`, h.code],
      [c.w.workerA1.id, '我的任务', '/app', '我的任务'],
      [c.w.workerA1.id, '查询 华美化工', `/app/enterprises/${c.huamei.id}`, '常州华美化工有限公司'],
      [c.w.adminA.id, '统计 本月', `/app/dashboard?period=${encodeURIComponent('本月')}`, '巡查完成率'],
      [c.w.adminA.id, '逾期', '/app/hazards?overdue=true', '隐患'],
      [c.w.adminA.id, '重大隐患', '/app/hazards?level=major', '隐患'],
    ];
    for (const [personId, text, path, shown] of cases) {
      const plain = await c.say({ id: personId }, text, { platform: 'wechat' });
      const line = plain.split('\n').find((l) => l.startsWith('打开'));
      expect(line, `${text}: ${plain}`).toMatch(/^打开[^：]+：https:\/\//);
      const f = await follow(app, urlIn(line!)!);
      expect(f.location, text).toBe(path);
      expect(f.page!.status, text).toBe(200);
      expect(f.html, text).toContain(shown);
    }
  });

  it('a group reply links to the page without a ticket; without PUBLIC_URL there is no link', async () => {
    const { c, app } = await linked();
    const group = await c.say(c.w.workerA1, '@机器人 上报 华美化工 消防通道堵塞', { group: true, mentioned: true });
    const url = urlIn(group)!;
    const [h] = await c.db.select().from(hazards);
    expect(url).toBe(`${BASE}/app/hazards/${h.code}`);
    expect(await tickets(c)).toBe(0);
    // Without a session the page sends to sign-in, which says to send 登录.
    const res = await app.request(url);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/login');
    expect(await (await app.request('/auth/login')).text()).toContain('登录');

    c.deps.publicUrl = undefined;
    const none = await c.say(c.w.workerA1, `查询 ${h.code}`);
    expect(none).toContain(h.code);
    expect(none).not.toContain('打开隐患页面');
    expect(none).not.toMatch(/https?:\/\//);
  });

  it('one ticket per reply; near the rate limit links go without one and 登录 still gets its ticket', async () => {
    const { c, app } = await linked();
    for (let i = 0; i < MAX_TICKETS_PER_WINDOW - 1; i++) expect(urlIn(await c.say(c.w.workerA1, '我的任务'))).toMatch(/\/t\/[0-9a-f]{32}$/);
    expect(await tickets(c)).toBe(MAX_TICKETS_PER_WINDOW - 1);
    const bare = urlIn(await c.say(c.w.workerA1, '我的任务'));
    expect(bare).toBe(`${BASE}/app`);
    expect(await tickets(c)).toBe(MAX_TICKETS_PER_WINDOW - 1);
    const login = await c.say(c.w.workerA1, '登录');
    const f = await follow(app, urlIn(login)!);
    expect(f.location).toBe('/app');
    expect(f.page!.status).toBe(200);
  });
});

async function plannedBy(job: Job, c: DialogWorld, publicUrl?: string) {
  const planned: PlannedNotification[] = [];
  await job({ db: c.db, now: c.clock(), config: { ...defaultJobsConfig, publicUrl }, outbox: { enqueue: async (p) => (planned.push(...p), p.length) } });
  return planned;
}

describe('job messages link to the pages', () => {
  it('the digest links to 我的任务 and the weekly summary to the dashboard, without tickets', async () => {
    const c = await dialogWorld();
    const digest = (await plannedBy(workerDigest, c, BASE)).find((p) => p.personId === c.w.workerA1.id)!;
    expect(digest.text.split('\n').at(-1)).toBe(`打开我的任务：${BASE}/app`);
    expect(renderFor('dingtalk', { title: digest.title, text: digest.text }).markdown).toContain(`[打开我的任务](${BASE}/app)`);
    expect(renderFor('wechat', { title: digest.title, text: digest.text }).text).toContain(`打开我的任务：${BASE}/app`);

    const weekly = (await plannedBy(weeklySummary, c, `${BASE}/`)).find((p) => p.personId === c.w.adminA.id)!;
    const dash = `${BASE}/app/dashboard?period=${encodeURIComponent('上周')}`;
    expect(weekly.text.split('\n').at(-1)).toBe(`打开统计看板：${dash}`);
    expect(renderFor('dingtalk', { title: weekly.title, text: weekly.text }).markdown).toContain(`[打开统计看板](${dash})`);
    expect(await tickets(c)).toBe(0);

    // The dashboard it opens shows last week's figures for the admin's own town.
    const app = createApp(c.deps, { web: { publicUrl: BASE } });
    c.deps.publicUrl = BASE;
    const f = await follow(app, urlIn(await c.say(c.w.adminA, '登录'))!);
    const page = await app.request(dash, { headers: { cookie: f.signed.headers.get('set-cookie')!.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('上周');

    for (const job of [workerDigest, weeklySummary]) {
      for (const p of await plannedBy(job, c)) expect(p.text).not.toMatch(/https?:\/\//);
    }
  });
});
