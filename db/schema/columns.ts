import { integer } from 'drizzle-orm/sqlite-core';

// All instants are stored as UTC epoch milliseconds; business days are derived in Asia/Shanghai (lib/time.ts).
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const createdAt = () => instant('created_at').notNull();
