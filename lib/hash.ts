import { createHash, randomBytes, randomInt } from 'node:crypto';

export const sha256Hex = (input: string | Uint8Array) => createHash('sha256').update(input).digest('hex');

/** Opaque API token: prefix makes leaked tokens greppable by secret scanners. */
export const newApiToken = () => `gs_${randomBytes(24).toString('base64url')}`;

/** Six-digit binding code (typed by hand on a phone). */
export const newBindingCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
