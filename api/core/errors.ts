// Typed domain errors: verbs throw them, the API maps them to HTTP, the bot to a Chinese reply.
export const ERROR_CODES = {
  validation_failed: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  database_unavailable: 503,
  database_not_migrated: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
  get status() {
    return ERROR_CODES[this.code];
  }
}

/**
 * Marks an error that says "try again" (the request was not done and may succeed as it is later):
 * the API answers it with Retry-After, and the idempotency record never keeps it as the answer.
 */
export function retryable<E extends DomainError>(e: E): E {
  (e as { retryable?: boolean }).retryable = true;
  return e;
}
export const isRetryable = (e: DomainError) => (e as { retryable?: boolean }).retryable === true;

export const validationFailed = (message: string, details?: unknown) => new DomainError('validation_failed', message, details);
export const unauthorized = (message = '未登录或令牌无效') => new DomainError('unauthorized', message);
export const tokenExpired = () => new DomainError('token_expired', '令牌已过期，请联系管理员重新签发令牌');
export const forbidden = (message = '无权操作：超出您的职责范围') => new DomainError('forbidden', message);
export const notFound = (what: string) => new DomainError('not_found', `${what}不存在或不在您的范围内`);
export const conflict = (message: string, details?: unknown) => new DomainError('conflict', message, details);
export const invalidTransition = (message: string, details?: unknown) => new DomainError('invalid_transition', message, details);

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };
export const errorBody = (e: DomainError): ErrorBody => ({
  error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) },
});

/**
 * The domain error behind `e`: itself, or one an ORM wrapped as the cause of its own error
 * (drizzle wraps whatever a driver throws in a DrizzleQueryError, e.g. db/timeout.ts's
 * database_unavailable).
 */
export function domainErrorOf(e: unknown): DomainError | null {
  for (let cur = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth += 1) {
    if (cur instanceof DomainError) return cur;
  }
  return null;
}
