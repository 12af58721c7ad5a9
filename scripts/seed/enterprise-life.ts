import type { EnterpriseClass, RiskColor } from '../../db/schema/index.js';
import { intervalDays, type PatrolPolicy } from '../../api/patrols/policy.js';
import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDayKey } from '../../lib/time.js';
import { BulkInsert } from './bulk-insert.js';
import type { Rng } from './random.js';
import type { Org } from './org.js';
import { companyName, address, personName, phoneFor, creditCode } from './names.js';
import { hazardLifecycle, type Who } from './hazard-lifecycle.js';
import { HAZARD_TEXTS } from './hazard-texts.js';

export type CheckItemRow = { id: number; code: string; category: string; majorByDefault: boolean };
export type Writers = Record<'enterprises' | 'patrols' | 'hazards' | 'events' | 'hazardDepartments', BulkInsert>;

const CLASSES: readonly (readonly [EnterpriseClass, number])[] = [['key', 10], ['above', 30], ['below', 60]];
const COLORS: readonly (readonly [RiskColor, number])[] = [['red', 2], ['orange', 8], ['yellow', 30], ['blue', 60]];
const CLASS_FACTOR: Record<EnterpriseClass, number> = { key: 1.8, above: 1.1, below: 0.85 };
const COLOR_FACTOR: Record<RiskColor, number> = { red: 1.5, orange: 1.2, yellow: 1, blue: 0.9 };
// Expected product of the two factors over the class and colour spreads, so the mean stays on target.
const FACTOR_MEAN = (0.1 * 1.8 + 0.3 * 1.1 + 0.6 * 0.85) * (0.02 * 1.5 + 0.08 * 1.2 + 0.3 * 1 + 0.6 * 0.9);
const PATROL_HAZARD_RATE = 0.15;
const HAZARD_WINDOW_DAYS = 730;
const YEAR_MS = 365 * DAY_MS;

/** A working-hours instant (08:30–17:30 Shanghai) on the day `daysAgo` days before `now`, never after it. */
function workTime(rng: Rng, now: number, daysAgo: number): number {
  const today = Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  const t = today - Math.floor(daysAgo) * DAY_MS + 8.5 * 3_600_000 + rng.next() * 9 * 3_600_000;
  return Math.round(t <= now ? t : t - DAY_MS);
}

/**
 * Generates one enterprise with its patrol history and hazards (with their events), streaming rows
 * into the writers. Holds nothing across enterprises but id counters and the per-day code counters.
 */
export class EnterpriseLife {
  ids = { patrol: 0, hazard: 0, event: 0 };
  readonly codeCounters = new Map<string, number>();
  private readonly majorItems: CheckItemRow[];
  private readonly generalItems: CheckItemRow[];

  constructor(
    private readonly rng: Rng,
    private readonly org: Org,
    private readonly policy: PatrolPolicy,
    checkItems: CheckItemRow[],
    private readonly now: number,
    private readonly hazardsPerEnterprise: number,
    private readonly w: Writers,
  ) {
    this.majorItems = checkItems.filter((c) => c.majorByDefault);
    this.generalItems = checkItems.filter((c) => !c.majorByDefault);
  }

