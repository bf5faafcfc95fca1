import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildASTSchema, NoDeprecatedCustomRule, parse, validate, type GraphQLSchema } from 'graphql';
import * as operations from './operations';
import { forUniversity, rootField } from './university';

/**
 * The operations written for KU Leuven and renamed for Münster and TalTech are valid against the
 * committed supergraph (the code generator checks the Leuven originals at build time).
 */
function apiSchema(): GraphQLSchema {
  const sdl = readFileSync(new URL('../../gateway/supergraph.graphql', import.meta.url), 'utf8');
  return buildASTSchema(parse(sdl), { assumeValidSDL: true });
}

describe('university operations', () => {
  const schema = apiSchema();
  const universityDocuments = Object.entries(operations).filter(([, doc]) => /\bleuven[A-Z]/.test(doc.toString()) && !/Audit/.test(doc.toString()));

  it('names the root fields of each university', () => {
    // "course" in every university's schema since 0.2; Münster's "module" is a label of the screens.
    expect(rootField('muenster', 'leuvenCourses')).toBe('muensterCourses');
    expect(rootField('muenster', 'leuvenEditCourse')).toBe('muensterEditCourse');
    expect(rootField('muenster', 'leuvenRecordExaminationResult')).toBe('muensterRecordExaminationResult');
    expect(rootField('muenster', 'leuvenRecordExaminationSession')).toBe('muensterRecordExaminationSession');
    expect(rootField('ttu', 'leuvenImportResults')).toBe('ttuImportResults');
    expect(rootField('ttu', 'leuvenCourses')).toBe('ttuCourses');
  });

  it.each(['leuven', 'muenster', 'ttu'] as const)('every office operation is valid for %s', (university) => {
    expect(universityDocuments.length).toBeGreaterThanOrEqual(8);
    for (const [name, doc] of universityDocuments) {
      const text = forUniversity(doc as never, university).toString();
      if (university !== 'leuven') expect(text, name).not.toMatch(/\bleuven[A-Z]/);
      expect(validate(schema, parse(text)).map((e) => e.message), name).toEqual([]);
    }
  });

  it.each(['leuven', 'muenster', 'ttu'] as const)('no operation of the app uses a deprecated field, argument or value for %s (README Changelog)', (university) => {
    const documents = Object.entries(operations).map(([name, doc]) => [name, forUniversity(doc as never, university).toString()] as const);
    expect(documents.length).toBeGreaterThanOrEqual(12);
    for (const [name, text] of documents) {
      expect(validate(schema, parse(text), [NoDeprecatedCustomRule]).map((e) => e.message), name).toEqual([]);
    }
  });
});
