/**
 * The median of some numbers (the mean of the middle two for an even count).
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('Expected at least one value for a median');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The median of the per-round ratios `a[i] / b[i]`. Pairing the rounds cancels slow drifts in
 * machine load (other processes come and go) better than a ratio of two medians.
 *
 * @example
 * pairedRatio([10, 20, 30], [20, 20, 20]); // 1
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`Expected paired rounds, got ${a.length} and ${b.length}`);
  return median(a.map((value, index) => value / (b[index] as number)));
}

/**
 * Events per second from a count and the milliseconds it took.
 *
 * @example
 * perSecond(5, 250); // 20
 */
export function perSecond(count: number, elapsedMs: number): number {
  if (elapsedMs <= 0) throw new RangeError(`Expected a positive duration, got ${elapsedMs} ms`);
  return (count * 1000) / elapsedMs;
}

/**
 * The same items in an order that moves one place every round, so no contender always runs first
 * (on a warm cache) or last (after the others heated the CPU).
 *
 * @example
 * rotate(['a', 'b', 'c'], 1); // ['b', 'c', 'a']
 */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const shift = ((round % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
