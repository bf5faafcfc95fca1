import { startHub, type HubOptions, type RunningHub } from '../../scripts/lib/hub.js';
import { freshDatabase } from './databases.js';
import { freePort } from './ports.js';

/** Four fresh databases of this test run, one per subgraph. */
export async function freshHubDatabases(label: string): Promise<HubOptions['databases']> {
  return {
    leuven: await freshDatabase(`${label}_leuven`),
    muenster: await freshDatabase(`${label}_muenster`),
    ttu: await freshDatabase(`${label}_ttu`),
    consortium: await freshDatabase(`${label}_consortium`),
  };
}

/** The hub as it runs (five processes) on free ports, in test mode; `env` adds to every process's environment. */
export async function startTestHub(seed: HubOptions['seed'], databases: HubOptions['databases'], env?: Record<string, string>): Promise<RunningHub> {
  return startHub({
    databases,
    ports: { gateway: await freePort(), leuven: await freePort(), muenster: await freePort(), ttu: await freePort(), consortium: await freePort() },
    seed,
    mode: 'test',
    ...(env ? { env } : {}),
  });
}
