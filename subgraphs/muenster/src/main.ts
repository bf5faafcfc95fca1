import { stopOnSignals } from '@pioneer/shared/server';
import { startUniversitySubgraph } from '@pioneer/university-kit';
import { loadConfig } from './config.js';
import { muenster } from './profile.js';

const running = await startUniversitySubgraph(muenster, loadConfig());
console.log(`${muenster.name} subgraph ready at ${running.url}`);
stopOnSignals(running.stop);
