/** A port free on 127.0.0.1 right now (below the ephemeral range; see scripts/lib/ports.ts). */
export { freePort } from '../../scripts/lib/ports.js';
