import type { Deps } from '../../api/core/context.js';
import type { IncomingMessage, OutgoingMessage } from '../port.js';
import type { Received, DialogHandler } from '../inbox.js';
import type { VerbClient } from '../client/types.js';
import { inProcessClient } from '../client/in-process.js';
import { render, type Reply } from '../present/reply.js';
import type { ParsedMessage } from './intents.js';
import { contactWords } from './contact-words.js';
import { draftStore, type Draft, type DraftStore } from './drafts.js';
import { answerDraft } from './answer.js';
import { helpReply } from './help.js';
import { strangerReply } from './bind.js';
import { bindThrottle, type BindThrottle } from './bind-throttle.js';
import { PHOTO_WINDOW_MS, photosOnly, photoTarget } from './photos.js';
import { correctLastReport } from './corrections.js';
import { carryingLastReport, lastReportOf, restoreLastReport, withoutLastReport } from './last-report.js';
import { nextOfSender, PHOTO_SETTLE_MS, realSleep, type Sleep } from './burst.js';
import { startReport } from './report.js';
import { startPatrol } from './patrol.js';
import { patrolSeveral } from './patrol-several.js';
import { continueRectify, startClose, startRectify, startReview } from './hazard-flows.js';
import { startAcknowledge, startAssign, startVoid, startWhistle } from './admin-flows.js';
import { major, overdue, queryHazard, ranking, startQueryEnterprise, stats, tasks } from './queries.js';
import type { Turn } from './turn.js';
import { M } from './messages.js';
import { U } from './understand-messages.js';
import { answerIntentChoice, askIntent } from './choose-intent.js';
import { actOnEach, allAtOnce, allQueries, queryEach } from './several-codes.js';
import { answerDeadline, askDeadline } from './deadline-ask.js';
import { unknownInScope } from './in-scope.js';
import { duePatrols, helpTopicReply, myEnterprises } from './scope-lists.js';
import { readInScope } from './scope-names.js';
import { answersPending, pendingExpired, pendingKept, pendingReplaced, pendingSummary, watchedDrafts } from './pending.js';
import { loginReply } from './login.js';
import { resolvePageLink } from './page-link-url.js';

export type DialogOptions = {
  deps: Deps;
  /** How verbs are reached: in-process (default) or over HTTP when the bot runs on its own. */
  client?: VerbClient;
  /** Wrong binding codes are limited per process by default, across every dialog built here. */
  throttle?: BindThrottle;
  /** How long a photo message waits for the rest of its burst (default PHOTO_SETTLE_MS); tests inject time. */
  photoSettleMs?: number;
  sleep?: Sleep;
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
  const settle = opts.photoSettleMs ?? PHOTO_SETTLE_MS;
  const sleep = opts.sleep ?? realSleep;
  // Until `settle` has passed since the message arrived: a burst's later photos, handled after the
  // earlier ones (one sender's messages run in order), wait only for what is left of their own.
  const pause = (msg: IncomingMessage) => {
    const left = msg.receivedAt.getTime() + settle - opts.deps.clock().getTime();
    return settle > 0 && left > 0 ? sleep(Math.min(left, settle)) : Promise.resolve();
  };
  return async (msg, received) => {
    const reply = await converse({ deps: opts.deps, client, drafts, throttle, pause }, msg, received);
    if (!reply) return null;
    // The page link is resolved here, where the person is known: a ticket only in a private chat.
    const sender = received.sender;
    const linked = (r: Reply, priv: boolean) => sender ? resolvePageLink(opts.deps, sender, r, priv, opts.deps.clock()) : Promise.resolve({ ...r, link: undefined });
    // Lists naming people or enterprises are not for a whole group: only a district admin's scope
    // covers everyone who may read along (group membership is not known to the bot).
    if (msg.conversation.kind === 'group' && reply.names && received.sender?.role !== 'district_admin') {
      return { ...render(msg.platform, { title: M.sentPrivatelyTitle, lines: [M.sentPrivately] }), privately: render(msg.platform, await linked(reply, true)) };
    }
    return render(msg.platform, await linked(reply, msg.conversation.kind !== 'group'));
  };
}

/** One-off form for callers that do not keep a dialog around. */
export function handleMessage(opts: DialogOptions, msg: IncomingMessage, received: Received): Promise<OutgoingMessage | null> {
  return createDialog(opts)(msg, received);
}

type Services = { deps: Deps; client: VerbClient; drafts: DraftStore; throttle: BindThrottle; pause: (msg: IncomingMessage) => Promise<void> };

