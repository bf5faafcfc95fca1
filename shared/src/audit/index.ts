export * from './audit-entry.entity.js';
export * from './audit.plugin.js';
export * from './audit.resolver.js';
export * from './audit-scope.js';
export * from './idempotency-record.entity.js';
export * from './idempotency.plugin.js';
