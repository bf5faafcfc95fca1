/**
 * The fixed texts of the documents, as data: the programme (§2, §3, §6, §7), the awarding
 * institutions, the function of the qualification, and section 8 of the Diploma Supplement (the
 * three higher-education systems). Nothing here depends on a student. Short and factual; the
 * Academic Committee can replace them without touching the renderers.
 */
import type { UniversityCode } from '@pioneer/shared/regulations';

export const PROGRAMME = {
  /** §3, §17 (1) c. */
  degree: 'Master of Science (M.Sc.)',
  qualification: 'Master of Science (M.Sc.) in Public Sector Innovation and eGovernance',
  programme: 'Erasmus Mundus Joint Master in Public Sector Innovation and eGovernance (PIONEER)',
  title: 'Master of Science (M.Sc.)',
  fieldsOfStudy: 'Public administration and public management, information systems, e-governance',
  /** §9 (2), §17 (3), §18 (1). */
  language: 'English',
  level: 'Second cycle (Master) of the European Higher Education Area; level 7 of the European Qualifications Framework',
  /** §6 (1), (2). */
  length: 'Two academic years (four semesters), full time; 120 ECTS credits',
  /** §4 (1). */
  accessRequirements:
    'A completed undergraduate degree in a related field (public administration, social or political sciences, information systems, computer science, engineering, economics, law or comparable) of at least 180 ECTS credits, and sufficient English language skills; admission by KU Leuven on behalf of the consortium (§4 (1)).',
  modeOfStudy: 'Full time, on campus, with mobility: semester 1 at KU Leuven, semester 2 at the University of Münster, semester 3 at TalTech, semester 4 the Master thesis and its defence (§7 (1)).',
  /** §2 (1). */
  learningOutcomes:
    'Building on a first degree, the programme conveys the academic fundamentals of public sector innovation and the knowledge, skills and methods needed to meet academic and professional standards in public management, information systems and e-governance. Graduates evaluate complex academic problems independently and responsibly and apply practical methods to solve them (§2 (1)).',
  /** §6 (2), §7 (2), §15 (1). */
  requirements:
    '120 ECTS credits: 17 courses / modules carrying 90 credits (5 courses at KU Leuven, 5 modules at the University of Münster, 7 courses at TalTech) and the Master thesis with its defence carrying 30 credits. The master\u2019s examination is passed when every course / module and the Master thesis and its defence are passed (§15 (1)).',
  overallRule:
    'The final overall grade is computed from the credit-weighted scores of the courses / modules (75 %) and the score of the Master thesis module (25 %), decimals rounded up to the next whole point, and given on the KU Leuven scale of §16 (4).',
  accessToFurtherStudy: 'The degree gives access to third-cycle (doctoral) studies, subject to the admission rules of the institution concerned.',
  professionalStatus: 'The degree does not confer a regulated professional status. It qualifies for professional work in public administration, public management, information systems and e-governance, and for research and teaching (§2 (2)).',
} as const;

export interface Institution {
  code: UniversityCode;
  name: string;
  originalName: string;
  country: string;
  countryCode: 'BE' | 'DE' | 'EE';
  status: string;
  url: string;
  schac: string;
}

export const INSTITUTIONS: readonly Institution[] = [
  {
    code: 'LEUVEN',
    name: 'KU Leuven',
    originalName: 'Katholieke Universiteit Leuven',
    country: 'Belgium',
    countryCode: 'BE',
    status: 'University recognised by the Flemish Community; coordinator of the consortium (§5 (3))',
    url: 'https://www.kuleuven.be',
    schac: 'kuleuven.be',
  },
  {
    code: 'MUENSTER',
    name: 'University of Münster',
    originalName: 'Westfälische Wilhelms-Universität Münster',
    country: 'Germany',
    countryCode: 'DE',
    status: 'State university of the Land North Rhine-Westphalia',
    url: 'https://www.uni-muenster.de',
    schac: 'uni-muenster.de',
  },
  {
    code: 'TTU',
    name: 'Tallinn University of Technology (TalTech)',
    originalName: 'Tallinna Tehnikaülikool',
    country: 'Estonia',
    countryCode: 'EE',
    status: 'Public university of the Republic of Estonia',
    url: 'https://taltech.ee',
    schac: 'taltech.ee',
  },
];

