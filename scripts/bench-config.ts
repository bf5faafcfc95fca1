import { readInteger, readPort, readSigningSecret, readUrl, type Env } from '@pioneer/shared/config';

/** The only place the benchmark reads its environment. */
export function loadBenchConfig(env: Env = process.env) {
  return {
    databaseServer: readUrl(env, 'BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres'),
    seconds: readPort(env, 'BENCH_SECONDS', 10),
    connections: readPort(env, 'BENCH_CONNECTIONS', 20),
    /** Diploma Supplements rendered by `npm run bench:documents`. */
    documents: readPort(env, 'DOCUMENTS_BENCH_COUNT', 1000),
    /** Students of the large intake of `npm run bench:scale` (the small one has a tenth). */
    scaleStudents: readPort(env, 'SCALE_STUDENTS', 10000),
    /** Graduates whose diploma and supplement `npm run bench:cohort` issues (issue 13 item 7: 1,000). */
    cohortStudents: readInteger(env, 'COHORT_STUDENTS', 1000, 1, 100_000),
    /** `npm run bench:render-load`: readers, seconds per round, rounds of each kind. */
    renderLoad: {
      users: readInteger(env, 'RENDER_LOAD_USERS', 6, 1, 100),
      seconds: readInteger(env, 'RENDER_LOAD_SECONDS', 30, 1, 3600),
      rounds: readInteger(env, 'RENDER_LOAD_ROUNDS', 2, 1, 20),
    },
    /** Alternated rounds of `npm run bench:scale`: three, so that the median is the middle round, not the faster of two. */
    scaleRounds: readPort(env, 'SCALE_ROUNDS', 3),
  };
}

export function loadApolloGatewayConfig(env: Env = process.env) {
  const supergraphPath = env.SUPERGRAPH_PATH;
  if (!supergraphPath) throw new Error('SUPERGRAPH_PATH is required');
  return { supergraphPath, port: readPort(env, 'APOLLO_GATEWAY_PORT', 4710), signingSecret: readSigningSecret(env) };
}

/** `npm run soak -- [seconds] [connections]`: arguments win over SOAK_SECONDS / SOAK_CONNECTIONS. */
export function loadSoakConfig(argv: readonly string[], env: Env = process.env) {
  const [seconds, connections] = argv;
  const merged = { ...env, ...(seconds ? { SOAK_SECONDS: seconds } : {}), ...(connections ? { SOAK_CONNECTIONS: connections } : {}) };
  return {
    databaseServer: readUrl(env, 'BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres'),
    /** Bounded: at most a day. */
    seconds: readInteger(merged, 'SOAK_SECONDS', 600, 1, 86_400),
    connections: readInteger(merged, 'SOAK_CONNECTIONS', 8, 1, 500),
  };
}
