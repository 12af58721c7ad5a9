import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { DomainError } from '../core/errors.js';
import { bearer, errorResponses, IdParam, json } from '../core/schemas.js';
import { FILE_MSG } from './messages.js';
import { readPhoto } from './read-photo.js';
import { storePhoto } from './store-photo.js';

const Photo = z
  .object({ id: z.number().int(), sha256: z.string(), size: z.number().int(), mime: z.string(), receivedAt: z.string() })
  .openapi('Photo');
const binary = z.string().openapi({ format: 'binary' });
const tags = ['photos'];

const routes = {
  upload: createRoute({
    method: 'post', path: '/v1/photos', tags, summary: '上传照片（请求体为图片原始字节）', security: bearer,
    request: {
      body: {
        content: { 'image/jpeg': { schema: binary }, 'image/png': { schema: binary }, 'image/gif': { schema: binary }, 'image/webp': { schema: binary } },
        required: true,
      },
    },
    responses: {
      201: json(Photo, '已保存'),
      413: { description: '图片过大', content: { 'application/json': { schema: errorResponses[400].content['application/json'].schema } } },
      415: { description: '不是图片', content: { 'application/json': { schema: errorResponses[400].content['application/json'].schema } } },
      ...errorResponses,
    },
  }),
  download: createRoute({
    method: 'get', path: '/v1/photos/{id}', tags, summary: '下载照片', security: bearer,
    request: { params: IdParam },
    responses: { 200: { description: '图片', content: { 'image/*': { schema: binary } } }, ...errorResponses },
  }),
};

export function registerFileRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.upload, async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('image/')) {
      throw new DomainError('unsupported_media_type', FILE_MSG.notAnImage);
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const photo = await storePhoto(c.get('ctx'), { bytes, sourcePlatform: 'api' });
    return c.json({ ...photo, receivedAt: photo.receivedAt.toISOString() }, 201);
  });
  app.openapi(routes.download, async (c) => {
    const photo = await readPhoto(c.get('ctx'), c.req.valid('param').id);
    return c.body(photo.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': photo.mime,
      'cache-control': 'private, max-age=86400',
      etag: `"${photo.sha256}"`,
    });
  });
}
