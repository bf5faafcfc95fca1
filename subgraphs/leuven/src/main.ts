import { stopOnSignals } from '@pioneer/shared/server';
import { startUniversitySubgraph } from '@pioneer/university-kit';
import { loadConfig } from './config.js';
import { leuven } from './profile.js';

const running = await startUniversitySubgraph(leuven, loadConfig());
console.log(`${leuven.name} subgraph ready at ${running.url}`);
stopOnSignals(running.stop);
