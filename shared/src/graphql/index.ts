export * from './enums.js';
export * from './deprecation.js';
export * from './base64-file.js';
