import type { Ctx } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import { storePhoto } from '../../api/files/store-photo.js';
import { MAX_PHOTOS } from '../../api/hazards/photos.js';
import { files } from '../env.js';

/** Stores a form's photos through the same verb as the API and chat; the ids then go to the hazard verb. */
export async function storeFormPhotos(ctx: Ctx, field: unknown): Promise<number[]> {
  const chosen = files(field);
  if (chosen.length > MAX_PHOTOS) throw new DomainError('validation_failed', `最多上传 ${MAX_PHOTOS} 张照片`);
  const ids: number[] = [];
  for (const f of chosen) ids.push((await storePhoto(ctx, { bytes: new Uint8Array(await f.arrayBuffer()), sourcePlatform: 'web' })).id);
  return ids;
}
