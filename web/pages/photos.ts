import { readPhoto } from '../../api/files/read-photo.js';
import { validationFailed } from '../../api/core/errors.js';
import type { WebApp } from '../env.js';

/** Photos for the pages: the same readPhoto verb as the API, so a photo outside the viewer's scope is not found. */
export function registerPhotoRoutes(web: WebApp) {
  web.get('/app/photos/:id', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id <= 0) throw validationFailed('照片编号不正确');
    const photo = await readPhoto(c.get('ctx'), id);
    return c.body(photo.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': photo.mime, 'cache-control': 'private, max-age=86400', etag: `"${photo.sha256}"`,
    });
  });
}