async function converse({ deps, client, drafts, throttle, pause }: Services, msg: IncomingMessage, received: Received): Promise<Reply | null> {
  // In a group the bot speaks only when spoken to; the inbox has kept any photo for later.
  if (msg.conversation.kind === 'group' && !msg.mentioned) return null;
  const now = deps.clock();
  const text = msg.text.trim();
  const actor = received.sender;
  if (!actor) return strangerReply(deps, throttle, msg, text, now);

  const stored = await drafts.loadAny(actor.personId);
  const draft = stored && stored.expiresAt.getTime() > now.getTime() ? stored : null;
  // A question this message asks keeps the last report along, so it can still be corrected (last-report.ts).
  const t: Turn = {
    deps, msg, actor, verbs: client.as(actor, msg.platform, { platform: msg.platform, messageId: msg.messageId }),
    drafts: carryingLastReport(drafts, lastReportOf(draft)), now, photoIds: received.photoIds,
  };
  // A question left unanswered past its time is said once, in this reply, and then forgotten.
  const expired = stored && !draft && stored.awaiting ? stored : null;
  if (expired) await drafts.drop(actor.personId);
  const notes = expired ? [pendingExpired(expired)] : [];
  return withNotes(await respond(t, draft, text, pause), notes);
}

async function respond(t: Turn, draft: Draft | null, text: string, pause: Services['pause']): Promise<Reply | null> {
  if (!text) return bareMessage(t, draft, pause);
  const read = contactWords(t.actor, text) ?? await readInScope(t, text);
  // A lone word (华美, 已更换新灭火器) is offered as an enterprise only when nothing waits: with a question
  // pending it is the free-text answer, as any message the parser cannot read.
  const parsed: ParsedMessage = draft?.awaiting && read.intent === 'ambiguous' && read.name ? { intent: 'unknown', text: read.name } : read;
  // 撤回 / 改成重大 right after one's own report correct it (before 撤回 could read as 取消).
  if (!draft?.awaiting) { const corrected = await correctLastReport(t, lastReportOf(draft), text); if (corrected) return corrected; }
  if (parsed.intent === 'cancel') {
    if (!draft?.awaiting) return { title: M.cancelled, lines: [M.nothingToCancel] };
    // 取消 / 撤回 with a question pending cancels the question; a report it carried is kept correctable.
    const last = lastReportOf(draft);
    const kept = last ? await restoreLastReport(t.drafts, t.actor.personId, last, t.now) : false;
    if (!kept) await t.drafts.drop(t.actor.personId);
    return { title: M.cancelled, lines: [`已取消：${pendingSummary(draft)}，未记录。`, ...(kept ? [M.lastReportStill(String(last!.code))] : [])] };
  }
  if (!draft?.awaiting) return dispatch(t, parsed);
  // A correction of the last report (改成重大, 期限改为5天, 不是…是…) while an unrelated question waits:
  // those words change what was reported, they answer no question. The report is corrected and the
  // question stays (a withdrawal forgets only the carried report).
  const last = lastReportOf(draft);
  const corrected = await correctLastReport(t, last, text, {
    quiet: true,
    forget: () => t.drafts.save(t.actor.personId, { intent: draft.intent, slots: withoutLastReport(draft.slots, last!), awaiting: draft.awaiting }, t.now,
      draft.expiresAt.getTime() - t.now.getTime()),
  });
  if (corrected) return withNotes(corrected, [pendingKept(draft)]);
  // Questions of the understanding layer (choose-intent.ts, deadline-ask.ts) take only their own answers;
  // anything else is a message of its own, as for every other question.
  if (draft.awaiting === 'intent_choice' || draft.awaiting === 'deadline') {
    const given = draft.awaiting === 'intent_choice'
      ? await answerIntentChoice(t, draft, parsed, dispatch)
      : await answerDeadline(t, draft, parsed, text, dispatch);
    if (given) return given;
  } else if (answersPending(draft, parsed, text)) {
    const answered = await answerDraft(t, draft, parsed, text);
    if (answered) return answered;
    if (parsed.intent === 'choice' || parsed.intent === 'confirm') {
      return { title: '请回答上一个问题', lines: [draft.awaiting === 'duplicate' ? M.answerYesNo : M.answerPrevious] };
    }
  }
  // A message of its own: handled as itself, and the reply says what became of the question.
  const watched = watchedDrafts(t.drafts);
  const reply = await dispatch({ ...t, drafts: watched }, parsed);
  if (watched.askedQuestion()) return withNotes(reply, [pendingReplaced(draft)]);
  // One draft per person: the question is put back, carrying the photo target of what was just recorded.
  const target = watched.photoTarget();
  const slots = target ? { ...draft.slots, photoTarget: target } : draft.slots;
  await t.drafts.save(t.actor.personId, { intent: draft.intent, slots, awaiting: draft.awaiting }, t.now,
    draft.expiresAt.getTime() - t.now.getTime());
  return withNotes(reply, [pendingKept(draft)]);
}

const withNotes = (reply: Reply | null, notes: string[]): Reply | null =>
  reply && notes.length ? { ...reply, lines: [...reply.lines, ...notes] } : reply;

