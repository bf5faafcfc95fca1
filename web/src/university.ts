/**
 * The three universities run the same subgraph (university-kit) under their own prefixes
 * (`leuvenCourses`, `muensterCourses`, `ttuCourses`); the screens say "module" for Münster, the word
 * its staff use. Operations are written once for KU Leuven, checked against the supergraph by the
 * code generator, and renamed here.
 */
import type { TypedDocumentString } from './gql/graphql';
import type { University } from './session';

export const UNIVERSITY_NAMES: Record<University, string> = { leuven: 'KU Leuven', muenster: 'University of Münster', ttu: 'TalTech' };
export const UNIVERSITY_SHORT: Record<University, string> = { leuven: 'Leuven', muenster: 'Münster', ttu: 'TalTech' };
/** The word for a unit of teaching (Münster says "module"). */
export const UNIT_WORD: Record<University, string> = { leuven: 'course', muenster: 'module', ttu: 'course' };

/** The root field of `university` that corresponds to KU Leuven's `leuvenX`. */
export function rootField(university: University, leuvenField: string): string {
  return `${university}${leuvenField.replace(/^leuven/, '')}`;
}

/** A KU Leuven operation for another university: same shape, its root fields renamed. */
export function forUniversity<R, V>(document: TypedDocumentString<R, V>, university: University): TypedDocumentString<R, V> | string {
  if (university === 'leuven') return document;
  return document.toString().replace(/\bleuven[A-Z][A-Za-z]*\b/g, (field) => rootField(university, field)) as never;
}
