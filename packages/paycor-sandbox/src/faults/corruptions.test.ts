import { isMalformedSlot, malformRecords, truncateJson } from './corruptions';

describe('corruptions', () => {
  it('cuts JSON mid-document', () => {
    const body = JSON.stringify({ records: [{ id: 'a' }, { id: 'b' }] });
    const cut = truncateJson(body);
    expect(body.startsWith(cut)).toBe(true);
    expect(cut.length).toBeLessThan(body.length);
    expect(() => JSON.parse(cut)).toThrow();
    expect(truncateJson('{}')).toBe('{');
  });

  it('damages every tenth record from the fourth, rotating the kinds of damage', () => {
    const records = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ id: `id-${i}`, name: 'x', email: { a: 1 } }),
    );
    expect(malformRecords(records)).toBe(3);
    const parsed = records.map(r => JSON.parse(r));
    expect(parsed[3]).not.toHaveProperty('id');
    expect(parsed[13].id).toBe(12345);
    expect(parsed[23].name).toBe(42);
    expect(parsed[0]).toEqual({ id: 'id-0', name: 'x', email: { a: 1 } });
    expect(isMalformedSlot(0, 2)).toBe(true);
  });
});
