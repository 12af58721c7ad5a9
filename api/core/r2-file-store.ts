import { sha256Hex } from '../../lib/hash.js';
import { contentPath, isContentPath, type FileStore } from './file-store.js';

/** The slice of a Cloudflare R2 bucket binding the store uses (structural: Workers types stay out of api/). */
export type R2Bucketish = {
  head(key: string): Promise<unknown>;
  put(key: string, value: Uint8Array, options?: { sha256?: string }): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
};

/**
 * Photos on Workers: the same content-addressed layout as diskFileStore (`ab/abcdef…`), in an R2
 * bucket. The same photo twice is one object; R2 verifies the SHA-256 on upload, so a truncated
 * upload is refused rather than stored under the hash of the whole.
 */
export function r2FileStore(bucket: R2Bucketish): FileStore {
  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const path = contentPath(sha256);
      if (!(await bucket.head(path))) await bucket.put(path, bytes, { sha256 });
      return { sha256, size: bytes.byteLength, path };
    },
    async get(path) {
      if (!isContentPath(path)) throw new Error('bad file path');
      const object = await bucket.get(path);
      if (!object) throw new Error(`no such file: ${path}`);
      return new Uint8Array(await object.arrayBuffer());
    },
  };
}
