import { z } from '@hono/zod-openapi';
import { attachments } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { detectImageMime } from './image-type.js';
import { FILE_MSG } from './messages.js';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export const StorePhotoInput = z
  .object({
    bytes: z.instanceof(Uint8Array),
    /** What the sender claimed; ignored in favour of the magic bytes, kept for the signature's sake. */
    mime: z.string().optional(),
    sourcePlatform: z.string().max(20).optional(),
    sourceRef: z.string().max(500).optional(),
  })
  .strict();
export type StorePhotoInputT = z.infer<typeof StorePhotoInput>;

export type StoredPhoto = { id: number; sha256: string; size: number; mime: string; receivedAt: Date };

/**
 * Stores a received photo (platform download links expire) and records it unattached: a hazard,
 * event or patrol claims it later. receivedAt is the server's clock because chat apps strip EXIF.
 */
export async function storePhoto(ctx: Ctx, input: StorePhotoInputT): Promise<StoredPhoto> {
  const { bytes } = input;
  if (bytes.byteLength === 0) throw new DomainError('validation_failed', FILE_MSG.empty);
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new DomainError('payload_too_large', FILE_MSG.tooLarge);
  const mime = detectImageMime(bytes);
  if (!mime) throw new DomainError('unsupported_media_type', FILE_MSG.notAnImage);
  const stored = await ctx.files.put(bytes);
  const receivedAt = ctx.clock();
  const [[row]] = await ctx.writer.batch([
    ctx.db
      .insert(attachments)
      .values({
        sha256: stored.sha256,
        size: stored.size,
        mime,
        path: stored.path,
        receivedAt,
        uploaderId: ctx.actor.personId,
        sourcePlatform: input.sourcePlatform ?? null,
        sourceRef: input.sourceRef ?? null,
        createdAt: receivedAt,
      })
      .returning({ id: attachments.id }),
  ]);
  return { id: row.id, sha256: stored.sha256, size: stored.size, mime, receivedAt };
}
