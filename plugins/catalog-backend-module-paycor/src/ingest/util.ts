import { createHash } from 'node:crypto';

/**
 * Code-unit string order. `localeCompare` is avoided on purpose: its result
 * depends on the ICU data of the host, and the output of the transform must be
 * byte-identical wherever it runs (the caller hashes it).
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Index of the first item whose key is not below `key` in a list sorted by
 * key in code-unit order (`compareStrings`): where `key` is, or would go.
 */
export function firstAtOrAfter<T>(
  items: readonly T[],
  key: string,
  keyOf: (item: T) => string,
): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keyOf(items[mid]) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Orders missing values after present ones, so "unknown" never wins a
 * tiebreak. `null` counts as missing: snapshots come back from JSON storage.
 */
export function compareOptional<T>(
  a: T | undefined | null,
  b: T | undefined | null,
  compare: (x: T, y: T) => number,
): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing) return bMissing ? 0 : 1;
  if (bMissing) return -1;
  return compare(a, b);
}

export function compareNumbers(a: number, b: number): number {
  return a - b;
}

/**
 * Department codes are digit strings in Paycor, so `9` must sort before `10`;
 * anything else falls back to string order (after all numeric codes).
 */
export function compareCodes(a: string, b: string): number {
  const numA = /^\d+$/.test(a);
  const numB = /^\d+$/.test(b);
  if (numA && numB) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
    return compareStrings(x, y) || compareStrings(a, b);
  }
  if (numA !== numB) return numA ? -1 : 1;
  return compareStrings(a, b);
}

/** The first `length` hex characters of sha1(value). */
export function shortHash(value: string, length = 8): string {
  return createHash('sha1')
    .update(value, 'utf8')
    .digest('hex')
    .slice(0, length);
}

/** Trimmed value, or undefined when nothing is left. */
export function nonBlank(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A list in a sentence: `a`, `a and b`, `a, b and c`. */
export function inWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
