import { createHash, randomBytes, randomInt } from 'node:crypto';

export const sha256Hex = (input: string | Uint8Array) => createHash('sha256').update(input).digest('hex');

/** Opaque API token: prefix makes leaked tokens greppable by secret scanners. */
export const newApiToken = () => `gs_${randomBytes(24).toString('base64url')}`;

/** A binding code of `digits` random decimal digits (typed by hand on a phone). */
export const newBindingCode = (digits = 10) => Array.from({ length: digits }, () => String(randomInt(0, 10))).join('');

/** 32 random bytes, base64url: a server secret generated on first start. */
export const newServerSecret = () => randomBytes(32).toString('base64url');

// Web Crypto, not node:crypto's createHmac: the same code runs on Node and on the Cloudflare Worker.
// Importing a key costs more than signing with it, so each secret's key is imported once.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `input` under `secret`, as lowercase hex. */
export async function hmacSha256Hex(secret: string, input: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(input));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Equality of two hex digests without an early exit on the first differing character. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
