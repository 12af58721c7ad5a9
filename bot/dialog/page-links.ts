import type { Reply } from '../present/reply.js';

// The page (web/) that shows what a chat reply shows. Flows only name the path; handle.ts turns it
// into a URL for the person (page-link-url.ts), so the flows stay free of tickets and PUBLIC_URL.

type Link = NonNullable<Reply['link']>;

export const hazardPage = (code: string): Link => ({ label: '打开隐患页面', path: `/app/hazards/${encodeURIComponent(code)}` });
export const enterprisePage = (id: number): Link => ({ label: '打开企业页面', path: `/app/enterprises/${id}` });
export const tasksPage: Link = { label: '打开我的任务', path: '/app' };
/** The same page for an enterprise contact, named as theirs: their enterprise's hazards, not a worker's tasks. */
export const ownHazardsPage: Link = { label: '打开本企业隐患', path: '/app' };
export const hazardListPage = (filter: Record<string, string>): Link =>
  ({ label: '打开隐患清单', path: `/app/hazards?${new URLSearchParams(filter).toString()}` });
export const dashboardPage = (q: { townId?: number; period?: string } = {}): Link => {
  const qs = new URLSearchParams(Object.entries(q).filter(([, v]) => v != null && v !== '').map(([k, v]) => [k, String(v)])).toString();
  return { label: '打开统计看板', path: `/app/dashboard${qs ? `?${qs}` : ''}` };
};

/** Adds the page link to a reply that showed the thing (not to an error or a question). */
export const withLink = (reply: Reply, link: Link): Reply => ({ ...reply, link });
