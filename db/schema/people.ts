import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { createdAt, instant } from './columns.js';
import { towns, departments } from './org.js';

export const ROLES = ['worker', 'town_admin', 'district_admin', 'department'] as const;
export type Role = (typeof ROLES)[number];
export const PLATFORMS = ['dingtalk', 'wechat', 'wecom', 'terminal'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const people = sqliteTable('people', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone'),
  role: text('role', { enum: ROLES }).notNull(),
  // town_admin: their town; worker: informational (scope comes from grids.worker_id).
  townId: integer('town_id').references(() => towns.id),
  departmentId: integer('department_id').references(() => departments.id),
  preferredPlatform: text('preferred_platform', { enum: PLATFORMS }),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
}, (t) => [
  index('people_role_town_idx').on(t.role, t.townId),
  index('people_department_idx').on(t.departmentId),
  uniqueIndex('people_phone_uq').on(t.phone),
]);

export const chatIdentities = sqliteTable('chat_identities', {
  id: integer('id').primaryKey(),
  personId: integer('person_id').notNull().references(() => people.id),
  platform: text('platform', { enum: PLATFORMS }).notNull(),
  // Platform's own id: DingTalk staffId, WeChat contact id of the current login.
  externalId: text('external_id').notNull(),
  createdAt: createdAt(),
}, (t) => [
  // Every incoming chat message resolves its sender through this index.
  uniqueIndex('chat_identities_platform_external_uq').on(t.platform, t.externalId),
  index('chat_identities_person_idx').on(t.personId),
]);

export const bindingCodes = sqliteTable('binding_codes', {
  id: integer('id').primaryKey(),
  personId: integer('person_id').notNull().references(() => people.id),
  // sha256 of the 6-digit code: a leaked database does not leak usable codes.
  codeHash: text('code_hash').notNull(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('binding_codes_hash_uq').on(t.codeHash)]);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey(),
  personId: integer('person_id').notNull().references(() => people.id),
  tokenHash: text('token_hash').notNull(),
  label: text('label').notNull().default(''),
  lastUsedAt: instant('last_used_at'),
  revokedAt: instant('revoked_at'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)]);
