import type { AppendOnlyTable } from '@pioneer/shared/persistence';

/**
 * Tables the serving role may only add to (issue 11 item 4): the audit trail, the result history
 * (every version of a result, §21) and the record of catalogue changes (who changed a weight,
 * when and why), which must survive any correction.
 */
export const universityAppendOnlyTables: readonly AppendOnlyTable[] = [{ table: 'audit_entry' }, { table: 'result_version' }, { table: 'catalogue_change' }];
