export { ErrorCode, RENAMED_ERROR_CODES } from './codes.js';
export { DomainError, isDomainError } from './domain-error.js';
export { formatError, toClientError } from './format-error.js';
export { requireReason, requireText, checkPage, assertPrintable, assertPrintableArguments, MAX_TEXT_LENGTH } from './input.js';
export { isDatabaseUnavailable } from './database-unavailable.js';
