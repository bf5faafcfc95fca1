export * from './compose.js';
export * from './config.js';
export * from './gateway.js';
export * from './subgraphs.js';
export * from './supergraph.js';
