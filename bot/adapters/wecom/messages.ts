// Every line this adapter writes to the operator's log or to a WeCom user, in one place.
// Log lines name no secret: only the bot id, message ids and WeCom's error codes.

export const L = {
  connected: (botId: string) => `[企业微信] 长连接已认证 (botId ${botId})`,
  lost: (reason: string, delayMs: number) => `[企业微信] 长连接断开：${reason}；${secs(delayMs)} 秒后重连`,
  superseded: (delayMs: number) =>
    `[企业微信] 告警：同一机器人的另一个连接已建立，本连接被企业微信断开（同一 botId 只能有一个连接，请检查是否有重复部署）；${secs(delayMs)} 秒后重新接管`,
  authTimeout: '认证超时',
  sdkError: (reason: string) => `[企业微信] SDK 错误：${reason}`,
  stopped: '[企业微信] 长连接已停止',
  handlerFailed: (msgId: string, reason: string) => `[企业微信] 消息 ${msgId} 未能记录：${reason}`,
  replyFailed: (msgId: string, reason: string) => `[企业微信] 消息 ${msgId} 的回复未送出：${reason}`,
  replyFallback: (msgId: string) => `[企业微信] 消息 ${msgId} 的被动回复已过期，改为主动发送`,
};

/** Shown while a slow answer is being prepared, so the reply stream starts within WeCom's window. */
export const WORKING = '正在处理，请稍候…';

/** The welcome when someone opens the chat with the bot (WeCom's enter_chat, once a day). */
export const WELCOME = '您好，我是安全生产网格化监管助手。可以直接发送：上报 企业简称 隐患描述（可附照片），或发送“帮助”查看全部命令。';

/** The message could not be recorded (database down): WeCom will not send it again, so the sender must. */
export const NOT_RECORDED = '抱歉，系统暂时无法处理这条消息，请稍后重新发送。';

/** Shown to the reader when a message had to be cut to WeCom's size limit. */
export const TRUNCATED_SUFFIX = '\n\n……（内容过长，已截断，请在系统中查看全文）';

const secs = (ms: number) => String(Number((ms / 1000).toFixed(2)));
