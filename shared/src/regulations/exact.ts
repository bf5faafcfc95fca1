/**
 * Exact integer arithmetic for the rounding rules of §16 (3) and §16 (4): "all decimal places are
 * rounded up to the next integral number of the points". Scores are computed as one fraction of
 * BigInts and rounded up once; no floating point is ever involved.
 */

/** ⌈n / d⌉ for a positive divisor, exactly. */
export function ceilDiv(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError(`ceilDiv: divisor must be positive, got ${d}`);
  const q = n / d; // BigInt division truncates towards zero
  return n % d !== 0n && n > 0n ? q + 1n : q;
}

/** ⌊n / d⌋ for a positive divisor, exactly. */
export function floorDiv(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError(`floorDiv: divisor must be positive, got ${d}`);
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}

/**
 * ⌈Σ wᵢ·vᵢ / Σ wᵢ⌉ exactly. The caller has validated that every weight is a positive safe integer
 * and every value a safe integer, and that the list is not empty.
 */
export function weightedMeanCeil(items: readonly { weight: number; value: number }[]): number {
  let numerator = 0n;
  let denominator = 0n;
  for (const { weight, value } of items) {
    numerator += BigInt(weight) * BigInt(value);
    denominator += BigInt(weight);
  }
  return Number(ceilDiv(numerator, denominator));
}
