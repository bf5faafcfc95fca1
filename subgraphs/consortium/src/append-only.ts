import type { AppendOnlyTable } from '@pioneer/shared/persistence';

/**
 * Tables the serving role may only add to (issue 11 item 4): the audit trail, and issued
 * documents (§17 (2), §18 (1)), of which only the revocation may be set, once (its own trigger,
 * migration 20261125143012, checks the rest), and ELMO files for recognition (§13 (2)).
 */
export const consortiumAppendOnlyTables: readonly AppendOnlyTable[] = [
  { table: 'audit_entry' },
  { table: 'issued_document', updatableColumns: ['revoked_on', 'revocation_reason'] },
  // ELMO files put on record for recognition (§13 (2)): a decision cites them, so they never change.
  { table: 'elmo_import' },
];

/**
 * PostgreSQL extensions the consortium's migrations use, created by the administrator before them
 * (the owner role may not create extensions): `unaccent` for the name search.
 */
export const consortiumDatabaseExtensions: readonly string[] = ['unaccent'];
