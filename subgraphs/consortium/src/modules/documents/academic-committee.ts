import { readFileSync } from 'node:fs';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import type { Person, Signatories } from './document.snapshot.js';

const INSTITUTIONS = ['KU Leuven', 'University of Münster', 'TalTech'];

function invalid(file: string, why: string): never {
  throw new DomainError(ErrorCode.CONFIG_INVALID, `Academic Committee file ${file}: ${why}`, { file });
}

function person(file: string, p: unknown, where: string): Person {
  const o = p as Partial<Person> | null;
  if (!o || typeof o.name !== 'string' || !o.name.trim() || typeof o.role !== 'string' || typeof o.institution !== 'string') invalid(file, `${where} needs name, role and institution`);
  return { name: o.name.trim(), role: o.role.trim(), institution: o.institution.trim() };
}

/**
 * The signatories, from configuration (the committee changes every two years, §5 (3)), checked
 * at start: one member per university, the chair from KU Leuven, three rectors (§17 (2)).
 */
export function loadSignatories(file: string): Signatories {
  let raw: { chair?: unknown; members?: unknown; rectors?: unknown };
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    invalid(file, `cannot be read as JSON (${(e as Error).message})`);
  }
  const chair = person(file, raw.chair, 'chair');
  if (!Array.isArray(raw.members) || !Array.isArray(raw.rectors)) invalid(file, 'members and rectors are lists');
  const members = raw.members.map((m, i) => person(file, m, `members[${i}]`));
  const rectors = raw.rectors.map((m, i) => person(file, m, `rectors[${i}]`));
  // §5 (3): one representative of each university; KU Leuven provides the chair.
  if (members.length !== 3 || INSTITUTIONS.some((i) => members.filter((m) => m.institution === i).length !== 1)) invalid(file, `one member from each of ${INSTITUTIONS.join(', ')}`);
  if (chair.institution !== 'KU Leuven' || !members.some((m) => m.name === chair.name)) invalid(file, 'the chair is the KU Leuven member (§5 (3))');
  if (rectors.length !== 3) invalid(file, 'three rectors or delegates sign the diploma (§17 (2))');
  return { chair, members, rectors };
}