export function institution(code: UniversityCode): Institution {
  return INSTITUTIONS.find((i) => i.code === code)!;
}

/** Section 6.1: §18 (2). */
export const STATE_DOCUMENT =
  'In addition to the joint degree, Tallinn University of Technology awards the graduate a State Document certifying education by Tallinn University of Technology in the joint curriculum (§18 (2)).';

export const JOINT_DEGREE_NOTE =
  'Joint degree awarded by KU Leuven, the University of Münster and Tallinn University of Technology in an Erasmus Mundus Joint Master programme; one joint diploma (§17 (1)).';

/**
 * §17 (4) asks that every joint diploma be stored in the Flemish government's database of credit
 * and aptitude certificates (LED). The hub has no connection to it; KU Leuven, the coordinator,
 * registers the diploma there. The supplement says exactly that and claims nothing more.
 */
export const FLEMISH_DATABASE_NOTE =
  'Under §17 (4) the diploma is to be registered in the Flemish government\u2019s database of credit and aptitude certificates (LED); KU Leuven registers it there. This supplement does not certify that registration.';

/** Section 8: short descriptions of the three higher-education systems. */
export const NATIONAL_SYSTEMS: readonly { country: string; text: string }[] = [
  {
    country: 'Belgium (Flemish Community)',
    text:
      'Higher education in Flanders is a competence of the Flemish Community and is regulated by the Codex Higher Education. Universities award academic bachelor\u2019s degrees (at least 180 ECTS credits), master\u2019s degrees (at least 60 ECTS credits) and doctorates; universities of applied sciences and arts award professional bachelor\u2019s degrees. Master\u2019s degrees are at level 7 of the Flemish Qualifications Framework, which is referenced to the European Qualifications Framework. Programmes are accredited by the Accreditation Organisation of the Netherlands and Flanders (NVAO). Results are given on a scale of 0 to 20; 10 is the pass mark.',
  },
  {
    country: 'Germany',
    text:
      'Higher education in Germany is the responsibility of the Länder (here North Rhine-Westphalia). Universities and equivalent institutions, and universities of applied sciences, award bachelor\u2019s degrees (180 to 240 ECTS credits) and master\u2019s degrees (60 to 120 ECTS credits, 300 in all with the bachelor\u2019s); universities also award doctorates. Master\u2019s degrees are at level 7 of the German Qualifications Framework (DQR), referenced to the European Qualifications Framework. Programmes are accredited under the rules of the German Accreditation Council. Grades run from 1.0 (best) to 4.0 (lowest pass); 5.0 is a fail.',
  },
  {
    country: 'Estonia',
    text:
      'Higher education in Estonia is regulated by the Higher Education Act. It has three cycles: bachelor\u2019s studies (180 to 240 ECTS credits), master\u2019s studies (60 to 120 ECTS credits, 300 in all with the bachelor\u2019s) and doctoral studies; professional higher education is also offered. Master\u2019s degrees are at level 7 of the Estonian Qualifications Framework, referenced to the European Qualifications Framework. Quality is assessed by the Estonian Quality Agency for Education (HAKA). Results are given on a scale from 5 to 0: 5 (A, excellent), 4 (B, very good), 3 (C, good), 2 (D, satisfactory), 1 (E, sufficient) and 0 (F, fail).',
  },
];

/** The closing sentences of the model's introduction (the 2018 revision of the EU / Council of Europe / UNESCO model). */
export const DS_INTRODUCTION_CLOSING =
  'It should be free from any value judgements, equivalence statements or suggestions about recognition. Information in all eight sections should be provided. Where information is not provided, an explanation should give the reason why.';

export const DS_INTRODUCTION =
  'This Diploma Supplement model was developed by the European Commission, Council of Europe and UNESCO/CEPES. The purpose of the supplement is to provide sufficient independent data to improve the international \u2018transparency\u2019 and fair academic and professional recognition of qualifications (diplomas, degrees, certificates etc.). It is designed to provide a description of the nature, level, context, content and status of the studies that were pursued and successfully completed by the individual named on the original qualification to which this supplement is appended.';

/** §18 (1), §17 (2), §15 (5): the paper originals. */
export const PAPER_NOTE = 'Printed on paper bearing the watermarks and holograms of KU Leuven, the University of Münster and TalTech.';
