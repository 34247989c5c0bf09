import fc from 'fast-check';
import { CHUNK_MEAN, ChunkItem, chunkList } from './emissionChunks';

/** `count` distinct refs, sorted, enough to hold several cuts. */
function refs(count: number, prefix = 'user:default/person-'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`).sort();
}

const rows = (keys: readonly string[]): ChunkItem[] =>
  keys.map(key => [key, `hash of ${key}`]);

describe('chunkList', () => {
  it('cuts a list into chunks that give it back in order', () => {
    const items = rows(refs(CHUNK_MEAN * 6));
    const chunks = chunkList('entities', items);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap(c => c.items)).toEqual(items);
    expect(new Set(chunks.map(c => c.key)).size).toBe(chunks.length);
  });

  it('cuts a list as without help when told the chunks of an earlier version', () => {
    const base = refs(CHUNK_MEAN * 5);
    // indexes of items removed, added after, and keys placed out of order
    const edits = fc.record({
      removed: fc.uniqueArray(fc.nat(base.length - 1), { maxLength: 40 }),
      added: fc.array(fc.nat(base.length - 1), { maxLength: 40 }),
      moved: fc.array(fc.nat(base.length - 1), { maxLength: 3 }),
      shuffled: fc.boolean(),
    });
    fc.assert(
      fc.property(edits, ({ removed, added, moved, shuffled }) => {
        const gone = new Set(removed);
        let keys = base.filter((_, i) => !gone.has(i));
        keys = [...keys, ...added.map(i => `${base[i]}-new`)].sort();
        // a few keys out of place, or the whole list in another order: the
        // help may then be useless, but never wrong
        for (const i of moved) {
          if (keys.length > 1) keys.unshift(...keys.splice(i % keys.length, 1));
        }
        if (shuffled) keys.reverse();
        const previous = chunkList('entities', rows(base));
        const items = rows(keys);
        expect(chunkList('entities', items, previous)).toEqual(
          chunkList('entities', items),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same chunks when the earlier version ends in a chunk without a cut', () => {
    const base = refs(CHUNK_MEAN * 3);
    const previous = chunkList('entities', rows(base));
    // the last chunk of a list usually ends where the list does, not at a cut
    const tail = previous[previous.length - 1].items;
    const longer = rows([...base, `${base[base.length - 1]}-z`].sort());
    expect(chunkList('entities', longer, previous)).toEqual(
      chunkList('entities', longer),
    );
    expect(
      chunkList('entities', rows(base.slice(0, -tail.length)), previous),
    ).toEqual(chunkList('entities', rows(base.slice(0, -tail.length))));
  });
});
