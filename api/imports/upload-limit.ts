import { DomainError } from '../core/errors.js';
import { IMPORT_MSG } from './messages.js';

// A city's whole register is ~400,000 enterprises, imported town by town; one file stays bounded.
export const MAX_IMPORT_ROWS = 50_000;

// 50,000 rows of the enterprise register with every column filled run to ~170-300 bytes a row in
// UTF-8 (a Chinese character is 3 bytes); 16 MiB leaves room for long addresses and still refuses
// a file that could not be within the row cap before reading it.
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

export const importTooLarge = () =>
  new DomainError('payload_too_large', IMPORT_MSG.fileTooLarge(MAX_IMPORT_BYTES / 1024 / 1024, MAX_IMPORT_ROWS), {
    maxBytes: MAX_IMPORT_BYTES,
    maxRows: MAX_IMPORT_ROWS,
  });

/** The body limit of every /v1/imports/ upload, whatever its content type says. */
export const IMPORT_BODY_LIMIT = { max: MAX_IMPORT_BYTES, error: importTooLarge };
