export * from './start-subgraph.js';
export * from './gateway-signature.js';
export * from './signals.js';
