import { clip } from '../present/reply.js';
import type { Draft } from './drafts.js';

// What a pending draft would record, in a few words: said in replies (pending.ts) and in the
// daily digest that announces an expired one (jobs/worker-digest.ts). No parser here: jobs import it.

const FLOW_NAMES: Record<string, string> = {
  report: '上报隐患', patrol: '巡查记录', rectify: '整改', review: '复查', assign: '交办', void: '作废',
  whistle: '吹哨', acknowledge: '报到', query_enterprise: '查询企业', choose_intent: '待选择的操作',
};

/** "上报隐患（常州华美化工有限公司：消防通道堵塞）": what the pending draft would record. */
export function pendingSummary(draft: Pick<Draft, 'intent' | 'slots'>): string {
  const s = draft.slots;
  const ent = (s.enterprise as { name?: string } | undefined)?.name ?? (typeof s.enterpriseText === 'string' ? s.enterpriseText : '');
  const what = [s.description, s.findings, s.code].find((v) => typeof v === 'string' && v.trim()) as string | undefined;
  const detail = [ent && clip(ent, 20), what && clip(what, 20)].filter(Boolean).join('：');
  return `${FLOW_NAMES[draft.intent] ?? '操作'}${detail ? `（${detail}）` : ''}`;
}
