export * from './enums.js';
export * from './base64-file.js';
