import type { LogLevel as HiveLevel, LogWriter } from '@graphql-hive/logger';
import { bounded, type Logger } from '@pioneer/shared/observability';

/** Distinct (request, message) pairs remembered to log each at most once; bounded memory. */
const REMEMBERED = 2_000;

/**
 * Hive Gateway's own log lines, into the gateway's pino log, bounded: only the level, the message
 * (cut to 200 characters), the request id and the subgraph's name are kept — never the attributes
 * Hive attaches (subgraph request bodies with variables, signatures, headers). The same message
 * for the same request is written once: a university that is down fails every entity fetch of a
 * list, which must not become one log entry per fetch (issue 12: 129 KB for one 36-student read).
 */
export class BoundedHiveLogWriter implements LogWriter {
  private readonly seen = new Set<string>();
  constructor(private readonly log: Logger) {}

  write(level: HiveLevel, attrs: unknown, msg: string | null | undefined): void {
    const a = (attrs && typeof attrs === 'object' && !Array.isArray(attrs) ? attrs : {}) as Record<string, unknown>;
    const requestId = typeof a.requestId === 'string' ? a.requestId : null;
    const subgraph = typeof a.subgraph === 'string' ? a.subgraph : typeof a.subgraphName === 'string' ? a.subgraphName : null;
    const text = bounded(String(msg ?? ''), 200);
    if (requestId) {
      const key = `${requestId}\u0000${subgraph}\u0000${text}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
      if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value!);
    }
    this.log[level]({ requestId, ...(subgraph ? { subgraph } : {}), source: 'hive-gateway' }, text);
  }
}
