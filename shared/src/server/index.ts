export * from './start-subgraph.js';
export * from './gateway-signature.js';
