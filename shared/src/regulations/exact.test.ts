import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ErrorCode } from '../errors/index.js';
import { ceilDiv, floorDiv, weightedMeanCeil } from './exact.js';
import { assertPoints, assertWeight } from './points.js';
import { codeOf, Rational } from './test-support.js';

describe('exact integer arithmetic', () => {
  it('ceilDiv rounds up positive, negative and exact quotients', () => {
    expect([ceilDiv(7n, 2n), ceilDiv(8n, 2n), ceilDiv(-7n, 2n), ceilDiv(0n, 5n), ceilDiv(1n, 1000n)]).toEqual([4n, 4n, -3n, 0n, 1n]);
    expect([floorDiv(7n, 2n), floorDiv(-7n, 2n), floorDiv(-8n, 2n)]).toEqual([3n, -4n, -4n]);
  });
  it('ceilDiv refuses a non-positive divisor', () => {
    expect(() => ceilDiv(1n, 0n)).toThrow(RangeError);
    expect(() => floorDiv(1n, -1n)).toThrow(RangeError);
  });
  it('property: ceilDiv and floorDiv agree with the rational reference', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }), (n, d) => {
        const c = ceilDiv(n, d);
        const f = floorDiv(n, d);
        return c === new Rational(n, d).ceil() && (c === f ? n % d === 0n : c === f + 1n) && c * d >= n && (c - 1n) * d < n;
      }),
      { numRuns: 3000 },
    );
  });
  it('weightedMeanCeil is exact where floats are not (0.1 + 0.2 style)', () => {
    // 7·(1/7)… : Σ wᵢvᵢ / Σ wᵢ = 700/7 = 100 exactly
    expect(weightedMeanCeil([{ weight: 7, value: 100 }])).toBe(100);
    expect(weightedMeanCeil([{ weight: 1, value: 1 }, { weight: 2, value: 2 }])).toBe(2); // 5/3 → 2
  });
});

describe('input validation', () => {
  it('points: whole numbers 0–100 (interpretation 2)', () => {
    expect(codeOf(() => assertPoints(0))).toBe('NO_ERROR');
    expect(codeOf(() => assertPoints(100))).toBe('NO_ERROR');
    expect(codeOf(() => assertPoints(99.9))).toBe(ErrorCode.POINTS_NOT_INTEGER);
    expect(codeOf(() => assertPoints('80'))).toBe(ErrorCode.POINTS_NOT_INTEGER);
    expect(codeOf(() => assertPoints(null))).toBe(ErrorCode.POINTS_NOT_INTEGER);
    expect(codeOf(() => assertPoints(-0.5))).toBe(ErrorCode.POINTS_NOT_INTEGER);
    expect(codeOf(() => assertPoints(101))).toBe(ErrorCode.POINTS_OUT_OF_RANGE);
  });
  it('weights: positive whole numbers', () => {
    expect(codeOf(() => assertWeight(1))).toBe('NO_ERROR');
    for (const w of [0, -1, 1.5, Number.NaN, '2', 2 ** 60]) expect(codeOf(() => assertWeight(w))).toBe(ErrorCode.INVALID_WEIGHT);
  });
});
