const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Student ids are UUIDs minted by the consortium. Anything else that arrives (from a client or in
 * a gateway representation) names no student, and is never sent to PostgreSQL as a uuid.
 */
export function isStudentId(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}
