export { ErrorCode } from './codes.js';
export { DomainError, isDomainError } from './domain-error.js';
export { formatError, toClientError } from './format-error.js';
