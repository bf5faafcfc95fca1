export * from './principal.js';
export * from './policy.js';
export * from './tokens.js';
export * from './guard.js';
