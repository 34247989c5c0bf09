import { hash } from 'node:crypto';

/**
 * How an emission is split for storage, so that writing it after a small
 * change (a re-home moves a few Groups, an exclusion removes one User) costs
 * what changed, not the whole list of 100k rows.
 *
 * Each of its lists (entity rows, User names, Group names) is cut into
 * chunks where the content says so: after every item whose key hashes to a
 * multiple of CHUNK_MEAN. Removing or adding an item therefore changes only
 * its own chunk (position-based chunks would shift every chunk after it).
 * A chunk is named after its list and first key, and is written only when
 * its items differ from the stored chunk of that name. Reading the chunks
 * back in order gives the lists exactly as they were written.
 */

/** Average items per chunk (a power of two). */
export const CHUNK_MEAN = 1024;

export type ChunkedList = 'entities' | 'userNames' | 'groupNames' | 'skipped';
export const CHUNKED_LISTS: readonly ChunkedList[] = [
  'entities',
  'userNames',
  'groupNames',
  'skipped',
];

/** An item of any of the lists: a tuple whose first element is its key. */
export type ChunkItem = readonly [string, ...unknown[]];

export interface Chunk {
  /** `<list>:<hash of the first key>:<n>`, unique in the emission */
  key: string;
  items: ChunkItem[];
}

/** What the emission column holds once an emission is stored in chunks. */
export interface ChunkManifest {
  version: 2;
  /** `skipped` is absent when the emission had none (written before it was kept) */
  chunks: Record<Exclude<ChunkedList, 'skipped'>, string[]> & {
    skipped?: string[];
  };
}

export function isChunkManifest(value: unknown): value is ChunkManifest {
  return (value as ChunkManifest)?.version === 2;
}

function isCut(key: string): boolean {
  // FNV-1a, 32 bit: cheap, and spreads entity refs evenly.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) & (CHUNK_MEAN - 1)) === 0;
}

export function chunkList(
  list: ChunkedList,
  items: readonly ChunkItem[],
): Chunk[] {
  const chunks: Chunk[] = [];
  const seen = new Map<string, number>();
  let current: ChunkItem[] = [];
  const close = () => {
    if (current.length === 0) return;
    const first = hash('sha1', current[0][0], 'hex').slice(0, 16);
    const n = seen.get(first) ?? 0;
    seen.set(first, n + 1);
    chunks.push({ key: `${list}:${first}:${n}`, items: current });
    current = [];
  };
  for (const item of items) {
    current.push(item);
    if (isCut(item[0])) close();
  }
  close();
  return chunks;
}

/** Whether two chunks hold the same items (tuples of strings and nulls). */
export function sameItems(
  a: readonly ChunkItem[],
  b: readonly ChunkItem[],
): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) {
      // undefined in memory is null once stored as JSON
      if ((x[j] ?? null) !== (y[j] ?? null)) return false;
    }
  }
  return true;
}
