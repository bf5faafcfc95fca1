export { leuven as profile } from './profile.js';
export { loadConfig } from './config.js';
