import { z } from 'zod';

// The robot message carried in a CALLBACK frame's `data` (PLATFORMS.md). Only the fields the
// adapter reads are declared; DingTalk adds fields freely, so unknown keys are allowed here.
const Base = z.object({
  msgId: z.string().min(1),
  conversationType: z.enum(['1', '2']),
  conversationId: z.string().min(1),
  conversationTitle: z.string().optional(),
  // Missing for people outside the organisation: the adapter falls back to senderId.
  senderStaffId: z.string().min(1).optional(),
  senderId: z.string().min(1),
  senderNick: z.string().default(''),
  robotCode: z.string().optional(),
  isInAtList: z.boolean().optional(),
  sessionWebhook: z.url(),
  sessionWebhookExpiredTime: z.number().optional(),
  createAt: z.number().optional(),
});

const Text = Base.extend({ msgtype: z.literal('text'), text: z.object({ content: z.string() }) });

const Picture = Base.extend({
  msgtype: z.literal('picture'),
  content: z.object({ downloadCode: z.string().min(1), pictureDownloadCode: z.string().optional() }),
});

// Rich text is a list of runs: text runs and picture runs in the order the user typed them.
const RichRun = z.union([
  z.object({ type: z.literal('picture'), downloadCode: z.string().min(1) }),
  z.object({ text: z.string() }),
]);
const RichText = Base.extend({
  msgtype: z.literal('richText'),
  content: z.object({ richText: z.array(z.unknown()) }),
});

const Audio = Base.extend({
  msgtype: z.literal('audio'),
  content: z.object({ downloadCode: z.string().optional(), duration: z.number().optional(), recognition: z.string().default('') }),
});

const File = Base.extend({
  msgtype: z.literal('file'),
  content: z.object({ downloadCode: z.string().min(1), fileName: z.string().default('') }),
});

// Video arrives in direct chats only; the bot cannot watch it and asks for text instead.
const Video = Base.extend({
  msgtype: z.literal('video'),
  content: z.object({ downloadCode: z.string().optional(), duration: z.number().optional(), videoType: z.string().optional() }).default({}),
});

export const RobotMessage = z.discriminatedUnion('msgtype', [Text, Picture, RichText, Audio, File, Video]);
export type RobotMessageT = z.infer<typeof RobotMessage>;

/** Text and picture runs of a rich text; runs of other kinds (emoji, @mentions) are skipped. */
export function richRuns(runs: unknown[]): { texts: string[]; pictures: string[] } {
  const texts: string[] = [];
  const pictures: string[] = [];
  for (const run of runs) {
    const r = RichRun.safeParse(run);
    if (!r.success) continue;
    if ('downloadCode' in r.data) pictures.push(r.data.downloadCode);
    else texts.push(r.data.text);
  }
  return { texts, pictures };
}

/** Parses a CALLBACK frame's data string; the error is one line, safe to log. */
export function parseRobotMessage(data: string): { ok: true; msg: RobotMessageT } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, error: 'data is not JSON' };
  }
  const r = RobotMessage.safeParse(json);
  if (r.success) return { ok: true, msg: r.data };
  const issue = r.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
}
