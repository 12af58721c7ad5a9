import type { Reply } from '../present/reply.js';
import { clip } from '../present/reply.js';
import { addDays, shanghaiDate } from '../../lib/time.js';
import { iso } from '../../lib/deadline-rules.js';
import { CONTACT_QUERY_HELP, HELP_TOPICS, U } from './understand-messages.js';
import type { Role } from '../../db/schema/index.js';
import type { HelpTopic } from './intents.js';
import { attempt, type Turn } from './turn.js';

// 我管哪些企业 and 我还有几家没去: the sender's own enterprises, through the same list verb as the API
// (GET /v1/enterprises, scope-checked there), never a query of its own.

const SHOWN = 10;

export const myEnterprises = (t: Turn) =>
  attempt(() => t.verbs.enterprises({ limit: SHOWN }), (page): Reply => {
    if (page.total === 0) return { title: U.myEnterprisesTitle, lines: [U.noEnterprises] };
    const lines = [U.myEnterprises(page.total), ...page.items.map((e) => `· ${clip(e.name, 24)}${e.overdue ? '（巡查逾期）' : ''}`)];
    if (page.total > page.items.length) lines.push(U.more(page.total - page.items.length));
    return { title: U.myEnterprisesTitle, lines };
  });

export function duePatrols(t: Turn): Promise<Reply> {
  // Due today or earlier: the next due day is before tomorrow.
  const tomorrow = iso(addDays(shanghaiDate(t.now), 1));
  return attempt(() => t.verbs.enterprises({ limit: SHOWN, dueBefore: tomorrow }), (page): Reply => {
    if (page.total === 0) return { title: U.duePatrolsTitle, lines: [U.noDuePatrols] };
    const lines = [U.duePatrols(page.total), ...page.items.map((e) => `· ${clip(e.name, 24)}（应巡查日 ${e.nextDueDay}）`)];
    if (page.total > page.items.length) lines.push(U.more(page.total - page.items.length));
    return { title: U.duePatrolsTitle, lines };
  });
}

export function helpTopicReply(topic: HelpTopic, role?: Role): Reply {
  // An enterprise contact asks about its own enterprise's hazards, in its own words.
  const h = role === 'enterprise' && topic === 'query' ? CONTACT_QUERY_HELP : HELP_TOPICS[topic];
  return { title: h.title, lines: [...h.lines, '发送“帮助”查看全部命令。'] };
}
