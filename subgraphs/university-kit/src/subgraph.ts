import type { MikroORM } from '@mikro-orm/postgresql';
import { buildFederatedSubgraphSchema } from '@pioneer/shared/federation';
import { databaseAnswers } from '@pioneer/shared/persistence';
import type { LogLevel } from '@pioneer/shared/observability';
import { startSubgraphServer, type RunningSubgraph } from '@pioneer/shared/server';
import { auditWriter, createAuditResolver, idempotencyStore } from '@pioneer/shared/audit';
import { createTokenVerifier, type Principal, type TokenVerificationConfig } from '@pioneer/shared/auth';
import type { GraphQLSchema } from 'graphql';
import type { UniversityContext } from './context.js';
import { openUniversityDatabase } from './database.js';
import { createCourseResolvers } from './modules/catalogue/course.resolver.js';
import { createCatalogueEditionResolver } from './modules/catalogue/catalogue-edition.resolver.js';
import { createLookupResolver } from './modules/lookup/lookup.resolver.js';
import { createEnrolmentResolver } from './modules/enrolment/enrolment.resolver.js';
import { createExaminationResolver } from './modules/examinations/examination.resolver.js';
import { FORMER_NAME_RESOLVERS } from './modules/examinations/former-names.resolver.js';
import { createStudentRecordLoaders } from './modules/student-record/student-record.service.js';
import { CatalogueCache } from './modules/student-record/student-record.query.js';
import { createStudentExtension } from './modules/student-record/student-record.resolver.js';
import { studentReference } from './modules/student-record/student.reference.js';
import type { UniversityProfile } from './profile.js';
import { GatewayConsortiumRegister, type ConsortiumRegister } from './modules/enrolment/consortium-register.client.js';

export function buildUniversitySchema(profile: UniversityProfile): Promise<GraphQLSchema> {
  const { Student, StudentRecordResolver } = createStudentExtension(profile);
  return buildFederatedSubgraphSchema({
    resolvers: [createEnrolmentResolver(profile), ...createCourseResolvers(profile), ...createCatalogueEditionResolver(profile), createExaminationResolver(profile), createLookupResolver(profile, Student), ...FORMER_NAME_RESOLVERS, StudentRecordResolver, createAuditResolver(profile.field)],
    // Student is reached through `_entities` and the lookups by student number.
    orphanedTypes: [Student],
    referenceResolvers: studentReference,
  });
}

export { openUniversityDatabase };

export function universityContext(
  orm: MikroORM,
  profile: UniversityProfile,
  consortium: (authorization: string | null) => ConsortiumRegister,
): (principal: Principal | null, authorization: string | null) => UniversityContext {
  // One catalogue per process, kept until this process changes it.
  const catalogue = new CatalogueCache().watch(orm);
  return (principal, authorization) => {
    const em = orm.em.fork();
    return { em, profile, loaders: createStudentRecordLoaders(em, profile, catalogue), principal, consortium: consortium(authorization) };
  };
}


export interface UniversityRuntimeConfig {
  databaseUrl: string;
  host: string;
  port: number;
  signingSecret: string;
  tokens: TokenVerificationConfig;
  /** The gateway, asked for the consortium's admissions and decisions (issue 11). */
  gatewayUrl: string;
  observability?: { logLevel: LogLevel; otlpEndpoint: string | null };
}

/** Opens the university's own database (migrated), builds its schema and serves it. */
export async function startUniversitySubgraph(
  profile: UniversityProfile,
  config: UniversityRuntimeConfig,
): Promise<RunningSubgraph & { orm: MikroORM }> {
  const orm = await openUniversityDatabase(config.databaseUrl);
  const schema = await buildUniversitySchema(profile);
  const server = await startSubgraphServer({
    name: profile.field,
    schema,
    host: config.host,
    port: config.port,
    signingSecret: config.signingSecret,
    context: universityContext(orm, profile, (authorization) => new GatewayConsortiumRegister(config.gatewayUrl, authorization)),
    tokens: createTokenVerifier(config.tokens),
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
      await orm.close();
    },
  };
}
