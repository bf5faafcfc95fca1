/**
 * Apollo Gateway over a given supergraph, in its own process: only for the gateway comparison in
 * `npm run bench` (the hub's gateway is Hive Gateway, gateway/).
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway } from '@apollo/gateway';
import { loadApolloGatewayConfig } from './bench-config.js';

const config = loadApolloGatewayConfig();
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: readFileSync(config.supergraphPath, 'utf8') }) });
const { url } = await startStandaloneServer(server, { listen: { port: config.port, host: '127.0.0.1' } });
console.log(`Apollo Gateway ready at ${url}`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
