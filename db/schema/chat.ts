import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { instant } from './columns.js';

// Messages the bot could not understand, kept so the district office sees what workers really
// type (GET /v1/chat/unrecognised). Text only: no sender, no chat ids, no photos.
export const unrecognisedMessages = sqliteTable('unrecognised_messages', {
  id: integer('id').primaryKey(),
  districtId: integer('district_id').notNull(),
  platform: text('platform').notNull(),
  text: text('text').notNull(),
  receivedAt: instant('received_at').notNull(),
}, (t) => [index('unrecognised_district_time_idx').on(t.districtId, t.receivedAt)]);
