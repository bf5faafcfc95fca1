import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from './domain-error.js';
import { assertPrintable, assertPrintableArguments, MAX_TEXT_LENGTH, requireText } from './input.js';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'NONE';
  } catch (e) {
    return e instanceof DomainError ? e.code : 'THREW';
  }
};

describe('the text rule: printable Unicode, bounded length (issue 11)', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a bell', 'Public\u0007 Administration'],
    ['an escape sequence', 'x\u001b[31m'],
    ['a line feed', 'two\nlines'],
    ['DEL', 'x\u007f'],
    ['a C1 control', 'x\u0085'],
    ['a line separator', 'x\u2028'],
    ['a lone surrogate', 'x\ud800'],
    ['a noncharacter', 'x\uffff'],
    ['a private-use character', 'x\ue000'],
  ])('%s is refused with INVALID_TEXT', (_what, text) => {
    expect(codeOf(() => assertPrintable(text, 'title'))).toBe('INVALID_TEXT');
  });

  it.each([['Innovación y gobernanza'], ['Ülevaade — e-riik'], ['電子政府'], ['Yağmur Chloé'], ['👩🏽‍💻 ZWJ emoji'], ['soft\u00adhyphen']])('%s is printable', (text) => {
    expect(codeOf(() => assertPrintable(text, 'title'))).toBe('NONE');
  });

  it('requireText bounds the length in characters (code points), after trimming', () => {
    expect(requireText('  Ab  ', 'title', 10, 2)).toBe('Ab');
    expect(codeOf(() => requireText('A', 'title', 10, 2))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => requireText('電'.repeat(11), 'title', 10))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => requireText('電'.repeat(10), 'title', 10))).toBe('NONE');
  });

  it('every string argument, nested and in lists, is checked; the path names it', () => {
    try {
      assertPrintableArguments({ input: { members: [{ name: 'ok' }, { name: 'bad\u0001' }] } }, '');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_TEXT', details: { field: 'input.members[1].name' } });
    }
    expect(codeOf(() => assertPrintableArguments({ id: 'x'.repeat(MAX_TEXT_LENGTH + 1) }, ''))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertPrintableArguments({ n: 3, b: true, d: null, list: ['a', 'b'] }, ''))).toBe('NONE');
  });

  it('a whole file (input.csv of an import) may have line breaks and more than 2000 characters; only that argument', () => {
    const file = `a;b\r\n${'1;2\r\n'.repeat(1000)}`;
    expect(codeOf(() => assertPrintableArguments({ input: { csv: file, commit: false, fileName: 'x.csv' } }, ''))).toBe('NONE');
    expect(codeOf(() => assertPrintableArguments({ input: { csv: file, fileName: 'bad\u0007.csv' } }, ''))).toBe('INVALID_TEXT');
    expect(codeOf(() => assertPrintableArguments({ input: { notes: file } }, ''))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertPrintableArguments({ csv: file }, ''))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertPrintableArguments({ input: { notes: 'a\r\nb' } }, ''))).toBe('INVALID_TEXT');
  });

  it("a file's bytes (the Base64File scalar) are not text: any length, any byte; the strings beside them are still checked", () => {
    const file = Buffer.alloc(MAX_TEXT_LENGTH * 10, 0x0a);
    expect(codeOf(() => assertPrintableArguments({ input: { file, studentId: 'ok' } }, ''))).toBe('NONE');
    expect(codeOf(() => assertPrintableArguments({ input: { file, fileName: 'bad\u0001.xml' } }, ''))).toBe('INVALID_TEXT');
  });

  it('property: a string with any C0 control character is refused wherever it sits', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 31 }), fc.string(), (before, c, after) => {
        expect(codeOf(() => assertPrintable(`${before}${String.fromCharCode(c)}${after}`, 'f'))).toBe('INVALID_TEXT');
      }),
    );
  });
});
