import { mkdir, readFile, writeFile, rename, stat } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { sha256Hex } from '../../lib/hash.js';
import { DomainError } from './errors.js';

/** Content-addressed storage for photos and attachments under DATA_DIR/files. */
export interface FileStore {
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number; path: string }>;
  get(path: string): Promise<Uint8Array>;
}

/** Where a file of this content lives: `ab/abcdef…` (the same layout on disk, in memory and in R2). */
export const contentPath = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`;
/** A path contentPath could have made; anything else (`..`, absolute paths) is refused. */
export const isContentPath = (path: string) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(path);

export function diskFileStore(dataDir: string): FileStore {
  const root = join(dataDir, 'files');
  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const path = contentPath(sha256);
      const full = join(root, path);
      const exists = await stat(full).then(() => true, () => false);
      if (!exists) {
        await mkdir(dirname(full), { recursive: true });
        // Write then rename: a crash never leaves a half-written file under its final name.
        const tmp = `${full}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(tmp, bytes);
        await rename(tmp, full);
      }
      return { sha256, size: bytes.byteLength, path };
    },
    async get(path) {
      if (!isContentPath(path)) throw new Error('bad file path');
      return new Uint8Array(await readFile(join(root, path)));
    },
  };
}

export function memoryFileStore(): FileStore {
  const files = new Map<string, Uint8Array>();
  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const path = contentPath(sha256);
      files.set(path, bytes);
      return { sha256, size: bytes.byteLength, path };
    },
    async get(path) {
      const f = files.get(path);
      if (!f) throw new Error('no such file');
      return f;
    },
  };
}

/**
 * Where no durable storage is configured (a Worker without its R2 binding): uploads are refused
 * with a clear error instead of being kept for the request only and lost.
 */
export function unavailableFileStore(): FileStore {
  const refuse = async (): Promise<never> => {
    throw new DomainError('internal', '服务器未配置照片存储，暂时无法上传或查看照片');
  };
  return { put: refuse, get: refuse };
}
