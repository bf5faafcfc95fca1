import { stopOnSignals } from '@pioneer/shared/signals';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

const running = await startGateway(loadGatewayConfig());
console.log(`Gateway ready at ${running.url}`);
stopOnSignals(running.stop);
