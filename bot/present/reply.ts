import type { ChartPicture, ChatPlatform, OutgoingMessage } from '../port.js';

/**
 * A platform-neutral reply built by the dialog: a title, plain lines (counts first, then the few
 * most urgent items) and the obvious next steps as commands the user could type.
 */
export type Reply = {
  title: string;
  lines: string[];
  /** Next steps: a DingTalk button sends `command` for the user; elsewhere it becomes a hint. */
  actions?: { label: string; command: string }[];
  /** Names people or enterprises: in a group it goes to the sender privately (handle.ts). */
  names?: boolean;
  /**
   * The page showing the same thing (web/): flows set label and path; handle.ts sets `url` (with a
   * sign-in ticket when it may) only when PUBLIC_URL is configured, and only then is it rendered.
   */
  link?: { label: string; path: string; url?: string };
  /**
   * The numbered lines of a question (`1. 华美化工`) and the answer each stands for (`1`): DingTalk
   * makes each line a link that sends its answer, so a tap comes back into the same dialog as that
   * answer; elsewhere the lines stay text to reply to.
   */
  choices?: { line: string; answer: string }[];
  /** A chart to send as a picture after the text (统计图); platforms without pictures get the text alone. */
  image?: ChartPicture;
};

// DingTalk renders markdown: user text (descriptions, names) must not become links, headings or
// emphasis, so markdown-significant ASCII is swapped for its full-width look-alike.
const MD_SWAP: Record<string, string> = {
  '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', '_': '＿',
  '#': '＃', '`': '｀', '|': '｜', '!': '！', '~': '～', '\\': '＼',
};
const MD_CHARS = /[[\]()<>*_#`|!~\\]/g;

// DingTalk msgParam is limited to 15,000 bytes; a reply is kept well below.
const MAX_REPLY_CHARS = 3000;

export function escapeMarkdown(line: string): string {
  return line.replace(MD_CHARS, (c) => MD_SWAP[c] ?? c);
}

/** Strips control characters (except newline) so echoed user text cannot garble a terminal or card. */
export function cleanText(s: string): string {
  return s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** Shortens user-supplied text before echoing it back. */
export function clip(s: string, max = 60): string {
  const c = cleanText(s).replace(/\s+/g, ' ').trim();
  return [...c].length > max ? `${[...c].slice(0, max).join('')}…` : c;
}

const limit = (s: string) => (s.length > MAX_REPLY_CHARS ? `${s.slice(0, MAX_REPLY_CHARS)}…` : s);

/** Plain text is sent on its own (WeChat, a DingTalk fallback), so it carries the title as 【…】. */
function plain(reply: Reply, hint: (a: { label: string; command: string }) => string): string {
  const lines = reply.lines.map(cleanText);
  const hints = (reply.actions ?? []).map(hint);
  // The link goes after the length limit so a long reply never cuts it in half.
  const link = reply.link?.url ? `\n${reply.link.label}：${reply.link.url}` : '';
  return limit([`【${cleanText(reply.title)}】`, ...lines, ...(hints.length ? ['', ...hints] : [])].join('\n')) + link;
}

/** A DingTalk link that, tapped, sends `content` as the user's own message. */
const sendLink = (label: string, content: string) =>
  `[${escapeMarkdown(label)}](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(content)})`;

function markdown(reply: Reply): string {
  // A list keeps lines apart without DingTalk's wide paragraph gaps (a bare newline is not a break).
  const answers = new Map((reply.choices ?? []).map((c) => [c.line, c.answer]));
  const body = reply.lines.map((l) => [cleanText(l).replace(/^·\s*/, ''), answers.get(l)] as const).filter(([l]) => l)
    .map(([l, answer]) => (answer === undefined ? `- ${escapeMarkdown(l)}` : `- ${sendLink(l, answer)}`));
  const buttons = (reply.actions ?? []).map((a) => sendLink(a.label, a.command));
  // The page link is the app's own URL (hex ticket, encoded path): nothing in it needs escaping.
  const link = reply.link?.url ? `\n\n[${escapeMarkdown(reply.link.label)}](${reply.link.url})` : '';
  const parts = [`#### ${escapeMarkdown(cleanText(reply.title))}`, body.join('\n'), ...(buttons.length ? [buttons.join('　')] : [])];
  return limit(parts.filter(Boolean).join('\n\n')) + link;
}

const pictureOf = (reply: Reply) => (reply.image ? { image: reply.image } : {});

/** Renders a reply for one platform: DingTalk markdown with buttons, WeChat / terminal plain text. */
export function render(platform: ChatPlatform, reply: Reply): OutgoingMessage {
  switch (platform) {
    case 'dingtalk':
      return { title: cleanText(reply.title), text: plain(reply, (a) => `回复“${a.command}”${a.label}`), markdown: markdown(reply), ...pictureOf(reply) };
    case 'wechat':
      return { title: cleanText(reply.title), text: plain(reply, (a) => `回复“${a.command}”${a.label}`), ...pictureOf(reply) };
    case 'wecom':
      return {
        title: cleanText(reply.title), text: plain(reply, (a) => `回复“${a.command}”${a.label}`), ...pictureOf(reply),
        ...(reply.choices?.length ? { choices: reply.choices.map((c) => ({ label: cleanText(c.line), answer: c.answer })) } : {}),
      };
    case 'terminal':
      return { title: cleanText(reply.title), text: plain(reply, (a) => `› ${a.label}：${a.command}`) };
  }
}
