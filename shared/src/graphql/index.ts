export * from './enums.js';
export * from './deprecation.js';
