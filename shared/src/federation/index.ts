export * from './build-subgraph-schema.js';
