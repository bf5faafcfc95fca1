const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in the hub are UUIDs; anything else names nothing, and is never sent to PostgreSQL as a uuid. */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

/** Student ids are UUIDs minted by the consortium. */
export const isStudentId = isUuid;
