import { deepMerge } from './deepMerge';

describe('deepMerge', () => {
  it('merges nested objects, replaces the rest and leaves the base untouched', () => {
    const shared = { city: 'Cincinnati', state: 'OH' };
    const base = {
      a: 1,
      nested: { x: 1, y: 2 },
      list: [1, 2],
      shared,
      gone: { z: 1 },
    };
    const merged = deepMerge(base, {
      nested: { y: 3 },
      list: [3],
      gone: null,
      extra: 'new',
    });
    expect(merged).toEqual({
      a: 1,
      nested: { x: 1, y: 3 },
      list: [3],
      shared,
      gone: null,
      extra: 'new',
    });
    expect(base.nested).toEqual({ x: 1, y: 2 });
    expect(merged.shared).toBe(shared);
  });
});
