/** @jsxImportSource hono/jsx */
import type { HazardView } from '../../api/hazards/view.js';
import { StatusTag } from './hazard.js';
import { dayLabel } from './format.js';

/** A list of hazards as links, for the enterprise page, the hazard list and the dashboard. */
export const HazardItems = ({ items, empty = '没有隐患' }: { items: Pick<HazardView, 'code' | 'status' | 'level' | 'overdue' | 'description' | 'deadlineDay' | 'enterprise'>[]; empty?: string }) =>
  items.length === 0 ? <p class="muted">{empty}</p> : (
    <ul class="list">
      {items.map((h) => (
        <li>
          <a href={`/app/hazards/${h.code}`}><b>{h.code}</b></a> <StatusTag h={h} />
          <div>{h.enterprise.name}：{h.description}</div>
          {h.deadlineDay && <div class="muted">期限 {dayLabel(h.deadlineDay)}</div>}
        </li>
      ))}
    </ul>
  );
