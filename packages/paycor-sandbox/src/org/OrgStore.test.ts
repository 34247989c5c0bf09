import { RecordCollection } from './OrgStore';

const id = (n: number) => `0000000${n}-0000-0000-0000-000000000000`;

describe('RecordCollection', () => {
  it('keeps insertion order, sorted keyset order and case-insensitive lookups', () => {
    const collection = new RecordCollection([
      { id: id(3) },
      { id: id(1).toUpperCase() },
      { id: id(2) },
    ]);
    expect([...collection.values()].map(r => r.id)).toEqual([
      id(3),
      id(1).toUpperCase(),
      id(2),
    ]);
    expect(collection.keysInOrder()).toEqual([id(1), id(2), id(3)]);
    expect(collection.get(id(1))?.id).toBe(id(1).toUpperCase());
    expect(collection.indexAfter(undefined)).toBe(0);
    expect(collection.indexAfter(id(1))).toBe(1);
    expect(collection.indexAfter(id(0))).toBe(0);
    expect(collection.indexAfter(id(9))).toBe(3);
  });

  it('maintains the keyset index through inserts, replacements and deletes', () => {
    const collection = new RecordCollection([
      { id: id(2), v: 1 },
      { id: id(6), v: 1 },
    ]);
    collection.keysInOrder();
    collection.set({ id: id(4), v: 1 });
    collection.set({ id: id(2), v: 2 });
    expect(collection.keysInOrder()).toEqual([id(2), id(4), id(6)]);
    expect(collection.get(id(2))?.v).toBe(2);
    expect([...collection.values()].map(r => r.id)).toEqual([
      id(2),
      id(6),
      id(4),
    ]);
    expect(collection.delete(id(4))).toBe(true);
    expect(collection.delete(id(4))).toBe(false);
    expect(collection.keysInOrder()).toEqual([id(2), id(6)]);
    expect(collection.size).toBe(2);
  });
});
