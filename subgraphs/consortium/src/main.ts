import { stopOnSignals } from '@pioneer/shared/server';
import { loadConfig } from './config.js';
import { startConsortiumSubgraph } from './subgraph.js';

const running = await startConsortiumSubgraph(loadConfig());
console.log(`Consortium subgraph ready at ${running.url}`);
stopOnSignals(running.stop);
