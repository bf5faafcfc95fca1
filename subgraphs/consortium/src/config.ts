import { fileURLToPath } from 'node:url';
import { readDatabaseUrl, readInteger, readObservability, readPort, readServiceKey, readSubgraphSigningKey, readString, readTokenVerification, readUrl, type Env } from '@pioneer/shared/config';

/**
 * Signing and verification of issued documents. `DOCUMENT_SIGNING_IDENTITY_FILE` names a PEM file
 * with the consortium's RSA key and certificate (production: one a CA the universities trust has
 * issued); it must exist. Without it a self-signed demo identity is made once under the data
 * folder (.data/documents/, mode 0600) and kept.
 */
function documentsConfig(env: Env) {
  const gatewayUrl = readUrl(env, 'CONSORTIUM_GATEWAY_URL', 'http://127.0.0.1:4000/graphql');
  const configured = readString(env, 'DOCUMENT_SIGNING_IDENTITY_FILE', '');
  return {
    signingIdentityFile: configured || fileURLToPath(new URL('../../../.data/documents/signing-identity.pem', import.meta.url)),
    createDemoIdentity: configured === '',
    /** Printed on every document (and in its QR code) with the document number appended: the gateway's public /verify/ route. */
    verifyBaseUrl: readUrl(env, 'DOCUMENT_VERIFY_BASE_URL', new URL('/verify/', gatewayUrl).toString()),
    /**
     * Issue 12 item 6: renders of the current record per caller (token subject) across requests —
     * running at once, waiting behind them, a token bucket of a burst refilled per minute; beyond
     * them RATE_LIMITED with retryAfter (docs/operations.md). The cohort job is not limited by them.
     */
    renderLimits: {
      inFlightPerCaller: readInteger(env, 'DOCUMENT_RENDERS_IN_FLIGHT_PER_CALLER', 2, 1, 64),
      queuedPerCaller: readInteger(env, 'DOCUMENT_RENDERS_QUEUED_PER_CALLER', 4, 0, 1000),
      perMinutePerCaller: readInteger(env, 'DOCUMENT_RENDERS_PER_MINUTE_PER_CALLER', 20, 1, 100_000),
      burstPerCaller: readInteger(env, 'DOCUMENT_RENDERS_BURST_PER_CALLER', 6, 1, 100_000),
    },
  };
}

/** The only place this subgraph reads its environment; validated once at start. */
export function loadConfig(env: Env = process.env) {
  return {
    databaseUrl: readDatabaseUrl(env, 'CONSORTIUM_DATABASE_URL', 'pioneer_consortium'),
    host: readString(env, 'CONSORTIUM_HOST', '127.0.0.1'),
    port: readPort(env, 'CONSORTIUM_PORT', 4104),
    signingSecret: readSubgraphSigningKey(env, 'consortium'),
    tokens: readTokenVerification(env),
    /** The consortium's own key for its service identity when it reads the federated record. */
    serviceKey: readServiceKey(env, 'CONSORTIUM_SERVICE_KEY'),
    /** The gateway the consortium asks for federated credits (§10 (3)). */
    gatewayUrl: readUrl(env, 'CONSORTIUM_GATEWAY_URL', 'http://127.0.0.1:4000/graphql'),
    /** Deadline of each of its calls to the gateway, in ms: longer than the gateway's own per-subgraph deadline. */
    gatewayTimeoutMs: readInteger(env, 'CONSORTIUM_GATEWAY_TIMEOUT_MS', 20_000, 100, 600_000),
    /** LOG_LEVEL, OTEL_EXPORTER_OTLP_ENDPOINT. */
    observability: readObservability(env),
    /** The Academic Committee and the diploma's signatories (§5 (3), §17 (2), §18 (1)), JSON. */
    academicCommitteeFile: readString(env, 'ACADEMIC_COMMITTEE_FILE', fileURLToPath(new URL('../academic-committee.json', import.meta.url))),
    documents: documentsConfig(env),
  };
}
