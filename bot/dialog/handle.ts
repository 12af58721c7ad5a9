import type { Deps } from '../../api/core/context.js';
import type { IncomingMessage, OutgoingMessage } from '../port.js';
import type { Received, DialogHandler } from '../inbox.js';
import type { VerbClient } from '../client/types.js';
import { inProcessClient } from '../client/in-process.js';
import { render, type Reply } from '../present/reply.js';
import type { ParsedMessage } from './intents.js';
import { parseMessage } from './parse/index.js';
import { draftStore, type Draft, type DraftStore } from './drafts.js';
import { answerDraft } from './answer.js';
import { helpReply } from './help.js';
import { strangerReply } from './bind.js';
import { bindThrottle, type BindThrottle } from './bind-throttle.js';
import { photosOnly } from './photos.js';
import { startReport } from './report.js';
import { startPatrol } from './patrol.js';
import { continueRectify, startClose, startRectify, startReview } from './hazard-flows.js';
import { startAcknowledge, startAssign, startVoid, startWhistle } from './admin-flows.js';
import { major, overdue, queryHazard, ranking, startQueryEnterprise, stats, tasks } from './queries.js';
import type { Turn } from './turn.js';
import { M } from './messages.js';
import { loginReply } from './login.js';

export type DialogOptions = {
  deps: Deps;
  /** How verbs are reached: in-process (default) or over HTTP when the bot runs on its own. */
  client?: VerbClient;
  /** Wrong binding codes are limited per process by default, across every dialog built here. */
  throttle?: BindThrottle;
};

const processThrottle = bindThrottle();

/**
 * The conversation: a recorded message (sender resolved and photos stored by the inbox) becomes
 * verb calls, a draft when something is missing, and a reply rendered for the platform.
 */
export function createDialog(opts: DialogOptions): DialogHandler {
  const client = opts.client ?? inProcessClient(opts.deps);
  const drafts = draftStore(opts.deps.db, opts.deps.writer);
  const throttle = opts.throttle ?? processThrottle;
  return async (msg, received) => {
    const reply = await converse({ deps: opts.deps, client, drafts, throttle }, msg, received);
    return reply ? render(msg.platform, reply) : null;
  };
}

/** One-off form for callers that do not keep a dialog around. */
export function handleMessage(opts: DialogOptions, msg: IncomingMessage, received: Received): Promise<OutgoingMessage | null> {
  return createDialog(opts)(msg, received);
}

type Services = { deps: Deps; client: VerbClient; drafts: DraftStore; throttle: BindThrottle };

async function converse({ deps, client, drafts, throttle }: Services, msg: IncomingMessage, received: Received): Promise<Reply | null> {
  // In a group the bot speaks only when spoken to; the inbox has kept any photo for later.
  if (msg.conversation.kind === 'group' && !msg.mentioned) return null;
  const now = deps.clock();
  const text = msg.text.trim();
  const actor = received.sender;
  if (!actor) return strangerReply(deps, throttle, msg, text, now);

  const t: Turn = { deps, msg, actor, verbs: client.as(actor, msg.platform), drafts, now, photoIds: received.photoIds };
  const draft = await drafts.load(actor.personId, now);
  if (!text) return bareMessage(t, draft);

  const parsed = parseMessage(text, now);
  if (parsed.intent === 'cancel') {
    if (!draft?.awaiting) return { title: M.cancelled, lines: [M.nothingToCancel] };
    await drafts.drop(actor.personId);
    return { title: M.cancelled, lines: [M.cancelled] };
  }
  if (draft?.awaiting) {
    const answered = await answerDraft(t, draft, parsed, text);
    if (answered) return answered;
    if (parsed.intent === 'choice' || parsed.intent === 'confirm') {
      return { title: '请回答上一个问题', lines: [draft.awaiting === 'duplicate' ? M.answerYesNo : M.answerPrevious] };
    }
    // Something else entirely: the new command replaces the unanswered question.
    await drafts.drop(actor.personId);
  }
  return dispatch(t, parsed);
}

/** A message without words: photos (kept for the report they belong to), or nothing to answer. */
async function bareMessage(t: Turn, draft: Draft | null): Promise<Reply | null> {
  if (t.photoIds.length === 0) return t.msg.images.length ? { title: M.errorTitle, lines: [M.photoNotStored] } : null;
  if (draft?.awaiting === 'evidence') {
    await t.drafts.drop(t.actor.personId);
    return continueRectify(t, draft.slots);
  }
  const target = draft?.intent === 'attach' && draft.awaiting === null ? draft.slots : null;
  return photosOnly(t, target ? { hazardId: Number(target.hazardId), code: String(target.code) } : null);
}

function dispatch(t: Turn, p: ParsedMessage): Promise<Reply | null> | Reply | null {
  switch (p.intent) {
    case 'help': return helpReply(t.actor.role, t.actor.name);
    case 'login': return loginReply(t);
    case 'bind': return { title: '已绑定', lines: [M.alreadyBound(t.actor.name)] };
    case 'report': return startReport(t, p);
    case 'patrol': return startPatrol(t, p);
    case 'rectify': return startRectify(t, p);
    case 'review': return startReview(t, p);
    case 'close': return startClose(t, p);
    case 'assign': return startAssign(t, p);
    case 'void': return startVoid(t, p);
    case 'whistle': return startWhistle(t, p);
    case 'acknowledge': return startAcknowledge(t, p);
    case 'tasks': return tasks(t);
    case 'query_hazard': return queryHazard(t, p);
    case 'query_enterprise': return startQueryEnterprise(t, p);
    case 'stats': return stats(t, p);
    case 'overdue': return overdue(t, p);
    case 'major': return major(t);
    case 'ranking': return ranking(t, p);
    case 'choice':
    case 'confirm': return { title: M.errorTitle, lines: [M.nothingToChoose] };
    case 'cancel': return { title: M.cancelled, lines: [M.nothingToCancel] };
    case 'unknown': return { title: '没看懂', lines: [M.unknown] };
  }
}
