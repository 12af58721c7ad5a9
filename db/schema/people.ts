import { sqliteTable, integer, text, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { createdAt, instant } from './columns.js';
import { towns, departments } from './org.js';
import { enterprises } from './enterprises.js';

// enterprise: an enterprise's safety contact (企业安全联系人), bound to exactly one enterprise (people.enterprise_id).
export const ROLES = ['worker', 'town_admin', 'district_admin', 'department', 'enterprise'] as const;
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
  // enterprise role only: the one enterprise whose hazards and patrol results this contact sees.
  enterpriseId: integer('enterprise_id').references(() => enterprises.id),
  preferredPlatform: text('preferred_platform', { enum: PLATFORMS }),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
}, (t) => [
  index('people_role_town_idx').on(t.role, t.townId),
  index('people_department_idx').on(t.departmentId),
  index('people_enterprise_idx').on(t.enterpriseId),
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
  // The code's first digits (api/people/binding-code-format.ts): not secret, they only say which
  // code a guess is aimed at, so wrong guesses are counted against that code and burn it.
  selector: text('selector').notNull().default(''),
  // HMAC-SHA256 of the whole code with the server secret (api/people/binding-secret.ts): a leaked
  // database alone does not let anyone try the code space offline.
  codeHash: text('code_hash').notNull(),
  // Guesses checked against this code, counted before each check; at the limit the code is dead.
  attempts: integer('attempts').notNull().default(0),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('binding_codes_hash_uq').on(t.codeHash),
  index('binding_codes_selector_idx').on(t.selector),
]);

// Binding attempts per chat sender, persisted so a restart or a second bot process forgets nothing.
// A sender's attempt is counted here before any code is looked up (api/people/binding-limits.ts).
export const bindingAttempts = sqliteTable('binding_attempts', {
  platform: text('platform').notNull(),
  externalId: text('external_id').notNull(),
  attempts: integer('attempts').notNull(),
  lastAttemptAt: instant('last_attempt_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.platform, t.externalId] }),
  // Rows of senders quiet for long are pruned as new attempts come in (binding-limits.ts).
  index('binding_attempts_last_idx').on(t.lastAttemptAt),
]);

export const TOKEN_KINDS = ['person', 'bot'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey(),
  personId: integer('person_id').notNull().references(() => people.id),
  tokenHash: text('token_hash').notNull(),
  label: text('label').notNull().default(''),
  // 'bot': minted for a chat bot process acting for this person; only such tokens may state the
  // chat channel of a request (X-Gridsafe-Channel, api/core/auth.ts).
  kind: text('kind', { enum: TOKEN_KINDS }).notNull().default('person'),
  // Null only for BOOTSTRAP_ADMIN_TOKEN, which is configuration and rotated by changing it.
  expiresAt: instant('expires_at'),
  // Refreshed at most once per LAST_USED_STEP_MS per token, in batches (api/core/token-use.ts).
  lastUsedAt: instant('last_used_at'),
  revokedAt: instant('revoked_at'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)]);

// Server-wide values generated once and shared by every process on the database (the binding-code
// HMAC secret when GRIDSAFE_SECRET is not configured).
export const serverSettings = sqliteTable('server_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});
