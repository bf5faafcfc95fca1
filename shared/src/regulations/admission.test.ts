import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAdmissionRequirements, isAdmittedToMasterExamination, MIN_BACHELOR_CREDITS, RELATED_FIELDS } from './admission.js';

const ok = { bachelorCredits: 180, field: 'PUBLIC_ADMINISTRATION', englishProficiency: 'IELTS 7.0' };

describe('admission (§4)', () => {
  it('§4 (1) b accepts a related degree of exactly 180 credits', () => {
    expect(() => checkAdmissionRequirements(ok)).not.toThrow();
  });

  it('§4 (1) b refuses fewer than 180 credits, for every value below', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MIN_BACHELOR_CREDITS - 1 }), (credits) => {
        expect(() => checkAdmissionRequirements({ ...ok, bachelorCredits: credits })).toThrow(expect.objectContaining({ code: 'ADMISSION_REQUIREMENTS_NOT_MET' }));
      }),
    );
  });

  it('§4 (1) b accepts every related field and refuses an unrelated one', () => {
    for (const field of RELATED_FIELDS) expect(() => checkAdmissionRequirements({ ...ok, field })).not.toThrow();
    expect(() => checkAdmissionRequirements({ ...ok, field: 'ART_HISTORY' })).toThrow(expect.objectContaining({ code: 'ADMISSION_REQUIREMENTS_NOT_MET' }));
  });

  it('§4 (1) c needs evidence of English; every unmet requirement is named', () => {
    try {
      checkAdmissionRequirements({ bachelorCredits: 120, field: 'ART_HISTORY', englishProficiency: ' ' });
      expect.unreachable();
    } catch (e) {
      expect((e as { details: { unmet: string[] } }).details.unmet).toHaveLength(3);
    }
  });

  it('§4 (2) admission to the examination needs enrolment at all three universities', () => {
    expect(isAdmittedToMasterExamination({ LEUVEN: true, MUENSTER: true, TTU: true })).toBe(true);
    expect(isAdmittedToMasterExamination({ LEUVEN: true, MUENSTER: false, TTU: true })).toBe(false);
  });
});
