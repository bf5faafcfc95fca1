import { describe, expect, it } from 'vitest';
import { sanitizeAuditRow, sanitizeAuditText } from './audit-scope.js';

// Issue 11 item 7: a NUL byte in an id once made the audit insert fail (PostgreSQL refuses NUL in text).
describe('audit text', () => {
  it('control characters, line separators and lone surrogates become U+FFFD; pairs stay', () => {
    expect(sanitizeAuditText('abc\u0000def', 100)).toBe('abc\uFFFDdef');
    expect(sanitizeAuditText('\u0007\u001b[31m\u007f\u0085\u2028x', 100)).toBe('\uFFFD\uFFFD[31m\uFFFD\uFFFD\uFFFDx');
    expect(sanitizeAuditText('\ud800x\udc00', 100)).toBe('\uFFFDx\uFFFD');
    expect(sanitizeAuditText('Münster 😀', 100)).toBe('Münster 😀');
  });

  it('bounded to the column sizes, never cutting a character pair in half', () => {
    expect(sanitizeAuditText('y'.repeat(20_000), 500)).toHaveLength(500);
    const cut = sanitizeAuditText(`${'a'.repeat(499)}😀`, 500);
    expect(cut).toHaveLength(500);
    expect(cut.endsWith('\uFFFD')).toBe(true);
    const row = sanitizeAuditRow({ service: 's', actor: 'a'.repeat(300), actorName: 'n\u0000', roles: 'r', operation: 'o'.repeat(200), target: 't'.repeat(900), outcome: 'OK' });
    expect([row.actor.length, row.actorName, row.operation.length, row.target?.length]).toEqual([200, 'n\uFFFD', 100, 500]);
  });
});
