/** The arithmetic of the benchmark report. */

/** The median of a non-empty list of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("the median of no values is undefined");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `numerator ÷ denominator`, or undefined when the denominator is not positive. */
export function ratio(numerator: number, denominator: number): number | undefined {
  return denominator > 0 ? numerator / denominator : undefined;
}

/**
 * What each tenant beyond the first adds to a fleet run: `(fleet − one) / (size − 1)`; undefined
 * for a fleet of one.
 */
export function marginalCost(fleetSeconds: number, oneSeconds: number, size: number): number | undefined {
  return size > 1 ? (fleetSeconds - oneSeconds) / (size - 1) : undefined;
}
