import type { EntityManager } from '@mikro-orm/postgresql';
import { DocumentKind } from './document.snapshot.js';

/** The kind's part of a document number: PIONEER-DS-2024-0001 (the supplement of the 2024 intake, first issued). */
export const NUMBER_PREFIX: Readonly<Record<DocumentKind, string>> = {
  DIPLOMA: 'DIP',
  DIPLOMA_SUPPLEMENT: 'DS',
  TRANSCRIPT_OF_RECORDS: 'TOR',
};

export const DOCUMENT_NUMBER = /^PIONEER-(DIP|DS|TOR)-(\d{4})-(\d{4,})$/;

export function formatDocumentNumber(kind: DocumentKind, intake: number, sequence: number): string {
  return `PIONEER-${NUMBER_PREFIX[kind]}-${intake}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The next number of a kind and intake, inside the caller's transaction: the upsert locks the
 * counter row until commit, so concurrent issues queue and a rolled-back issue gives its number back.
 */
export async function nextDocumentNumber(em: EntityManager, kind: DocumentKind, intake: number): Promise<string> {
  const rows = await em.getConnection().execute<{ last: number }[]>(
    `insert into "document_number_counter" ("kind", "intake", "last") values (?, ?, 1)
     on conflict ("kind", "intake") do update set "last" = "document_number_counter"."last" + 1 returning "last"`,
    [kind, intake],
    'all',
    em.getTransactionContext(),
  );
  return formatDocumentNumber(kind, intake, Number(rows[0]!.last));
}
