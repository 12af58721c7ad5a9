import type { Actor, Channel } from '../../api/core/context.js';
import type { HazardView } from '../../api/hazards/view.js';
import type { HazardRef } from '../../api/hazards/load.js';
import type { ReportHazardInputT, ReportHazardResult } from '../../api/hazards/report.js';
import type { AssignHazardInputT } from '../../api/hazards/assign.js';
import type { RectifyHazardInputT } from '../../api/hazards/rectify.js';
import type { ReviewHazardInputT } from '../../api/hazards/review.js';
import type { VoidHazardInputT } from '../../api/hazards/void.js';
import type { WhistleHazardInputT } from '../../api/hazards/whistle.js';
import type { LogPatrolInputT, LogPatrolResult } from '../../api/patrols/log.js';
import type { MyTasks } from '../../api/stats/my-tasks.js';
import type { StatsSummary } from '../../api/stats/summary.js';
import type { OverdueList } from '../../api/stats/overdue.js';
import type { MajorOpenList as MajorOpen } from '../../api/stats/major-open.js';
import type { Assessment, AssessmentInputT } from '../../api/stats/assessment.js';
import type { HazardDetail } from '../../api/hazards/get.js';
import type { AddHazardNoteInputT } from '../../api/hazards/add-note.js';
import type { CorrectReportInputT } from '../../api/hazards/correct.js';
import type { HazardPage, ListHazardsQueryT } from '../../api/hazards/list.js';
import type { EnterpriseView } from '../../api/enterprises/schemas.js';
import type { ListEnterprisesInputT } from '../../api/enterprises/list-enterprises.js';

// The bot's only way to write: the API's verbs with their input schemas, called in-process or over
// HTTP. Results are the API's JSON views (instants as ISO strings), so both transports return the
// same shapes. Chat words (a town's name, a period like 上周) are turned into the verbs' inputs by
// the dialog, never inside a verb.

export type { HazardRef, HazardView, MyTasks, StatsSummary, OverdueList, MajorOpen, HazardDetail, EnterpriseView, Assessment, HazardPage };

export type AddNoteInput = AddHazardNoteInputT;
export type EnterpriseMatch = { id: number; name: string; shortName: string | null; score: number; exact: boolean };
/** Like GET /v1/stats/summary: a town (none = the actor's whole scope) and a period word (默认本月). */
export type StatsQuery = { townId?: number; gridId?: number; period?: string };
export type PlaceQuery = { townId?: number; gridId?: number };
export type StorePhotoInput = { bytes: Uint8Array; mime?: string; sourcePlatform?: string; sourceRef?: string };
export type Department = { id: number; name: string; keywords: string[] };
export type Town = { id: number; name: string };
/** Like GET /v1/grids: a grid the actor may see (a worker their own, a town admin their town's). */
export type Grid = { id: number; townId: number; name: string; village: string | null };
/** Like GET /v1/enterprises: the actor's enterprises, filtered (e.g. dueBefore for patrols due). */
export type EnterpriseQuery = Partial<Pick<ListEnterprisesInputT, 'limit' | 'offset' | 'dueBefore' | 'townId' | 'q'>>;
export type EnterprisePage = { items: EnterpriseView[]; total: number; limit: number; offset: number };

/** The verbs, acting as one person through one channel. */
export interface ActorVerbs {
  readonly actor: Actor;
  report(input: ReportHazardInputT): Promise<ReportHazardResult>;
  patrol(input: LogPatrolInputT): Promise<LogPatrolResult>;
  rectify(ref: HazardRef, input: RectifyHazardInputT): Promise<HazardView>;
  review(ref: HazardRef, input: ReviewHazardInputT): Promise<HazardView>;
  assign(ref: HazardRef, input: AssignHazardInputT): Promise<HazardView>;
  void(ref: HazardRef, input: VoidHazardInputT): Promise<HazardView>;
  whistle(ref: HazardRef, input: WhistleHazardInputT): Promise<HazardView>;
  acknowledge(ref: HazardRef): Promise<HazardView>;
  addNote(ref: HazardRef, input: AddNoteInput): Promise<HazardView>;
  /** The reporter's own correction or withdrawal of a report, within minutes of it. */
  correct(ref: HazardRef, input: CorrectReportInputT): Promise<HazardView>;
  getHazard(ref: HazardRef): Promise<HazardDetail>;
  hazards(query: ListHazardsQueryT): Promise<HazardPage>;
  matchEnterprises(query: string, limit: number): Promise<EnterpriseMatch[]>;
  /** The names of the actor's enterprises as messages may say them (none past a bound; see names-in-scope.ts). */
  enterpriseNames(): Promise<{ names: string[]; complete: boolean }>;
  getEnterprise(id: number): Promise<EnterpriseView>;
  enterprises(query: EnterpriseQuery): Promise<EnterprisePage>;
  tasks(): Promise<MyTasks>;
  stats(input: StatsQuery): Promise<StatsSummary>;
  overdue(input: PlaceQuery): Promise<OverdueList>;
  major(input: PlaceQuery): Promise<MajorOpen>;
  ranking(input: AssessmentInputT): Promise<Assessment>;
  storePhoto(input: StorePhotoInput): Promise<{ id: number }>;
  /** Keeps the text of a message the bot could not understand (GET /v1/chat/unrecognised). */
  noteUnrecognised(text: string): Promise<{ kept: true }>;
  departments(): Promise<Department[]>;
  towns(): Promise<Town[]>;
  /** The grids in the actor's scope, at most 500 (the dialog asks only when that bounds the scope). */
  grids(): Promise<Grid[]>;
}

/** The chat message a set of calls answers: its writes are keyed by it, so a redelivery never writes twice. */
export type MessageOrigin = { platform: string; messageId: string };

export interface VerbClient {
  as(actor: Actor, channel: Channel, origin?: MessageOrigin): ActorVerbs;
}
