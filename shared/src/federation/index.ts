export * from './build-subgraph-schema.js';
export * from './ids.js';