  /** Writes enterprise `id` in grid `gridIndex` with its patrols, hazards and events. */
  async write(id: number, gridIndex: number): Promise<void> {
    const { rng, now } = this;
    const grid = this.org.grids[gridIndex];
    const town = this.org.towns[grid.townIndex];
    const cls = rng.weighted(CLASSES);
    const color = rng.weighted(COLORS);
    const interval = intervalDays(this.policy, cls, color);
    const region = rng.chance(0.5) ? '南京' : town.name.replace(/(镇|街道)$/, '');
    const company = companyName(rng, region);
    const contact = personName(rng);
    const lat = town.lat + (rng.next() - 0.5) * 0.04;
    const lng = town.lng + (rng.next() - 0.5) * 0.04;

    const neverPatrolled = rng.chance(0.03);
    let registeredAt = neverPatrolled
      ? now - Math.round((5 + rng.next() * 115) * DAY_MS)
      : now - Math.round((rng.chance(0.88) ? 3 + rng.next() * 9 : 0.1 + rng.next() * 2.9) * YEAR_MS);
    let lastPatrolAt: number | null = null;
    const patrolTimes: number[] = [];
    if (!neverPatrolled) {
      const band = rng.weighted([[0, 78], [1, 12], [2, 10]] as const);
      const daysAgo = band === 0 ? rng.next() * interval : band === 1 ? interval + rng.next() * 10 : interval + 10 + rng.next() * 80;
      lastPatrolAt = workTime(rng, now, daysAgo);
      if (lastPatrolAt <= registeredAt) registeredAt = lastPatrolAt - Math.round((10 + rng.next() * 50) * DAY_MS);
      const count = rng.int(2, 5);
      for (let t = lastPatrolAt, k = 0; k < count && t > registeredAt; k++) {
        patrolTimes.push(t);
        t = workTime(rng, now, (now - t) / DAY_MS + interval * (0.7 + rng.next() * 0.5));
      }
    }
    this.put('enterprises', [id, company.name, company.shortName, JSON.stringify(company.aliases), creditCode(id, '320115'),
      address(rng, town.name, grid.village), grid.id, town.id, cls, company.industry, color, contact, phoneFor(1_000_000 + id),
      round6(lat), round6(lng), registeredAt, lastPatrolAt, registeredAt]);

    const base = { id, grid, town, color, contact, lat, lng };
    for (const at of patrolTimes.reverse()) {
      const issues = rng.chance(PATROL_HAZARD_RATE);
      const patrolId = ++this.ids.patrol;
      const platform = rng.chance(0.6) ? 'dingtalk' : 'wechat';
      this.put('patrols', [patrolId, id, grid.id, town.id, grid.workerId, at, issues ? 'issues' : 'normal',
        issues ? '现场检查发现隐患，已上报' : '现场检查未发现问题', round6(lat), round6(lng), null, platform, `p${patrolId}`, at]);
      if (issues) for (let n = rng.int(1, 2); n > 0; n--) this.hazard(base, at + rng.int(5, 40) * 60_000, patrolId);
    }
    const mean = (this.hazardsPerEnterprise * CLASS_FACTOR[cls] * COLOR_FACTOR[color]) / FACTOR_MEAN;
    const standalone = Math.max(0, Math.round(mean * (0.2 + rng.next() * 1.6) - patrolTimes.length * PATROL_HAZARD_RATE * 1.5));
    const from = Math.max(registeredAt, now - HAZARD_WINDOW_DAYS * DAY_MS);
    // workTime rounds to a working-hours slot of the day, which can fall just before registration.
    for (let n = 0; n < standalone; n++) this.hazard(base, Math.max(from, workTime(rng, now, ((now - from) / DAY_MS) * rng.next())), null);
    await this.flushFull();
  }

  private hazard(e: { id: number; grid: Org['grids'][number]; town: Org['towns'][number]; color: RiskColor; contact: string; lat: number; lng: number }, reportedAt: number, patrolId: number | null) {
    const { rng, now } = this;
    if (reportedAt > now) return;
    const major = rng.chance(0.03);
    const item = major && rng.chance(0.7) ? rng.pick(this.majorItems) : rng.pick(this.generalItems);
    const life = hazardLifecycle(rng, { reportedAt, major, now, whistle: rng.chance(0.06) });
    const hazardId = ++this.ids.hazard;
    const day = shanghaiDayKey(reportedAt);
    const seq = (this.codeCounters.get(day) ?? 0) + 1;
    this.codeCounters.set(day, seq);
    const channel = rng.weighted([['dingtalk', 55], ['wechat', 35], ['api', 10]] as const);
    const text = rng.pick(HAZARD_TEXTS[item.code] ?? HAZARD_TEXTS.OTHER);
    this.put('hazards', [hazardId, `YH${day}-${String(seq).padStart(4, '0')}`, e.id, e.grid.id, e.town.id, e.grid.workerId, patrolId,
      channel === 'api' ? null : channel, channel === 'api' ? null : `h${hazardId}`, text, item.id, major ? 'major' : 'general',
      life.status, life.deadlineAt, life.deadlineAt ? e.contact : null, null, round6(e.lat), round6(e.lng), reportedAt, life.closedAt, life.updatedAt]);

    const departmentIndex = item.category === '消防安全' ? 2 : item.category === '特种设备' ? 3 : item.category === '危险化学品' ? 0 : rng.int(0, 7);
    const actor: Record<Who, number> = { worker: e.grid.workerId, admin: e.town.adminId, department: this.org.departmentUserIds[departmentIndex] };
    for (const ev of life.events) {
      const data = ev.action === 'whistle' || ev.action === 'acknowledge' ? { departmentId: departmentIndex + 1 } : ev.data;
      this.put('events', [++this.ids.event, hazardId, ev.action, ev.from, ev.to, actor[ev.who], ev.at, ev.note,
        data ? JSON.stringify(data) : null, ev.who === 'worker' ? channel : ev.who === 'admin' ? 'dingtalk' : 'api']);
    }
    if (life.whistle) {
      const ack = life.whistle.acknowledgedAt;
      this.put('hazardDepartments', [hazardId, departmentIndex + 1, life.whistle.at, e.grid.workerId, ack, ack ? actor.department : null]);
    }
  }

  private readonly full = new Set<keyof Writers>();
  private put(table: keyof Writers, row: Parameters<BulkInsert['add']>[0]) {
    if (this.w[table].add(row)) this.full.add(table);
  }

  private async flushFull() {
    for (const table of this.full) await this.w[table].flush();
    this.full.clear();
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
