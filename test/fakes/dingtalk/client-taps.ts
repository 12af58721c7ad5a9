// What the DingTalk client does with the links in a robot's markdown, for tests that tap them.

export type Tap = { label: string; sent: string; delivered: string | null };

/**
 * Every `dtmd://dingtalkclient/sendMessage?content=…` link in a markdown reply and what tapping it
 * does: the tapping user sends `content` as an ordinary text message into the chat the link was
 * shown in. In a direct chat the robot gets it; in a group DingTalk delivers a robot only the
 * messages that @-mention it, and a tap's message mentions nobody: nothing is delivered.
 */
export function taps(markdown: string, where: 'direct' | 'group'): Tap[] {
  return [...markdown.matchAll(/\[([^\]]+)\]\(dtmd:\/\/dingtalkclient\/sendMessage\?content=([^)]+)\)/g)].map((m) => {
    const sent = decodeURIComponent(m[2]);
    return { label: m[1], sent, delivered: where === 'direct' ? sent : null };
  });
}

/** Taps the link whose label matches; null when there is none. */
export const tapLink = (markdown: string, label: RegExp, where: 'direct' | 'group'): Tap | null =>
  taps(markdown, where).find((t) => label.test(t.label)) ?? null;
