import { daysInMonth } from '@pioneer/shared/regulations';

/**
 * The academic term of a programme semester for an intake (§6: four semesters, starting in the
 * winter semester of the intake year). The three universities' own term dates differ by a few
 * weeks; the hub uses one convention for all: winter 1 September – end of February, summer
 * 1 March – 31 August.
 */
export function academicTerm(intake: number, semester: number): { title: string; start: string; end: string } {
  const year = intake + Math.floor((semester - 1) / 2);
  if (semester % 2 === 1) {
    const next = year + 1;
    return { title: `Winter semester ${year}/${String(next % 100).padStart(2, '0')}`, start: `${year}-09-01`, end: `${next}-02-${daysInMonth(next, 2)}` };
  }
  return { title: `Summer semester ${year + 1}`, start: `${year + 1}-03-01`, end: `${year + 1}-08-31` };
}
