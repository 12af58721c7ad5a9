// Every line this adapter writes to the operator's log or to a DingTalk user, in one place.
// Log lines name no secret and no token: only the client id, ids of messages and counts.

export const L = {
  connected: (clientId: string) => `[钉钉] Stream 已连接 (clientId ${clientId})`,
  lost: (code: number, delayMs: number) => `[钉钉] Stream 连接断开 (code ${code})，${secs(delayMs)} 秒后重连`,
  connectFailed: (attempt: number, reason: string, delayMs: number) =>
    `[钉钉] Stream 第 ${attempt} 次连接失败：${reason}；${secs(delayMs)} 秒后重试`,
  serverDisconnect: (reason: string) => `[钉钉] 服务器要求断开：${reason}`,
  stopped: '[钉钉] Stream 已停止',
  badFrame: (reason: string) => `[钉钉] 无法解析的下行帧，已忽略：${reason}`,
  invalidMessage: (frameId: string, reason: string) => `[钉钉] 机器人消息 ${frameId} 格式无效，已确认并丢弃：${reason}`,
  handlerFailed: (frameId: string, reason: string) => `[钉钉] 消息 ${frameId} 处理失败，未确认，等待钉钉重发：${reason}`,
  ackFailed: (frameId: string, reason: string) => `[钉钉] 消息 ${frameId} 已处理但确认未送出，钉钉重发时将忽略：${reason}`,
  replyFailed: (frameId: string, reason: string) => `[钉钉] 消息 ${frameId} 的回复发送失败：${reason}`,
};

/** Shown to the reader when a proactive message had to be cut to DingTalk's msgParam limit. */
export const TRUNCATED_SUFFIX = '\n\n……（内容过长，已截断，请在系统中查看全文）';

const secs = (ms: number) => String(Number((ms / 1000).toFixed(2)));
