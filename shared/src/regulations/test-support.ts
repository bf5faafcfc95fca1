/**
 * Test-only helpers (not exported from index.ts): an independent rational-number reference for
 * the rounding rules, and a way to read the code of a thrown DomainError.
 */
import { isDomainError } from '../errors/index.js';

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** An exact fraction n/d with d > 0, kept in lowest terms. */
export class Rational {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint | number, d: bigint | number = 1n) {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new RangeError('zero denominator');
    if (dd < 0n) [nn, dd] = [-nn, -dd];
    const g = gcd(nn, dd) || 1n;
    this.n = nn / g;
    this.d = dd / g;
  }
  add(o: Rational): Rational {
    return new Rational(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  mul(o: Rational): Rational {
    return new Rational(this.n * o.n, this.d * o.d);
  }
  div(o: Rational): Rational {
    return new Rational(this.n * o.d, this.d * o.n);
  }
  isInteger(): boolean {
    return this.d === 1n;
  }
  /** The smallest integer ≥ this. */
  ceil(): bigint {
    const q = this.n / this.d;
    return this.n > q * this.d ? q + 1n : q;
  }
  compare(o: Rational): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  static sum(xs: readonly Rational[]): Rational {
    return xs.reduce((acc, x) => acc.add(x), new Rational(0));
  }
}

/** The error code thrown by fn, 'NO_ERROR' when it returns, 'NOT_A_DOMAIN_ERROR' for anything else. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? e.code : 'NOT_A_DOMAIN_ERROR';
  }
  return 'NO_ERROR';
}
