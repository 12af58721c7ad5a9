import type { ChartPicture, SendResult } from '../../port.js';
import { chartPng, CHART_FILE_NAME } from '../chart-png.js';
import type { OpenApi } from './openapi.js';
import { resultFor, sendBatch, sendGroup, type RobotMsg } from './proactive.js';

// Pictures need Node (the chart is rasterised by resvg): the Stream adapter sends them, the Worker's
// OpenAPI sender (openapi-sender.ts) sends the text alone.

export type Target = { userId: string } | { groupId: string };
export type PictureSender = (to: Target, picture: ChartPicture) => Promise<SendResult>;

/** The legacy media API lives on oapi.dingtalk.com; a test or private apiBase serves both. */
export function oapiBaseFor(apiBase: string): string {
  return apiBase === 'https://api.dingtalk.com' ? 'https://oapi.dingtalk.com' : apiBase;
}

/**
 * Uploads the chart as an image (POST /media/upload?type=image, multipart field `media`) and sends
 * it as a robot image message: sampleImageMsg takes the returned media_id as its photoURL.
 */
export function dingTalkPictures(api: OpenApi, robotCode: string, oapiBase: string): PictureSender {
  return async (to, picture) => {
    let mediaId: string;
    try {
      const form = new FormData();
      form.append('media', new Blob([chartPng(picture)], { type: 'image/png' }), CHART_FILE_NAME);
      const res = await api.postForm<{ media_id?: unknown }>(`${oapiBase.replace(/\/+$/, '')}/media/upload?type=image`, form);
      if (typeof res.media_id !== 'string') return { ok: false, retryable: false, error: 'media upload answered no media_id' };
      mediaId = res.media_id;
    } catch (e) {
      return { ok: false, retryable: false, error: e instanceof Error ? e.message : String(e) };
    }
    const image: RobotMsg = { msgKey: 'sampleImageMsg', msgParam: JSON.stringify({ photoURL: mediaId }) };
    if ('groupId' in to) return sendGroup(api, robotCode, to.groupId, image);
    return resultFor(to.userId, await sendBatch(api, robotCode, [to.userId], image));
  };
}
