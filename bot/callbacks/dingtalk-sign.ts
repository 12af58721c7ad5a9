// DingTalk's HTTP callback signature: header `sign` = base64(HMAC-SHA256(key = appSecret,
// message = timestamp + "\n" + appSecret)), `timestamp` in epoch milliseconds. Web Crypto only,
// so the same check runs on Node and inside a Worker.

/** A timestamp further than this from our clock is refused: a captured request stops working. */
export const MAX_SKEW_MS = 60 * 60 * 1000;

const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** The sign DingTalk sends for this timestamp (tests and the fake use it to sign requests). */
export async function dingtalkSign(timestamp: string, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`${timestamp}\n${secret}`));
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
}

function base64Bytes(s: string): Uint8Array<ArrayBuffer> | null {
  try {
    const bin = atob(s);
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export type SignCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'bad_sign' };

/** Checks a callback's headers; `subtle.verify` compares in constant time. */
export async function verifyDingTalkSign(
  timestamp: string | undefined,
  sign: string | undefined,
  secret: string,
  nowMs: number,
): Promise<SignCheck> {
  if (!timestamp || !sign || !/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  if (Math.abs(nowMs - Number(timestamp)) > MAX_SKEW_MS) return { ok: false, reason: 'stale' };
  const mac = base64Bytes(sign);
  if (!mac) return { ok: false, reason: 'bad_sign' };
  const ok = await crypto.subtle.verify('HMAC', await hmacKey(secret), mac, encoder.encode(`${timestamp}\n${secret}`));
  return ok ? { ok: true } : { ok: false, reason: 'bad_sign' };
}
