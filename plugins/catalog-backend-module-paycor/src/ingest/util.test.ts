import {
  compareCodes,
  compareNumbers,
  compareOptional,
  compareStrings,
  firstAtOrAfter,
  inWords,
  nonBlank,
  shortHash,
} from './util';

describe('util', () => {
  it('compareStrings orders by code unit, independent of locale', () => {
    expect(['b', 'B', 'a', 'é', 'e'].sort(compareStrings)).toEqual([
      'B',
      'a',
      'b',
      'e',
      'é',
    ]);
    expect(compareStrings('x', 'x')).toBe(0);
  });

  it('firstAtOrAfter finds where a key is, or would go, in a sorted list', () => {
    const items = [['a'], ['b'], ['b'], ['d']];
    const at = (key: string) => firstAtOrAfter(items, key, ([k]) => k);
    expect([at(''), at('a'), at('b'), at('c'), at('d'), at('e')]).toEqual([
      0, 0, 1, 3, 3, 4,
    ]);
    expect(firstAtOrAfter([], 'a', String)).toBe(0);
  });

  it('compareOptional puts missing values last', () => {
    const values = [3, undefined, 1, null, 2];
    expect(
      values.sort((a, b) => compareOptional(a, b, compareNumbers)),
    ).toEqual([1, 2, 3, null, undefined]);
  });

  it('compareCodes orders digit codes numerically, then other codes as text', () => {
    expect(['10', '9', 'B2', '010', 'A1', '0009'].sort(compareCodes)).toEqual([
      '0009',
      '9',
      '010',
      '10',
      'A1',
      'B2',
    ]);
    expect(compareCodes('7', '7')).toBe(0);
  });

  it('shortHash gives hex of sha1', () => {
    expect(shortHash('abc')).toBe('a9993e36');
    expect(shortHash('abc', 12)).toBe('a9993e364706');
  });

  it('nonBlank trims and drops empty text', () => {
    expect(nonBlank(' a ')).toBe('a');
    expect(nonBlank('  ')).toBeUndefined();
    expect(nonBlank(null)).toBeUndefined();
    expect(nonBlank(undefined)).toBeUndefined();
  });
});

describe('inWords', () => {
  it('joins with commas and a last "and"', () => {
    expect(inWords([])).toBe('');
    expect(inWords(['manager'])).toBe('manager');
    expect(inWords(['manager', 'email'])).toBe('manager and email');
    expect(inWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
