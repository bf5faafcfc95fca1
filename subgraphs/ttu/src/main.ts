import { stopOnSignals } from '@pioneer/shared/server';
import { startUniversitySubgraph } from '@pioneer/university-kit';
import { loadConfig } from './config.js';
import { ttu } from './profile.js';

const running = await startUniversitySubgraph(ttu, loadConfig());
console.log(`${ttu.name} subgraph ready at ${running.url}`);
stopOnSignals(running.stop);
