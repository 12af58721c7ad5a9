// The contract between the message parser (bot/dialog/parse) and the conversation layer.
// The parser only reads words: it never looks anything up. Slots it cannot find stay undefined
// so the conversation layer can ask for exactly the missing piece.

import type { DeadlineSlot } from '../../lib/deadline.js';

/** A deadline as the sender said it (date | days | now); lib/deadline.ts deadlineInstant() gives its instant. */
export type { DeadlineSlot };

export type HazardLevel = 'general' | 'major';

/**
 * A time phrase the parser saw but will not guess at: a date already past (11月20日前 sent on the 23rd) or
 * words that sound like a deadline it cannot read (尽快, 过几天, 月中). The conversation asks for the deadline
 * again instead of dropping it or leaving it in the description.
 */
export type DeadlineIssue = { reason: 'past' | 'unclear'; text: string };

/** What 帮助 was asked about (隐患怎么报 → report): the help reply starts with that command. */
export type HelpTopic = 'report' | 'patrol' | 'rectify' | 'review' | 'query' | 'stats' | 'bind';

export type ParsedMessage =
  | { intent: 'help'; topic?: HelpTopic }
  | { intent: 'bind'; code: string /* 10 digits (6 in the old format) */ }
  | {
      intent: 'report';
      /** Raw enterprise phrase as typed ("华美"); the conversation layer fuzzy-matches it. */
      enterprise?: string;
      description?: string;
      level?: HazardLevel;
      /** The sender's own words that made the level major when no level was typed (很危险, 可能引发爆炸); the reply quotes them. */
      levelReason?: string;
      deadline?: DeadlineSlot;
      deadlineIssue?: DeadlineIssue;
    }
  | {
      intent: 'patrol';
      enterprise?: string;
      /** Several enterprises visited and all well (华美塑料 恒泰 都看过了 没问题): one normal patrol each. */
      enterprises?: string[];
      result?: 'normal' | 'issues';
      /** What was found when result is 'issues' (becomes the hazard description). */
      findings?: string;
      /** Free remark on a normal patrol (巡查 华美 正常 已检查消防设施 → 已检查消防设施). */
      note?: string;
      level?: HazardLevel;
      /** As on a report: the words that made a finding major. */
      levelReason?: string;
      deadline?: DeadlineSlot;
      deadlineIssue?: DeadlineIssue;
    }
  | { intent: 'rectify'; code?: string; note?: string }
  | { intent: 'review'; code?: string; pass?: boolean; reason?: string; deadline?: DeadlineSlot }
  | { intent: 'tasks' }
  | { intent: 'query_hazard'; code: string /* canonical YH20261122-0007 */ }
  /** period: said with the question (华美这个月怎么样); the enterprise view is current, the reply says so. */
  | { intent: 'query_enterprise'; enterprise: string; period?: string }
  /**
   * place: a town as typed (横林镇, 横林街道, or a bare 横林) or 全区; the conversation layer resolves it.
   * period: canonical words 今天 昨天 本周 上周 本月 上月 本季度 上季度 今年 去年 近N天 N月 (这个月 → 本月 etc.).
   */
  | { intent: 'stats'; place?: string; period?: string; /** 统计图: send the completion chart as a picture too. */ chart?: true }
  /** period: said with the question (横林镇这个月逾期几条); overdue is a current state, the reply says how it read it. */
  | { intent: 'overdue'; place?: string; period?: string }
  /** 我管哪些企业: the enterprises in the sender's scope. */
  | { intent: 'my_enterprises' }
  /** 我还有几家没去: enterprises whose patrol is due or overdue under the patrol policy. */
  | { intent: 'due_patrols' }
  /**
   * Two or more readings are plausible (YH… 催一下): the conversation asks one numbered question with
   * these options, in this order. code: the hazard the options are about, when there is one.
   */
  | {
      intent: 'ambiguous'; options: ParsedMessage[]; code?: string;
      /** The message named more codes than `code` (YH…0003 YH…0004 搞一下): the others, said to be sent again. */
      others?: string[];
      /** The whole message was this one word (华美): the readings hold only if it names an enterprise in scope. */
      name?: string;
    }
  | { intent: 'major' }
  | { intent: 'ranking'; period?: string /* same canonical words as stats */ }
  | { intent: 'assign'; code?: string; deadline?: DeadlineSlot; responsible?: string }
  | { intent: 'whistle'; code?: string; department?: string }
  | { intent: 'acknowledge'; code?: string }
  | { intent: 'close'; code?: string }
  | { intent: 'void'; code?: string; reason?: string; duplicateOf?: string /* canonical code when 重复 YH… */ }
  /** A bare number answering a numbered question (1-based as typed). */
  | { intent: 'choice'; index: number }
  /** 是/好的/确认 (yes) or 否/不是/不用 (no) answering a question. */
  | { intent: 'confirm'; yes: boolean }
  | { intent: 'cancel' }
  /** 登录: a one-time link to the pages. */
  | { intent: 'login' }
  | { intent: 'unknown'; text: string };

export type Intent = ParsedMessage['intent'];

/** The variant of ParsedMessage for one intent, e.g. IntentOf<'report'>. */
export type IntentOf<I extends Intent> = Extract<ParsedMessage, { intent: I }>;
