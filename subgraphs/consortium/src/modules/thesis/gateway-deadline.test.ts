import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSigningJwk, tokenIssuer } from '@pioneer/shared/auth';
import { GatewayRecordClient, ServiceIdentity } from './federated-credits.js';
import { GatewayDocumentRecordClient } from '../documents/document-record.client.js';

/**
 * The consortium's own calls through the gateway have a deadline (CONSORTIUM_GATEWAY_TIMEOUT_MS):
 * a gateway that never answers costs a decision at most that, then SOURCE_TIMEOUT; a gateway that
 * is not there is SOURCE_UNAVAILABLE at once.
 */
describe('the consortium’s calls to the gateway have a deadline', () => {
  let hung: Server;
  let url: string;
  let requests = 0;
  let identity: ServiceIdentity;
  beforeAll(async () => {
    identity = new ServiceIdentity(await tokenIssuer(await generateSigningJwk('consortium-service'), 'pioneer-hub', 'pioneer-hub'));
    // Reads the request, never answers: a frozen gateway.
    hung = createServer((req) => {
      requests += 1;
      req.resume();
    });
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    hung.closeAllConnections();
    await new Promise((r) => hung.close(r));
  });

  it('credits for a thesis decision: SOURCE_TIMEOUT after the deadline', async () => {
    const client = new GatewayRecordClient(url, identity, 300);
    await expect(client.creditsEarned('00000000-0000-4000-8000-000000000001', '2026-11-22')).rejects.toMatchObject({ code: 'SOURCE_TIMEOUT', details: { source: 'gateway', timeoutMs: 300 } });
    expect(requests).toBe(1);
  });

  it('records for documents: SOURCE_TIMEOUT after the deadline', async () => {
    const client = new GatewayDocumentRecordClient(url, identity, 300);
    await expect(client.liveRecords(['00000000-0000-4000-8000-000000000001'])).rejects.toMatchObject({ code: 'SOURCE_TIMEOUT' });
  });

  it('a gateway that is not there: SOURCE_UNAVAILABLE', async () => {
    const nowhere = new GatewayRecordClient('http://127.0.0.1:9/graphql', identity, 300);
    await expect(nowhere.creditsEarned('00000000-0000-4000-8000-000000000001', '2026-11-22')).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
  });
});
