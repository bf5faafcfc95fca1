import type { UniversityProfile } from '@pioneer/university-kit';

/**
 * KU Leuven, semester 1: five courses of §7 (3) a). Credits are not in the extracted text: 6 each
 * makes the semester's 30 (§6 (2)); components and weights stand in for the course descriptions,
 * which are not part of our text (docs/catalogue.md).
 */
export const leuven: UniversityProfile = {
  code: 'LEUVEN',
  name: 'KU Leuven',
  field: 'leuven',
  noun: { singular: 'course', plural: 'courses' },
  semester: 1,
  studentNumber: (serial) => `r0${String(800000 + serial).padStart(6, '0')}`,
  catalogue: [
    {
      code: 'LEU-PASI',
      title: 'Public Administration and Public Sector Innovation: Capita Selecta',
      courseType: 'Lecture',
      examinationTypes: ['Paper/project', 'Report', 'Participation during contact hours'],
      credits: 6,
      components: [
        { key: 'paper-project', title: 'Paper/project', kind: 'SCORED', weight: 60 },
        { key: 'report', title: 'Report', kind: 'SCORED', weight: 40 },
        { key: 'participation', title: 'Participation during contact hours', kind: 'PASS_FAIL', weight: 0 },
      ],
    },
    {
      code: 'LEU-RSEM',
      title: 'Research Seminar',
      courseType: 'Assignment',
      examinationTypes: ['Paper/project', 'Presentation', 'Process evaluation'],
      credits: 6,
      components: [
        { key: 'paper-project', title: 'Paper/project', kind: 'SCORED', weight: 70 },
        { key: 'presentation', title: 'Presentation', kind: 'SCORED', weight: 30 },
        { key: 'process-evaluation', title: 'Process evaluation', kind: 'PASS_FAIL', weight: 0 },
      ],
    },
    {
      code: 'LEU-IMPS',
      title: 'Information Management in the Public Sector',
      courseType: 'Lecture',
      examinationTypes: ['Oral examination', 'Take-home examination', 'Presentation', 'Paper', 'Collaboration'],
      credits: 6,
      components: [
        { key: 'oral-exam', title: 'Oral examination', kind: 'SCORED', weight: 40 },
        { key: 'take-home', title: 'Take-home examination', kind: 'SCORED', weight: 20 },
        { key: 'presentation', title: 'Presentation', kind: 'SCORED', weight: 10 },
        { key: 'paper', title: 'Paper', kind: 'SCORED', weight: 30 },
        { key: 'collaboration', title: 'Collaboration', kind: 'PASS_FAIL', weight: 0 },
      ],
    },
    {
      code: 'LEU-PDBM',
      title: 'Principles of Database Management',
      courseType: 'Lecture',
      examinationTypes: ['Written examination', 'Take-home examination', 'Oral examination'],
      credits: 6,
      components: [
        { key: 'written-exam', title: 'Written examination', kind: 'SCORED', weight: 60 },
        { key: 'take-home', title: 'Take-home examination', kind: 'SCORED', weight: 20 },
        { key: 'oral-exam', title: 'Oral examination', kind: 'SCORED', weight: 20 },
      ],
    },
    {
      code: 'LEU-BIS',
      title: 'Business Information Systems',
      courseType: 'Lecture',
      examinationTypes: ['Written examination', 'Participation during contact hours', 'Take-home examination'],
      credits: 6,
      components: [
        { key: 'written-exam', title: 'Written examination', kind: 'SCORED', weight: 70 },
        { key: 'take-home', title: 'Take-home examination', kind: 'SCORED', weight: 30 },
        { key: 'participation', title: 'Participation during contact hours', kind: 'PASS_FAIL', weight: 0 },
      ],
    },
  ],
};
