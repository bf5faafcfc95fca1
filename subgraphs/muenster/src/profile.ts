import type { UniversityProfile } from '@pioneer/university-kit';

/**
 * University of Münster, semester 2: five modules of §7 (3) b). Credits are not in the extracted
 * text: 6 each makes the semester's 30 (§6 (2)); components and weights stand in for the module
 * descriptions (docs/catalogue.md).
 */
export const muenster: UniversityProfile = {
  code: 'MUENSTER',
  name: 'University of Münster',
  field: 'muenster',
  noun: { singular: 'module', plural: 'modules' },
  semester: 2,
  studentNumber: (serial) => String(500000 + serial),
  catalogue: [
    {
      code: 'MS-PM',
      title: 'Project Management',
      courseType: 'Lecture + exercise',
      examinationTypes: ['Written examination', 'Presentation', 'Essay'],
      credits: 6,
      components: [
        { key: 'written-exam', title: 'Written examination', kind: 'SCORED', weight: 60 },
        { key: 'presentation', title: 'Presentation', kind: 'SCORED', weight: 20 },
        { key: 'essay', title: 'Essay', kind: 'SCORED', weight: 20 },
      ],
    },
    {
      code: 'MS-IMT',
      title: 'Information Management: Theories',
      courseType: 'Lecture + exercise',
      examinationTypes: ['Written examination', 'Written report', 'Presentation', 'Written comment'],
      credits: 6,
      components: [
        { key: 'written-exam', title: 'Written examination', kind: 'SCORED', weight: 50 },
        { key: 'written-report', title: 'Written report', kind: 'SCORED', weight: 30 },
        { key: 'presentation', title: 'Presentation', kind: 'SCORED', weight: 10 },
        { key: 'written-comment', title: 'Written comment', kind: 'SCORED', weight: 10 },
      ],
    },
    {
      code: 'MS-EAM',
      title: 'Enterprise Architecture Management',
      courseType: 'Lecture + exercise',
      examinationTypes: ['Written examination', 'Case study', 'Presentation'],
      credits: 6,
      components: [
        { key: 'written-exam', title: 'Written examination', kind: 'SCORED', weight: 60 },
        { key: 'case-study', title: 'Case study', kind: 'SCORED', weight: 25 },
        { key: 'presentation', title: 'Presentation', kind: 'SCORED', weight: 15 },
      ],
    },
    {
      code: 'MS-SCEG',
      title: 'Selected Chapters: E-Government',
      courseType: 'Lecture + exercise',
      examinationTypes: ['Written examination'],
      credits: 6,
      components: [{ key: 'written-exam', title: 'Written examination', kind: 'SCORED', weight: 100 }],
    },
    {
      code: 'MS-IRS',
      title: 'Integrated Research Seminar',
      courseType: 'Seminar',
      examinationTypes: ['Seminar paper (elaboration)', 'Oral examination'],
      credits: 6,
      components: [
        { key: 'seminar-paper', title: 'Seminar paper (elaboration)', kind: 'SCORED', weight: 70 },
        { key: 'oral-exam', title: 'Oral examination', kind: 'SCORED', weight: 30 },
      ],
    },
  ],
};