/**
 * A message without words: photos (kept for the report they belong to, or added to the hazard just
 * reported), or nothing to answer. It first waits a moment for the rest of a burst (see burst.ts).
 */
async function bareMessage(t: Turn, draft: Draft | null, pause: Services['pause']): Promise<Reply | null> {
  if (t.photoIds.length === 0) return t.msg.images.length ? { title: M.errorTitle, lines: [M.photoNotStored] } : null;
  let next = await nextOfSender(t.deps.db, t.msg);
  if (next === 'none') {
    await pause(t.msg);
    next = await nextOfSender(t.deps.db, t.msg);
  }
  if (draft?.awaiting === 'evidence') {
    // The last photo of the burst completes the rectification with all of them.
    if (next !== 'none') return null;
    await t.drafts.drop(t.actor.personId);
    return continueRectify(t, draft.slots);
  }
  if (!draft) return photosOnly(t, null, next, async () => {});
  const ttl = draft.expiresAt.getTime() - t.now.getTime();
  if (draft.intent === 'attach' && draft.awaiting === null) {
    return photosOnly(t, photoTarget(draft.slots), next, (u) => t.drafts.save(t.actor.personId, { intent: 'attach', slots: u, awaiting: null }, t.now, ttl));
  }
  // A question kept while another record was made holds that record's photo target (within its own window).
  const held = draft.slots.photoTarget as Record<string, unknown> | undefined;
  const target = held ? photoTarget(held) : null;
  if (!target || target.since + PHOTO_WINDOW_MS <= t.now.getTime()) return photosOnly(t, null, next, async () => {});
  return photosOnly(t, target, next, (u) => t.drafts.save(t.actor.personId, { ...draft, slots: { ...draft.slots, photoTarget: u } }, t.now, ttl));
}

/** 没看懂: and the words are kept (text only) for the district office to learn from. */
async function notUnderstood(t: Turn, text: string): Promise<Reply> {
  // Losing this note must never cost the sender their answer.
  if (text.trim()) await t.verbs.noteUnrecognised(text).catch(() => undefined);
  return { title: '没看懂', lines: [M.unknown] };
}

/** Marks an answer that names people or enterprises (a question it asks instead names none). */
async function naming(r: Promise<Reply> | Reply): Promise<Reply> {
  const reply = await r;
  return reply.title === '请选择企业' || reply.title === M.errorTitle ? reply : { ...reply, names: true };
}

function dispatch(t: Turn, p: ParsedMessage): Promise<Reply | null> | Reply | null {
  switch (p.intent) {
    case 'help': return p.topic ? helpTopicReply(p.topic, t.actor.role) : helpReply(t.actor.role, t.actor.name);
    case 'login': return loginReply(t);
    case 'bind': return { title: '已绑定', lines: [M.alreadyBound(t.actor.name)] };
    case 'report': return p.deadlineIssue ? askDeadline(t, p) : startReport(t, p);
    case 'patrol':
      if (p.enterprises?.length) return patrolSeveral(t, { ...p, enterprises: p.enterprises });
      return p.deadlineIssue ? askDeadline(t, p) : startPatrol(t, p);
    case 'rectify': return startRectify(t, p);
    case 'review': return startReview(t, p);
    case 'close': return startClose(t, p);
    case 'assign': return startAssign(t, p);
    case 'void': return startVoid(t, p);
    case 'whistle': return startWhistle(t, p);
    case 'acknowledge': return startAcknowledge(t, p);
    case 'tasks': return naming(tasks(t));
    case 'query_hazard': return naming(queryHazard(t, p));
    case 'query_enterprise': return naming(startQueryEnterprise(t, p));
    case 'stats': return stats(t, p);
    case 'overdue': return naming(overdue(t, p));
    case 'major': return naming(major(t));
    case 'ranking': return naming(ranking(t, p));
    case 'choice':
    case 'confirm': return { title: M.errorTitle, lines: [M.nothingToChoose] };
    case 'cancel': return { title: M.cancelled, lines: [M.nothingToCancel] };
    case 'my_enterprises': return naming(myEnterprises(t));
    case 'due_patrols': return naming(duePatrols(t));
    // A lone word is offered as an enterprise only once the lookup finds it in the sender's scope.
    case 'ambiguous':
      if (p.name) return unknownInScope(t, { intent: 'unknown', text: p.name }, dispatch, notUnderstood);
      // Several codes asked after (…改好了吗): where each stands. Several codes with one action that asks nothing
      // more (复查通过, 销号, 报到): each is done (several-codes.ts).
      if (allQueries(p.options)) return queryEach(t, p.options);
      return allAtOnce(p.options) ? actOnEach(t, p.options, dispatch) : askIntent(t, p.options, dispatch, U.chooseIntent, p.others);
    case 'unknown': return unknownInScope(t, p, dispatch, notUnderstood);
  }
}
