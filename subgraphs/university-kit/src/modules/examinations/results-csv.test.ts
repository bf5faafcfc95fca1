import { describe, expect, it } from 'vitest';
import { pointsOfGrade } from '@pioneer/shared/regulations';
import { detectDelimiter, isoDate, parsePoints, pointsForGrade, readResultsCsv } from './results-csv.js';

const MUENSTER_HEADER = 'Matrikelnummer;Modul;Prüfung;Versuch;Prüfungsdatum;Punkte;Note;Prüfer;Status';

describe('reading a university’s CSV export', () => {
  it('takes UTF-8 with or without a BOM, and ";" or "," as separator', () => {
    const semicolon = readResultsCsv('MUENSTER', `\uFEFF${MUENSTER_HEADER}\n123456;MS-PM;written-exam;1;20.01.2026;73;2,7;Prof. Müller;\n`);
    const comma = readResultsCsv('MUENSTER', 'Matrikelnummer,Modul,Prüfung,Versuch,Prüfungsdatum,Punkte,Note,Prüfer,Status\n123456,MS-PM,written-exam,1,20.01.2026,73,"2,7",Prof. Müller,\n');
    for (const file of [semicolon, comma]) {
      expect(file.lines).toHaveLength(1);
      expect(file.lines[0]).toMatchObject({
        line: 2,
        refusal: null,
        result: { studentNumber: '123456', courseCode: 'MS-PM', examinationKey: 'written-exam', attempt: 1, examinedOn: '2026-01-20', status: 'GRADED', points: 73, passed: null, examiner: 'Prof. Müller' },
      });
    }
    expect(semicolon.delimiter).toBe(';');
    expect(comma.delimiter).toBe(',');
    expect(semicolon.headers.studentNumber).toBe('Matrikelnummer');
  });

  it('detects the separator from the header line, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('"a;x",b,c\n')).toBe(',');
    expect(detectDelimiter('\n\na,b\n')).toBe(',');
  });

  it('accepts the English headers too, in any order, matched without case or accents', () => {
    const file = readResultsCsv('TTU', 'EXAMINER,date,student_number,course_code,examination,points\nDr Tamm,2026-05-30,B12345,TTU-EGDI,home-assignment,"88,0"\n');
    expect(file.lines[0]!.result).toMatchObject({ studentNumber: 'B12345', examinedOn: '2026-05-30', points: 88, attempt: null, examiner: 'Dr Tamm' });
    const accents = readResultsCsv('MUENSTER', 'MATRIKELNUMMER;modul;PRUFUNG;versuch;Prufungsdatum;punkte;prufer\n1;MS-PM;written-exam;;20.01.2026;60;X\n');
    expect(accents.lines[0]!.result).toMatchObject({ points: 60, attempt: null });
  });

  it('reads the decimal comma: "73,0" is 73 points, "72,5" is refused as not whole', () => {
    expect(parsePoints('73,0')).toBe(73);
    expect(parsePoints('73.0')).toBe(73);
    expect(() => parsePoints('72,5')).toThrow(expect.objectContaining({ code: 'POINTS_NOT_INTEGER' }));
    expect(() => parsePoints('sehr gut')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('reads local dates: 20.01.2026, 20/01/2026, 2026-01-20', () => {
    expect(isoDate('20.01.2026')).toBe('2026-01-20');
    expect(isoDate('5/2/2026')).toBe('2026-02-05');
    expect(isoDate('2026-01-20')).toBe('2026-01-20');
    expect(() => isoDate('Jan 20')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });

  it('a grade alone is accepted only where it stands for exactly one point value (§16 (1))', () => {
    // KU Leuven 20/20 is 100 points and nothing else; every other grade of the three scales is a band.
    expect(pointsOfGrade('LEUVEN', '20')).toEqual({ from: 100, to: 100 });
    expect(pointsForGrade('LEUVEN', '20')).toBe(100);
    expect(pointsOfGrade('MUENSTER', '2,3')).toEqual({ from: 75, to: 79 });
    expect(pointsOfGrade('MUENSTER', '1.0')).toEqual({ from: 95, to: 100 });
    expect(pointsOfGrade('TTU', '5')).toEqual({ from: 91, to: 100 });
    expect(pointsOfGrade('MUENSTER', '2,5')).toBeNull();
    expect(() => pointsForGrade('MUENSTER', '2,3')).toThrow(expect.objectContaining({ code: 'GRADE_AMBIGUOUS', details: expect.objectContaining({ from: 75, to: 79 }) }));
    expect(() => pointsForGrade('LEUVEN', '14')).toThrow(expect.objectContaining({ code: 'GRADE_AMBIGUOUS' }));
    expect(() => pointsForGrade('TTU', 'A')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('refuses a line with only an ambiguous grade, naming its line and the grade column; other lines stand', () => {
    const file = readResultsCsv('MUENSTER', `${MUENSTER_HEADER}\n1;MS-PM;written-exam;1;20.01.2026;;2,3;Prof. M;\n2;MS-PM;written-exam;1;20.01.2026;77;2,3;Prof. M;\n`);
    expect(file.lines[0]).toMatchObject({ line: 2, result: null, refusal: { code: 'GRADE_AMBIGUOUS', column: 'Note' } });
    expect(file.lines[1]).toMatchObject({ line: 3, refusal: null, result: { points: 77 } });
  });

  it('points and grade must agree', () => {
    const file = readResultsCsv('LEUVEN', 'Studentennummer;OPO;Evaluatie;Poging;Examendatum;Punten;Score;Examinator\nr0000001;LEU-BIS;written-exam;1;20/01/2026;73;16;Prof. J\n');
    expect(file.lines[0]!.refusal).toMatchObject({ code: 'BAD_USER_INPUT', column: 'Score' });
  });

  it('reads verdicts and statuses in the local words', () => {
    const file = readResultsCsv(
      'LEUVEN',
      'Studentennummer;OPO;Evaluatie;Poging;Examendatum;Punten;Score;Examinator;Status\nr1;LEU-BIS;participation;1;20/01/2026;;geslaagd;Prof. J;\nr2;LEU-BIS;participation;1;20/01/2026;;Niet geslaagd;Prof. J;\nr3;LEU-BIS;written-exam;1;20/01/2026;;;Prof. J;afwezig\n',
    );
    expect(file.lines.map((l) => [l.result?.passed, l.result?.status, l.result?.points])).toEqual([
      [true, 'GRADED', null],
      [false, 'GRADED', null],
      [null, 'ABSENT', null],
    ]);
    const ne = readResultsCsv('MUENSTER', `${MUENSTER_HEADER}\n1;MS-PM;written-exam;1;20.01.2026;;NE;Prof. M;\n`);
    expect(ne.lines[0]!.result).toMatchObject({ status: 'ABSENT', points: null });
  });

  it('refuses a file that is not the format as a whole, naming the missing columns', () => {
    expect(() => readResultsCsv('LEUVEN', 'name;score\nA;12\n')).toThrow(expect.objectContaining({ code: 'CSV_INVALID', details: expect.objectContaining({ missing: expect.arrayContaining(['Studentennummer', 'OPO']) }) }));
    expect(() => readResultsCsv('LEUVEN', '')).toThrow(expect.objectContaining({ code: 'CSV_INVALID' }));
    expect(() => readResultsCsv('LEUVEN', 'Studentennummer;OPO\n"r1;LEU\n')).toThrow(expect.objectContaining({ code: 'CSV_INVALID' }));
  });

  it('refuses a line with a missing cell or an unprintable character on its own, with its line', () => {
    const file = readResultsCsv('MUENSTER', `${MUENSTER_HEADER}\n\n1;MS-PM;written-exam;1;20.01.2026;73\n2;MS-PM;written-exam;1;20.01.2026;73;;Prof.\u0007M;\n`);
    expect(file.lines.map((l) => [l.line, l.refusal?.code, l.refusal?.column])).toEqual([
      [3, 'CSV_INVALID', null],
      [4, 'INVALID_TEXT', 'Prüfer'],
    ]);
  });
});
