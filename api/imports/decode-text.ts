/**
 * CSV bytes → text. Excel on Chinese Windows saves "CSV" in GBK, newer versions UTF-8 with a BOM;
 * strict UTF-8 decoding fails on GBK bytes, which is the cue to fall back.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gbk').decode(body);
  }
}
