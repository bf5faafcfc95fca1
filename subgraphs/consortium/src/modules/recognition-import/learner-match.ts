import type { ElmoLearner } from './elmo.reader.js';

/** Case, accents and spacing aside: "Müller-Lüdenscheidt" is "MULLER LUDENSCHEIDT". */
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Whether an ELMO file's learner is plausibly the student: same family name and, when the file gives it, date of birth. */
export function sameLearner(learner: ElmoLearner, student: { familyName: string; dateOfBirth: string }): boolean {
  return fold(learner.familyName) === fold(student.familyName) && (learner.dateOfBirth === null || learner.dateOfBirth === student.dateOfBirth);
}
