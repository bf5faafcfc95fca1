import type { MikroORM } from '@mikro-orm/postgresql';
import { buildFederatedSubgraphSchema } from '@pioneer/shared/federation';
import { databaseAnswers } from '@pioneer/shared/persistence';
import type { LogLevel } from '@pioneer/shared/observability';
import { startSubgraphServer, type RunningSubgraph } from '@pioneer/shared/server';
import { auditWriter, createAuditResolver, idempotencyStore } from '@pioneer/shared/audit';
import { createTokenVerifier, tokenIssuer, type Principal, type TokenVerificationConfig } from '@pioneer/shared/auth';
import type { JWK } from 'jose';
import type { GraphQLSchema } from 'graphql';
import type { ConsortiumContext } from './context.js';
import { openConsortiumDatabase } from './database.js';
import { ProgressionResolver } from './modules/progression/progression.resolver.js';
import { StudentResolver } from './modules/students/student.resolver.js';
import { studentReference } from './modules/students/student.reference.js';
import { createStudentLoader } from './modules/students/student.service.js';
import { createThesisLoader } from './modules/thesis/thesis.loader.js';
import { AdmissionResolver } from './modules/admission/admission.resolver.js';
import { DecisionResolver } from './modules/thesis/decision.resolver.js';
import { createDecisionLoader } from './modules/thesis/decision.service.js';
import { createAdmissionLoader } from './modules/admission/admission.service.js';
import { createProgressionFactsLoader } from './modules/progression/progression-facts.loader.js';
import { ThesisResolver, StudentThesisResolver } from './modules/thesis/thesis.resolver.js';
import { DashboardSnapshots } from './modules/dashboard/dashboard.snapshots.js';
import { GatewayRecordClient, ServiceIdentity, type CohortSource, type CreditSource } from './modules/thesis/federated-credits.js';
import { DashboardResolver } from './modules/dashboard/dashboard.resolver.js';
import { DocumentResolver, StudentDocumentsResolver } from './modules/documents/document.resolver.js';
import { documentContext, NO_DOCUMENT_DEPS, type DocumentDeps } from './modules/documents/document.service.js';
import { GatewayDocumentRecordClient } from './modules/documents/document-record.client.js';
import { loadSignatories } from './modules/documents/academic-committee.js';
import { loadSigningIdentity } from './modules/documents/signing/signing-identity.js';
import { DocumentVerificationResolver } from './modules/documents/document-verification.resolver.js';
import { CohortIssueResolver } from './modules/documents/cohort/cohort-issue.resolver.js';
import { CohortIssueJobs } from './modules/documents/cohort/cohort-issue.job.js';
import { RenderPool } from './modules/documents/cohort/render-pool.js';
import { ElmoImportResolver, RecognitionSourceResolver } from './modules/recognition-import/elmo-import.resolver.js';
import { GradingScalesResolver } from './modules/documents/grading-scales.resolver.js';
import { RenderLimits, type RenderLimitsConfig } from './modules/documents/render-limits.js';

export function buildConsortiumSchema(): Promise<GraphQLSchema> {
  return buildFederatedSubgraphSchema({
    resolvers: [StudentResolver, AdmissionResolver, ProgressionResolver, ThesisResolver, StudentThesisResolver, DecisionResolver, DashboardResolver, DocumentResolver, StudentDocumentsResolver, GradingScalesResolver, DocumentVerificationResolver, CohortIssueResolver, ElmoImportResolver, RecognitionSourceResolver, createAuditResolver('consortium')],
    referenceResolvers: studentReference,
  });
}

export { openConsortiumDatabase };

export function consortiumContext(
  orm: MikroORM,
  federation: CreditSource & CohortSource,
  documents: DocumentDeps = NO_DOCUMENT_DEPS,
): (principal: Principal | null) => ConsortiumContext {
  const dashboardSnapshots = new DashboardSnapshots();
  return (principal) => {
    const em = orm.em.fork();
    const theses = createThesisLoader(em);
    return {
      em,
      principal,
      loaders: { students: createStudentLoader(em), theses, admissions: createAdmissionLoader(em), decisions: createDecisionLoader(em), progressionFacts: createProgressionFactsLoader(em) },
      federation,
      dashboardSnapshots,
      progressions: new WeakMap(),
      documents: documentContext(em, documents, theses),
    };
  };
}

export async function startConsortiumSubgraph(config: {
  databaseUrl: string;
  host: string;
  port: number;
  gatewayUrl: string;
  signingSecret: string;
  tokens: TokenVerificationConfig;
  /** The consortium's own signing key (private JWK) for its service identity; its public half is among the trusted keys. */
  serviceKey: JWK;
  academicCommitteeFile: string;
  documents: { signingIdentityFile: string; createDemoIdentity: boolean; verifyBaseUrl: string; renderLimits?: RenderLimitsConfig };
  /** Deadline of each call the consortium makes to the gateway. */
  gatewayTimeoutMs?: number;
  observability?: { logLevel: LogLevel; otlpEndpoint: string | null };
}): Promise<RunningSubgraph & { orm: MikroORM }> {
  const orm = await openConsortiumDatabase(config.databaseUrl);
  const schema = await buildConsortiumSchema();
  const identity = new ServiceIdentity(await tokenIssuer(config.serviceKey, config.tokens.issuer, config.tokens.audience));
  const records = new GatewayDocumentRecordClient(config.gatewayUrl, identity, config.gatewayTimeoutMs);
  const signatories = loadSignatories(config.academicCommitteeFile);
  const signing = loadSigningIdentity(config.documents.signingIdentityFile, config.documents.createDemoIdentity);
  const jobs = new CohortIssueJobs({ orm, records, signatories, verifyBaseUrl: config.documents.verifyBaseUrl, pool: new RenderPool(signing) });
  const documents: DocumentDeps = {
    records,
    signatories,
    signing,
    verifyBaseUrl: config.documents.verifyBaseUrl,
    jobs,
    renderLimits: config.documents.renderLimits ? new RenderLimits(config.documents.renderLimits) : null,
  };
  const server = await startSubgraphServer({
    name: 'consortium',
    schema,
    host: config.host,
    port: config.port,
    signingSecret: config.signingSecret,
    tokens: createTokenVerifier(config.tokens),
    context: consortiumContext(orm, new GatewayRecordClient(config.gatewayUrl, identity, config.gatewayTimeoutMs), documents),
    writeAudit: auditWriter(orm),
    idempotency: idempotencyStore(orm),
    checkReady: () => databaseAnswers(orm),
    observability: config.observability,
  });
  return {
    ...server,
    orm,
    stop: async () => {
      await server.stop();
      await jobs.close();
      await orm.close();
    },
  };
}
