import type { TurnBudget } from './turn-budget.js';

// Decoding 8 MB (50,000 register rows) in one call takes 40-70 ms; 256 KB slices take ~2 ms.
const DECODE_SLICE_BYTES = 256 * 1024;

/**
 * CSV bytes → text. Excel on Chinese Windows saves "CSV" in GBK, newer versions UTF-8 with a BOM;
 * strict UTF-8 decoding fails on GBK bytes, which is the cue to fall back. Decoded in slices
 * (a streaming decoder keeps characters split between slices whole), yielding in between.
 */
export async function decodeCsvBytes(bytes: Uint8Array, budget: TurnBudget): Promise<string> {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return await decodeSliced(new TextDecoder('utf-8', { fatal: true }), body, budget);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return decodeSliced(new TextDecoder('gbk'), body, budget);
  }
}

async function decodeSliced(decoder: TextDecoder, bytes: Uint8Array, budget: TurnBudget): Promise<string> {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += DECODE_SLICE_BYTES) {
    const end = Math.min(bytes.length, at + DECODE_SLICE_BYTES);
    parts.push(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
    await budget.yield();
  }
  parts.push(decoder.decode());
  return parts.join('');
}
