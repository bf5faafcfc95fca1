export * from './orm.js';
export * from './database-admin.js';
export * from './loaders.js';
export * from './database-roles.js';
export * from './bulk-insert.js';
export * from './rows.js';
