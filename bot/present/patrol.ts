import type { LogPatrolResult } from '../../api/patrols/log.js';
import type { Role } from '../../db/schema/index.js';
import { LEVEL_NAMES, M } from '../dialog/messages.js';
import { clip, type Reply } from './reply.js';
import { dayLabel } from './format.js';
import { echoLines, nextActions, statusLine } from './hazard.js';
import type { Echo } from '../dialog/echo.js';

/** `echoes` are the found hazards' echoes (echo.ts), in the order of `r.hazards`. */
export function patrolReply(r: LogPatrolResult, role: Role, photos: number, echoes: Echo[] = []): Reply {
  const p = r.patrol;
  const lines: string[] = [
    `企业：${clip(p.enterpriseName, 40)}`,
    `结果：${p.result === 'normal' ? '正常' : '发现问题'}`,
    ...r.hazards.flatMap((h, i) => [
      `隐患 ${h.code}（${LEVEL_NAMES[h.level]}，${statusLine(h)}）：${clip(h.description, 40)}`,
      ...(echoes[i] ? echoLines(h, { ...echoes[i], photos: 0, photosRest: 0 }) : []),
    ]),
    `下次巡查：${dayLabel(r.nextDueDay)} 前`,
  ];
  if (photos > 0) lines.push(M.photosAttached(photos));
  return { title: M.patrolTitle, lines, actions: r.hazards[0] ? nextActions(r.hazards[0], role) : undefined };
}
