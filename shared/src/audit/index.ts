export * from './audit-entry.entity.js';
export * from './audit.plugin.js';
export * from './audit.resolver.js';
