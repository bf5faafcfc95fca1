export * from './start-subgraph.js';
